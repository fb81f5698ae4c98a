/**
 * `npm run import:wordpress -- export.xml [--content DIR] [--include-spam] [--include-trash] [--no-comments] [--dry-run]`
 *
 * Moves a WordPress blog in from its export (WXR, Tools → Export): every published post becomes
 * content/posts/<locale>/<slug>.mdx (Polylang or WPML translations share a file name), its images
 * are downloaded next to it, its tags and categories are added to content/tags.yml, and its
 * comments go to the comment store (COMMENTS_DB, or whatever src/server/comments-config.ts opens).
 * Nothing is written unless everything can be: files are staged in a temporary folder and moved
 * in at the end; comments are stored in one transaction; a failure takes back what was moved.
 * Existing posts are kept (their thread gets the comments) and comments already imported are
 * skipped, so running it twice adds nothing twice.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseCommandLine, shownPath } from './command-line.ts';
import { parse as parseYaml } from 'yaml';
import { parsePostSource, readPostFiles } from '../src/blog/post-files.ts';
import { contentHash, withTranslatedFrom } from '../src/blog/translation-status.ts';
import type { CommentRecord } from '../src/comments/store.ts';
import { localeKeys } from '../src/i18n/locales.ts';
import { convertPostBody, htmlToPlainText, type Attachment } from '../src/import/html-to-mdx.ts';
import { fetchImage, type FetchedImage } from '../src/import/fetch-image.ts';
import { oldLinkRewriter, planComments, planPosts, type PlannedPost } from '../src/import/wordpress-plan.ts';
import { postPath } from '../src/routes/table.ts';
import { parseWxr, WxrError, type WxrExport } from '../src/import/wxr.ts';
import { openCommentsApi, readCommentsEnv } from '../src/server/comments-config.ts';

const USAGE =
  'usage: npm run import:wordpress -- export.xml [--content DIR] [--include-spam] [--include-trash] [--no-comments] [--dry-run]';

function fail(message: string): never {
  console.error(`import:wordpress: ${message}\nNothing was written.`);
  process.exit(1);
}

const { values, positionals } = parseCommandLine(
  {
    content: { type: 'string', default: 'content' },
    'include-spam': { type: 'boolean', default: false },
    'include-trash': { type: 'boolean', default: false },
    'no-comments': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
  },
  USAGE,
  fail,
);
if (positionals.length !== 1) fail(`give one export file.\n${USAGE}`);
const exportFile = resolve(positionals[0] as string);
const contentDir = resolve(values.content);
const shown = shownPath;
if (!existsSync(exportFile)) fail(`${shown(exportFile)} does not exist`);
if (!existsSync(join(contentDir, 'posts')))
  fail(`no posts folder in ${shown(contentDir)} (run it in the site's folder, or pass --content DIR)`);

let wxr: WxrExport;
try {
  wxr = parseWxr(readFileSync(exportFile, 'utf8'));
} catch (error) {
  if (error instanceof WxrError) fail(`${shown(exportFile)}: ${error.message}`);
  throw error;
}

// What is there already: posts (kept, never overwritten) and tag names.
const { posts: existingPosts, problems } = readPostFiles(contentDir);
if (problems.length > 0) fail(`fix these posts first (npm run check:content explains):\n  ${problems.join('\n  ')}`);
const tagsFile = join(contentDir, 'tags.yml');
const tagsText = existsSync(tagsFile) ? readFileSync(tagsFile, 'utf8') : '';
const knownTags = new Set(Object.keys((parseYaml(tagsText) ?? {}) as Record<string, unknown>));
const plan = planPosts(wxr, {
  posts: new Map(existingPosts.map((post) => [post.id, post.data.translationKey])),
  tags: knownTags,
});
const site = (() => {
  try {
    return new URL(wxr.link).host || 'wordpress';
  } catch {
    return 'wordpress';
  }
})();

const attachments = new Map<number, Attachment>(
  wxr.items
    .filter((item) => item.type === 'attachment' && item.attachmentUrl)
    .map((item) => [
      item.id,
      {
        url: item.attachmentUrl,
        alt: (item.meta.get('_wp_attachment_image_alt') ?? '').trim(),
        caption: htmlToPlainText(item.excerptHtml),
      },
    ]),
);
const toWrite = plan.posts.filter((post) => !post.exists);
const rewriteLink = oldLinkRewriter(plan.posts, wxr.link, postPath);

// Pass 1: the images the posts show; then fetch each once.
const imageUrls = new Set<string>();
for (const post of toWrite.filter((p) => /<img|\[gallery|\[caption/i.test(p.item.contentHtml))) {
  convertPostBody(post.item.contentHtml, {
    attachments,
    baseUrl: wxr.link,
    resolveImage: (url) => (imageUrls.add(url), { src: undefined }),
  });
}
const fetched = new Map<string, FetchedImage>();
const queue = [...imageUrls];
await Promise.all(
  Array.from({ length: Math.min(4, queue.length) }, async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) fetched.set(url, await fetchImage(url));
  }),
);

// Pass 2: the files, staged in memory first.
const files = new Map<string, string | Uint8Array>(); // path below contentDir → content
const imageProblems: string[] = [];
const shortcodeReports: string[] = [];
const bodies = new Map<PlannedPost, { body: string; path: string }>();
const yamlString = (value: string) => JSON.stringify(value);
for (const post of toWrite) {
  const path = `posts/${post.locale}/${post.slug}.mdx`;
  const names = new Map<string, string>();
  const { markdown, shortcodes } = convertPostBody(post.item.contentHtml, {
    attachments,
    baseUrl: wxr.link,
    rewriteLink,
    resolveImage: (url) => {
      const image = fetched.get(url);
      if (!image?.ok) {
        imageProblems.push(`${path}: ${url} could not be fetched (${image?.reason ?? 'not tried'}): kept as a link`);
        return { src: undefined };
      }
      let name = names.get(url);
      if (!name) {
        const base = (
          decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '')
            .replace(/\.[a-z0-9]+$/i, '')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '') || 'image'
        ).slice(0, 60);
        name = `${base}.${image.extension}`;
        for (let n = 2; [...names.values()].includes(name); n++) name = `${base}-${n}.${image.extension}`;
        names.set(url, name);
        files.set(`posts/${post.locale}/images/${post.slug}/${name}`, image.bytes);
      }
      return { src: `./images/${post.slug}/${name}` };
    },
  });
  const frontmatter = [
    '---',
    `title: ${yamlString(post.title)}`,
    `description: ${yamlString(post.description)}`,
    `pubDate: ${post.pubDate}`,
    `tags: ${JSON.stringify(post.tags)}`,
    `author: ${yamlString(post.author)}`,
    `translationKey: ${yamlString(post.translationKey)}`,
    '---',
    '',
  ];
  const text = `${frontmatter.join('\n')}\n${markdown}\n`;
  for (const shortcode of shortcodes) {
    shortcodeReports.push(
      `${shown(join(contentDir, path))}:${frontmatter.length + shortcode.line}  ${shortcode.text}  (WordPress shortcode "${shortcode.name}": rewrite it in Markdown or an MDX component, or delete it)`,
    );
  }
  try {
    parsePostSource(text);
  } catch (error) {
    fail(`the post "${post.item.title}" would not be valid (${(error as Error).message}); please report this`);
  }
  files.set(path, text);
  bodies.set(post, { body: markdown, path });
}
// A translation written together with its original records the original's hash (npm run translations).
for (const post of toWrite) {
  if (!post.sourceLocale) continue;
  const source = toWrite.find(
    (other) => other.translationKey === post.translationKey && other.locale === post.sourceLocale,
  );
  const own = bodies.get(post);
  if (!source || !own) continue;
  const value = `${source.locale}:${contentHash({ data: source, body: bodies.get(source)?.body })}`;
  files.set(own.path, withTranslatedFrom(files.get(own.path) as string, value));
}
let tagsAddition = '';
if (plan.newTags.size > 0) {
  tagsAddition = `\n# Imported from WordPress (${site}): check the names in every language.\n${[...plan.newTags]
    .map(
      ([tag, labels]) =>
        `${tag}:\n${localeKeys.map((locale) => `  ${locale}: ${yamlString(labels[locale])}`).join('\n')}`,
    )
    .join('\n')}\n`;
}

// Files that exist already: posts are kept (planned as such); an image of the same name must be identical.
for (const [path, content] of files) {
  const target = join(contentDir, path);
  if (!existsSync(target)) continue;
  if (typeof content !== 'string' && Buffer.compare(readFileSync(target), Buffer.from(content)) === 0)
    files.delete(path);
  else
    fail(
      `${shown(target)} exists already and differs from what the import would write: move it away or delete it, then run again`,
    );
}

// Comments: planned against what the store holds (ids, earlier imports), stored last in one transaction.
let comments: { records: CommentRecord[]; skipped: Map<string, number>; warnings: string[] } = {
  records: [],
  skipped: new Map(),
  warnings: [],
};
let store: Awaited<ReturnType<typeof openCommentsApi>>['store'] | undefined;
let dbName = '';
if (!values['no-comments']) {
  try {
    const opened = await openCommentsApi(readCommentsEnv());
    store = opened.store;
    dbName = opened.dbPath;
  } catch (error) {
    fail(`cannot open the comment store: ${(error as Error).message}`);
  }
  const all = await store.all();
  comments = planComments(
    plan.posts.map((post) => ({ thread: post.translationKey, locale: post.locale, comments: post.item.comments })),
    all,
    {
      includeSpam: values['include-spam'],
      includeTrash: values['include-trash'],
      site,
      firstId: Math.max(0, ...all.map((c) => c.id)) + 1,
    },
  );
}

// The report, before writing: the same for a dry run.
const lines: string[] = [
  `WordPress export: ${wxr.title || '(untitled)'} (${wxr.link || 'no address'}), ${wxr.items.length} items`,
];
for (const post of plan.posts) {
  const file = shown(join(contentDir, 'posts', post.locale, `${post.slug}.mdx`));
  lines.push(
    post.exists
      ? `  kept    ${file} (exists; comments go to its thread "${post.translationKey}")`
      : `  ${values['dry-run'] ? 'would write' : 'wrote'} ${file}${post.sourceLocale ? ` (translation of ${post.sourceLocale})` : ''}`,
  );
}
for (const [reason, count] of plan.skipped) lines.push(`  skipped ${count} ${reason}`);
const imageFiles = [...files.keys()].filter((path) => !path.endsWith('.mdx'));
lines.push(
  `Images: ${imageFiles.length} downloaded into the posts' images/ folders, ${imageProblems.length} could not be fetched`,
);
for (const problem of imageProblems) lines.push(`  ${problem}`);
if (imageProblems.length > 0) {
  const hosts = [
    ...new Set(imageProblems.map((problem) => /(https?:\/\/[^/\s]+)/.exec(problem)?.[1]).filter(Boolean)),
  ].join(', ');
  lines.push(
    `  These stay links to the old site. Shown as images from there, the site's Content-Security-Policy (img-src 'self' data:, src/build/csp.ts) would block them: allow ${hosts} in img-src only if you keep that host running, or better download the files into the post's images/ folder and write them as ![alt text](./images/…).`,
  );
}
if (shortcodeReports.length > 0) {
  lines.push(`Shortcodes not converted (left in the text; readers would see them as they are):`);
  for (const report of shortcodeReports) lines.push(`  ${report}`);
}
if (plan.newTags.size > 0) lines.push(`Tags added to ${shown(tagsFile)}: ${[...plan.newTags.keys()].join(', ')}`);
if (!values['no-comments']) {
  const counts = new Map<string, number>();
  for (const record of comments.records) counts.set(record.status, (counts.get(record.status) ?? 0) + 1);
  lines.push(
    `Comments into ${dbName}: ${comments.records.length} ${values['dry-run'] ? 'to add' : 'added'}${counts.size ? ` (${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')})` : ''}; emails kept for moderators only, IP addresses not kept`,
  );
  for (const [reason, count] of comments.skipped) {
    const hint =
      reason === 'spam'
        ? ' (--include-spam keeps them, as spam)'
        : reason === 'trash'
          ? ' (--include-trash keeps them, as trash)'
          : '';
    lines.push(`  skipped ${count} ${reason}${hint}`);
  }
}
const warnings = [...plan.warnings, ...comments.warnings];
if (warnings.length > 0) lines.push('Warnings:', ...warnings.map((warning) => `  ${warning}`));

if (values['dry-run']) {
  console.log(lines.join('\n'));
  console.log('Dry run: nothing was written.');
  await store?.close();
  process.exit(0);
}

// Stage every file on the same file system, then move them in; undo the moves if anything fails.
const staging = mkdtempSync(join(contentDir, '.wordpress-import-'));
const moved: string[] = [];
const takeBack = () => {
  for (const target of moved.reverse()) rmSync(target, { force: true });
  if (tagsAddition) writeFileSync(tagsFile, tagsText);
};
try {
  for (const [path, content] of files) {
    const staged = join(staging, path);
    mkdirSync(dirname(staged), { recursive: true });
    writeFileSync(staged, content);
  }
  for (const path of files.keys()) {
    const target = join(contentDir, path);
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target)) throw new Error(`${shown(target)} appeared while importing`);
    renameSync(join(staging, path), target);
    moved.push(target);
  }
  if (tagsAddition) writeFileSync(tagsFile, `${tagsText.replace(/\n*$/, '\n')}${tagsAddition}`);
  if (store && comments.records.length > 0) {
    const added = await store.importMany(comments.records);
    // importMany skips ids that exist: a comment posted on the site meanwhile could have taken one.
    const stored = await Promise.all(comments.records.map((record) => store.get(record.id)));
    if (
      added !== comments.records.length ||
      stored.some((record, i) => record?.ipHash !== comments.records[i]?.ipHash)
    ) {
      for (const [i, record] of stored.entries())
        if (record && record.ipHash === comments.records[i]?.ipHash) await store.delete(record.id);
      throw new Error(
        'comments were posted on the site while importing, so the new ids were taken: run the import again',
      );
    }
  }
} catch (error) {
  takeBack();
  rmSync(staging, { recursive: true, force: true });
  await store?.close();
  fail((error as Error).message);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
await store?.close();
console.log(lines.join('\n'));
const written = toWrite.length;
console.log(
  `\nDone: ${written} post file${written === 1 ? '' : 's'} written, ${comments.records.length} comment${comments.records.length === 1 ? '' : 's'} added. Next: npm run check:content, read the posts with npm run dev, and translate the tag names in content/tags.yml if needed.`,
);
