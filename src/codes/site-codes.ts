/**
 * The site's code table at build time: published posts, the LINE account and `content/codes.yml`.
 * Read once per build; pages, the PNG routes and `scan-codes.json` all ask this one place.
 */
import { getPublishedPosts } from '../blog/collection.ts';
import { siteConfig } from '../site.config.ts';
import { buildCodeTable, codePosts, type ScanCode } from './code-table.ts';
import { readFlyerCodes } from './flyer-file.ts';

let table: Promise<ScanCode[]> | undefined;

/** Every code this build prints (see buildCodeTable). */
export function getCodeTable(): Promise<ScanCode[]> {
  table ??= getPublishedPosts().then((posts) =>
    buildCodeTable({
      siteUrl: siteConfig.siteUrl,
      follow: siteConfig.follow,
      posts: codePosts(posts),
      flyers: readFlyerCodes(),
    }),
  );
  return table;
}
