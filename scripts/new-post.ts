/**
 * `npm run new:post -- "Title" [--slug my-slug] [--zh-title "中文标题"]`: writes
 * content/posts/<locale>/<slug>.mdx for every locale, as drafts, and never overwrites.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCommandLine, shownPath } from './command-line.ts';
import { scaffoldPost } from '../src/blog/scaffold.ts';

const usage = 'Usage: npm run new:post -- "Title" [--slug my-slug] [--zh-title "中文标题"]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const parsed = parseCommandLine({ slug: { type: 'string' }, 'zh-title': { type: 'string' } }, usage, fail);
const title = parsed.positionals.join(' ').trim();
if (!title) fail(`Give the post a title.\n${usage}`);

let scaffold;
try {
  scaffold = scaffoldPost({
    title,
    titles: { 'zh-cn': parsed.values['zh-title'] },
    slug: parsed.values.slug,
    date: new Date(),
  });
} catch (error) {
  fail((error as Error).message);
}

const postsDir = join(process.cwd(), 'content', 'posts');
const targets = scaffold.files.map((file) => ({ ...file, absolute: join(postsDir, file.path) }));
const existing = targets.filter((file) => existsSync(file.absolute));
if (existing.length > 0) {
  fail(
    `Not overwriting ${existing.map((file) => shownPath(file.absolute)).join(' and ')}: choose another title or --slug.`,
  );
}
for (const file of targets) {
  mkdirSync(dirname(file.absolute), { recursive: true });
  writeFileSync(file.absolute, file.content, { flag: 'wx' });
  console.log(`created ${shownPath(file.absolute)}`);
}
console.log(`\nNext: write the post, translate it, "npm run dev" to read it (drafts show there),
"npm run check:content", then remove "draft: true" from both files to publish. See docs/editing.md.`);
