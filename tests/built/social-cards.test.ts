import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { decodeAttribute, distDir, distFiles, fileForUrl, readDist, requireBuild } from './dist-files.ts';
import { siteConfig } from '../../src/site.config.ts';

beforeAll(requireBuild);

/** The content of `<meta property|name="key" content="…">` in a page. */
function meta(html: string, key: string): string | undefined {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/g)) {
    if (new RegExp(`\\b(?:property|name)="${key.replace(/[.:]/g, '\\$&')}"`).test(tag)) {
      const content = /\bcontent="([^"]*)"/.exec(tag)?.[1];
      return content === undefined ? undefined : decodeAttribute(content);
    }
  }
  return undefined;
}

const pngSize = (file: string) => {
  const image = PNG.sync.read(readFileSync(join(distDir, file)));
  return [image.width, image.height];
};

describe('social cards', () => {
  // One page of every type, in both languages.
  const pageTypes = {
    home: 'index.html',
    post: 'blog/wechat-mobile-marketing-mayhem/index.html',
    'tag list': 'tags/index.html',
    tag: 'tags/wechat/index.html',
    search: 'search/index.html',
    follow: 'follow/index.html',
  };

  for (const [type, file] of Object.entries(pageTypes)) {
    for (const prefix of ['', 'zh-cn/']) {
      it(`${prefix}${file} (${type}) has an absolute og:image of 1200×630 with alt text and a large Twitter card`, () => {
        const html = readDist(`${prefix}${file}`);
        const image = meta(html, 'og:image');
        expect(image).toBeDefined();
        const url = new URL(image!);
        expect(url.protocol).toBe('https:');
        expect(url.origin).toBe(new URL(siteConfig.siteUrl).origin);
        // A post has a card of its own next to it; every other page the default card of its language.
        expect(url.pathname).toBe(
          type === 'post'
            ? `/${prefix}${file.replace(/index\.html$/, '')}social-card.png`
            : `/${prefix}social-card.png`,
        );
        const png = fileForUrl(image!);
        expect(png, `${image} is in dist/`).not.toBeNull();
        expect(pngSize(png!)).toEqual([1200, 630]);
        expect(meta(html, 'og:image:width')).toBe('1200');
        expect(meta(html, 'og:image:height')).toBe('630');
        expect(meta(html, 'og:image:type')).toBe('image/png');
        expect(meta(html, 'og:image:alt')?.length).toBeGreaterThan(10);
        expect(meta(html, 'twitter:card')).toBe('summary_large_image');
        if (type === 'post') expect(meta(html, 'og:image:alt')).toContain(meta(html, 'og:title'));
      });
    }
  }

  it('gives every page an og:image that is in dist/', () => {
    // Scan pages (/q/<name>/) only forward to their target at once: nobody shares them.
    const missing = distFiles('.html')
      .filter((file) => !file.startsWith('q/'))
      .filter((file) => {
        const image = meta(readDist(file), 'og:image');
        return !image || !fileForUrl(image);
      });
    expect(missing).toEqual([]);
  });

  it('builds one card per post and language, each a 1200×630 PNG', () => {
    const posts = distFiles('.html').filter((file) => /^(zh-cn\/)?blog\/[^/]+\/index\.html$/.test(file));
    expect(posts.length).toBeGreaterThanOrEqual(6);
    for (const post of posts)
      expect(existsSync(join(distDir, post.replace(/index\.html$/, 'social-card.png'))), post).toBe(true);
    const cards = distFiles('social-card.png');
    expect(cards.length).toBe(posts.length + 2);
    for (const card of cards) expect(pngSize(card), card).toEqual([1200, 630]);
  });
});
