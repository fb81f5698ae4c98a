/**
 * The moderation page (/admin/, served by the API process) is never offered to search engines or
 * to the site's own search: robots.txt disallows it, the sitemap and the Pagefind index hold no
 * page under it, and the build writes no file there (the page itself says noindex: tests/server/admin-page.test.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { distDir, readDist, requireBuild } from './dist-files.ts';

beforeAll(requireBuild);

describe('the moderation page is never indexed', () => {
  it('is disallowed in robots.txt', () => {
    expect(readDist('robots.txt').split('\n')).toContain('Disallow: /admin/');
  });

  it('is in no sitemap, has no built file, and is in no Pagefind record', () => {
    const sitemaps = readdirSync(distDir).filter((file) => /^sitemap.*\.xml$/.test(file));
    expect(sitemaps.length).toBeGreaterThan(1);
    for (const file of sitemaps) expect(readDist(file), file).not.toMatch(/\/admin[/<]/);
    expect(existsSync(join(distDir, 'admin'))).toBe(false);
    const fragments = join(distDir, 'pagefind', 'fragment');
    const records = readdirSync(fragments);
    expect(records.length).toBeGreaterThan(0);
    for (const file of records) {
      const record = JSON.parse(
        gunzipSync(readFileSync(join(fragments, file)))
          .toString('utf8')
          .replace(/^pagefind_dcd/, ''),
      ) as {
        url: string;
      };
      expect(record.url, file).not.toMatch(/^\/admin/);
    }
  });
});
