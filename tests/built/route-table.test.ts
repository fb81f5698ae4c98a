import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { distDir, requireBuild } from './dist-files.ts';
import { readPostFiles } from '../../src/blog/post-files.ts';
import { isPublished, sortNewestFirst } from '../../src/blog/posts.ts';
import { buildCodeTable, codePosts } from '../../src/codes/code-table.ts';
import { readFlyerCodes } from '../../src/codes/flyer-file.ts';
import { distFileOf, siteRoutes, TOOL_DIRECTORIES, type RouteEntry } from '../../src/routes/table.ts';
import { siteConfig } from '../../src/site.config.ts';

beforeAll(requireBuild);

/** The route table over the content the build read: published posts of content/ and the flyers of content/codes.yml. */
function tableFiles(): Map<string, string> {
  const root = join(import.meta.dirname, '..', '..');
  const posts = sortNewestFirst(
    readPostFiles(join(root, 'content')).posts.filter((post) => isPublished(post, new Date())),
  );
  const codes = buildCodeTable({
    siteUrl: siteConfig.siteUrl,
    follow: siteConfig.follow,
    posts: codePosts(posts),
    flyers: readFlyerCodes(root),
  });
  const files = new Map<string, string>();
  for (const [route, entries] of Object.entries(siteRoutes({ posts, codes })))
    for (const entry of entries as RouteEntry<unknown>[]) files.set(distFileOf(entry.path), route);
  return files;
}

function distListing(): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(distDir, file)).isFile())
    .map((file) => relative(distDir, join(distDir, file)).replace(/\\/g, '/'))
    .sort();
}

describe('the route table against dist/', () => {
  it('knows every file the build wrote (tool directories by their prefix)', () => {
    const known = tableFiles();
    const tools = Object.values(TOOL_DIRECTORIES).map((prefix) => prefix.slice(1));
    // A precompressed copy (`npm run precompress`) stands for its file.
    const unknown = distListing().filter(
      (file) => !known.has(file.replace(/\.(br|gz)$/, '')) && !tools.some((prefix) => file.startsWith(prefix)),
    );
    expect(unknown).toEqual([]);
  });

  it('finds every file it lists in dist/', () => {
    const written = new Set(distListing());
    const missing = [...tableFiles()]
      .filter(([file]) => !written.has(file))
      .map(([file, route]) => `${route}: ${file}`);
    expect(missing).toEqual([]);
  });

  it('covers pages, feeds, QR codes, social cards and scan pages in both languages', () => {
    const routes = new Set(tableFiles().values());
    expect([...routes].sort()).toEqual(
      expect.arrayContaining(['post', 'postQr', 'postSocialCard', 'followQr', 'scanPage', 'scanQr', 'rss', 'notFound']),
    );
    for (const tool of Object.values(TOOL_DIRECTORIES))
      expect(
        distListing().some((file) => file.startsWith(tool.slice(1))),
        tool,
      ).toBe(true);
  });
});
