/**
 * `npm run check:content [-- <content-dir>]`: checks every post below <content-dir>/posts
 * (default: content/) and prints errors and warnings. Exits 1 when there is an error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkContent, formatFindings, type Finding } from '../src/blog/content-check.ts';
import { tagLabelSchema, type TagLabels } from '../src/blog/tag-labels.ts';
import type { Locale } from '../src/i18n/locales.ts';
import { parseFlyerCodes, type FlyerCode } from '../src/codes/code-table.ts';

const contentDir = resolve(process.argv[2] ?? 'content');
const postsDir = join(contentDir, 'posts');
if (!existsSync(postsDir)) {
  console.error(`No posts folder at ${postsDir}: pass the content directory, e.g. "npm run check:content -- content"`);
  process.exit(1);
}

const files = readdirSync(postsDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.mdx?$/.test(file))
  .sort()
  .map((file) => ({ path: `posts/${file.replace(/\\/g, '/')}`, source: readFileSync(join(postsDir, file), 'utf8') }));

// Tag names per language: content/tags.yml, validated like the build does.
const tagFindings: Finding[] = [];
let tagLabels: TagLabels | undefined;
const tagsFile = join(contentDir, 'tags.yml');
if (existsSync(tagsFile)) {
  const entries = Object.entries((parseYaml(readFileSync(tagsFile, 'utf8')) ?? {}) as Record<string, unknown>);
  const labels = new Map<string, Record<Locale, string>>();
  for (const [tag, value] of entries) {
    const parsed = tagLabelSchema.safeParse(value);
    if (parsed.success) labels.set(tag, parsed.data);
    else
      for (const issue of parsed.error.issues)
        tagFindings.push({
          level: 'error',
          file: 'tags.yml',
          field: [tag, ...issue.path].join('.'),
          message: issue.message,
        });
  }
  tagLabels = labels;
}

// Flyer QR codes: content/codes.yml, validated like the build does.
const codesFile = join(contentDir, 'codes.yml');
let flyers: FlyerCode[] = [];
if (existsSync(codesFile)) {
  try {
    flyers = parseFlyerCodes(parseYaml(readFileSync(codesFile, 'utf8')), 'codes.yml');
  } catch (error) {
    tagFindings.push({
      level: 'error',
      file: 'codes.yml',
      message: (error as Error).message.replace(/^codes\.yml (is invalid)?:?\s*(- )?/, ''),
    });
  }
}

const findings = [
  ...tagFindings,
  ...checkContent(files, {
    fileExists: (path) => existsSync(join(contentDir, path)),
    ...(tagLabels ? { tagLabels } : {}),
    flyers,
  }),
];
const shown = relative(process.cwd(), contentDir) || '.';
for (const line of formatFindings(findings, shown)) console.log(line);

const errors = findings.filter((finding) => finding.level === 'error').length;
const warnings = findings.length - errors;
console.log(
  `${files.length} post files checked in ${shown}/posts: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
);
process.exit(errors > 0 ? 1 : 0);
