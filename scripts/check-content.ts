/**
 * `npm run check:content [-- <content-dir>]`: checks every post below <content-dir>/posts
 * (default: content/) and prints errors and warnings. Exits 1 when there is an error.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkContent, formatFindings } from '../src/blog/content-check.ts';

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

const findings = checkContent(files, { fileExists: (path) => existsSync(join(contentDir, path)) });
const shown = relative(process.cwd(), contentDir) || '.';
for (const line of formatFindings(findings, shown)) console.log(line);

const errors = findings.filter((finding) => finding.level === 'error').length;
const warnings = findings.length - errors;
console.log(`${files.length} post files checked in ${shown}/posts: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
process.exit(errors > 0 ? 1 : 0);
