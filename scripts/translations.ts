/**
 * Translation status of every post, in both directions (src/blog/translation-status.ts):
 *
 *   npm run translations [-- --strict] [--json] [--content DIR]
 *       one line per post: its state in each language (original, up to date, outdated, missing,
 *       untracked). --strict exits 1 when any post is outdated, missing or untracked (for CI).
 *   npm run translations -- mark <slug> [--from en|zh-cn] [--content DIR]
 *       records in each translation of <slug> that it matches its source's current text: after
 *       translating a change, or when the change needs no new translation (a typo fix).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandLine, shownPath } from './command-line.ts';
import { readPostFiles } from '../src/blog/post-files.ts';
import {
  markPlan,
  needsWork,
  translationTable,
  withTranslatedFrom,
  type TranslationState,
} from '../src/blog/translation-status.ts';
import { isLocale, localeKeys } from '../src/i18n/locales.ts';

const USAGE = `usage: npm run translations [-- --strict] [--json] [--content DIR]
       npm run translations -- mark <slug> [--from ${localeKeys.join('|')}] [--content DIR]`;

const LABELS: Record<TranslationState, string> = {
  original: 'original',
  'up-to-date': 'up to date',
  outdated: 'OUTDATED',
  missing: 'MISSING',
  untracked: 'untracked',
};

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values, positionals } = parseCommandLine(
  {
    strict: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    from: { type: 'string' },
    content: { type: 'string', default: 'content' },
  },
  USAGE,
  fail,
);
const contentDir = resolve(values.content);
const { posts, problems } = readPostFiles(contentDir);
for (const problem of problems) console.error(`skipped ${problem} (npm run check:content explains)`);
const shown = shownPath;

const [command, ...rest] = positionals;
if (command === 'mark') {
  const slug = rest[0];
  if (!slug || rest.length > 1) fail(`Give one post's file name (slug).\n${USAGE}`);
  if (values.from !== undefined && !isLocale(values.from)) fail(`--from must be one of ${localeKeys.join(', ')}`);
  // The slug is the file name; translations share it, and usually the translation key too.
  const key = posts.find((post) => post.id.endsWith(`/${slug}`))?.data.translationKey ?? slug;
  const plan = markPlan(posts, key, isLocale(values.from) ? values.from : undefined);
  if (!plan.ok) fail(`Cannot mark: ${plan.message}.`);
  for (const { post, translatedFrom } of plan.updates) {
    const next = withTranslatedFrom(post.source, translatedFrom);
    if (next === post.source) {
      console.log(`unchanged ${shown(post.file)}`);
      continue;
    }
    writeFileSync(post.file, next);
    console.log(
      translatedFrom
        ? `marked    ${shown(post.file)}: translatedFrom ${translatedFrom}`
        : `original  ${shown(post.file)}: translatedFrom removed`,
    );
  }
  process.exit(0);
}
if (command !== undefined) fail(`Unknown command "${command}".\n${USAGE}`);

const rows = translationTable(posts);
if (values.json) {
  console.log(
    JSON.stringify(
      rows.map((row) => ({
        slug: row.slug,
        translationKey: row.translationKey,
        ...Object.fromEntries(
          localeKeys.map((locale) => [
            locale,
            {
              state: row.cells[locale].state,
              source: row.cells[locale].source,
              draft: row.cells[locale].post?.data.draft,
            },
          ]),
        ),
      })),
      null,
      2,
    ),
  );
} else {
  const width = Math.max(4, ...rows.map((row) => row.slug.length));
  console.log(`${'post'.padEnd(width)}  ${localeKeys.map((locale) => locale.padEnd(22)).join('')}`.trimEnd());
  for (const row of rows) {
    const cells = localeKeys.map((locale) => {
      const cell = row.cells[locale];
      const text = `${LABELS[cell.state]}${cell.source && cell.state !== 'missing' ? ` (from ${cell.source})` : ''}${cell.post?.data.draft ? ', draft' : ''}`;
      return text.padEnd(22);
    });
    console.log(`${row.slug.padEnd(width)}  ${cells.join('')}`.trimEnd());
  }
}
const open = rows.filter((row) => localeKeys.some((locale) => needsWork(row.cells[locale].state)));
const outdated = rows.filter((row) => localeKeys.some((locale) => row.cells[locale].state === 'outdated')).length;
const summary = `${rows.length} posts: ${rows.length - open.length} fully translated and up to date, ${outdated} with an outdated translation, ${open.length - outdated} missing or untracked`;
if (values.json) console.error(summary);
else console.log(`\n${summary}`);
if (outdated > 0 && !values.json) {
  console.log(
    'After updating a translation, or when the change needs none (a typo fix): npm run translations -- mark <post>',
  );
}
process.exit(values.strict && open.length > 0 ? 1 : 0);
