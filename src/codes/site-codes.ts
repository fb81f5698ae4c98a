/**
 * The site's code table at build time: published posts, the LINE account and `content/codes.yml`.
 * Read once per build; pages, the PNG routes and `scan-codes.json` all ask this one place.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { getPublishedPosts, postSlug } from '../blog/collection.ts';
import { parsePostId } from '../blog/posts.ts';
import { postPath } from '../i18n/urls.ts';
import { siteConfig } from '../site.config.ts';
import { buildCodeTable, CODES_FILE, parseFlyerCodes, type FlyerCode, type ScanCode } from './code-table.ts';

/** `content/codes.yml` of the project being built (absent: no flyer codes). */
export function readFlyerCodes(root = process.cwd()): FlyerCode[] {
  const path = resolve(root, CODES_FILE);
  if (!existsSync(path)) return [];
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${CODES_FILE} is not valid YAML: ${(error as Error).message}`);
  }
  return parseFlyerCodes(data);
}

let table: Promise<ScanCode[]> | undefined;

/** Every code this build prints (see buildCodeTable). */
export function getCodeTable(): Promise<ScanCode[]> {
  table ??= getPublishedPosts().then((posts) =>
    buildCodeTable({
      siteUrl: siteConfig.siteUrl,
      follow: siteConfig.follow,
      posts: posts.map((post) => {
        const { locale } = parsePostId(post.id);
        return { locale, translationKey: post.data.translationKey, path: postPath(locale, postSlug(post)) };
      }),
      flyers: readFlyerCodes(),
    }),
  );
  return table;
}
