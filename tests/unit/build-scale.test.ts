import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { postSchema } from '../../src/blog/schema.ts';
import {
  findTranslation,
  postsByTranslationKey,
  relatedPosts,
  relatedPostsById,
  type PostLike,
} from '../../src/blog/posts.ts';
import { cacheKeyOf, withCacheKeys } from '../../src/blog/cache-key.ts';
import { encodeQrPng } from '../../src/follow/qr-png.ts';
import { nextElementId } from '../../src/follow/element-id.ts';
import { pageUrl } from '../../src/build/post-build.ts';
import { decodeQrPng } from '../fixtures/qr-decode.ts';

/** Deterministic posts in two locales with overlapping tags, some same-day dates, links and gaps in translation. */
function manyPosts(count: number): (PostLike & { body: string })[] {
  const tags = ['a', 'b', 'c', 'd', 'e', 'f'];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const posts: (PostLike & { body: string })[] = [];
  for (let i = 0; i < count; i += 1) {
    for (const locale of ['en', 'zh-cn']) {
      if (locale === 'zh-cn' && i % 5 === 0) continue;
      const postTags = tags.filter(() => random() < 0.35);
      posts.push({
        id: `${locale}/p${i}`,
        body: random() < 0.2 ? `See [this](/blog/p${Math.floor(random() * count)}/).` : 'Text.',
        data: postSchema.parse({
          title: `Post ${Math.floor(random() * 20)}`,
          description: 'D',
          pubDate: `20${10 + Math.floor(random() * 10)}-0${1 + Math.floor(random() * 9)}-01`,
          tags: postTags,
          translationKey: `p${i}`,
        }),
      });
    }
  }
  return posts;
}

describe('relatedPostsById', () => {
  it('gives every post exactly the list relatedPosts gives it', () => {
    const posts = manyPosts(120);
    const all = relatedPostsById(posts);
    for (const post of posts)
      expect(
        all.get(post.id)?.map((p) => p.id),
        post.id,
      ).toEqual(relatedPosts(posts, post).map((p) => p.id));
  });
});

describe('postsByTranslationKey', () => {
  it('finds what findTranslation finds', () => {
    const posts = manyPosts(60);
    const byKey = postsByTranslationKey(posts);
    for (const post of posts) {
      for (const locale of ['en', 'zh-cn'] as const) {
        expect(byKey.get(post.data.translationKey)?.get(locale)?.id).toBe(findTranslation(posts, post, locale)?.id);
      }
    }
  });
});

describe('cacheKeyOf', () => {
  const entry = (digest: string, title = 'T') => ({
    id: 'en/a',
    collection: 'posts',
    digest,
    data: { title },
    body: 'x',
  });

  it('is the same for the same things shown and changes with any of them', () => {
    const key = cacheKeyOf({ lang: undefined, slug: 'a' }, { post: entry('1'), related: [entry('2')] });
    expect(cacheKeyOf({ lang: undefined, slug: 'a' }, { post: entry('1'), related: [entry('2')] })).toBe(key);
    expect(cacheKeyOf({ lang: undefined, slug: 'a' }, { post: entry('1'), related: [entry('3')] })).not.toBe(key);
    expect(cacheKeyOf({ lang: 'zh-cn', slug: 'a' }, { post: entry('1'), related: [entry('2')] })).not.toBe(key);
    expect(cacheKeyOf(new Date('2020-01-01'))).not.toBe(cacheKeyOf(new Date('2020-01-02')));
    expect(cacheKeyOf(new Map([['wechat', { en: 'WeChat' }]]))).not.toBe(
      cacheKeyOf(new Map([['wechat', { en: 'Weixin' }]])),
    );
  });

  it('stands for an entry by its digest, so a post whose text changed gives another key', () => {
    expect(cacheKeyOf(entry('1', 'T'))).toBe(cacheKeyOf(entry('1', 'T')));
    expect(cacheKeyOf(entry('1'))).not.toBe(cacheKeyOf(entry('2')));
    // Without a digest the data and body themselves count.
    const { digest: _unused, ...noDigest } = entry('1');
    expect(cacheKeyOf(noDigest)).not.toBe(cacheKeyOf({ ...noDigest, body: 'y' }));
  });

  it('withCacheKeys keys each path by its params, props and what the page reads itself', async () => {
    let shown = 'one';
    const paths = withCacheKeys(
      () => [
        { params: { slug: 'a' }, props: { n: 1 } },
        { params: { slug: 'b' }, props: { n: 1 } },
      ],
      () => shown,
    );
    const first = await paths();
    expect(first.map((p) => p.params.slug)).toEqual(['a', 'b']);
    expect(first[0]?.cacheKey).not.toBe(first[1]?.cacheKey);
    expect((await paths())[0]?.cacheKey).toBe(first[0]?.cacheKey);
    shown = 'two';
    expect((await paths())[0]?.cacheKey).not.toBe(first[0]?.cacheKey);
  });
});

describe('encodeQrPng', () => {
  it.each(['https://syengage.com/blog/x/?utm_source=qr', 'x', 'https://line.me/R/ti/p/%40syengage'.repeat(4)])(
    'writes a 1-bit PNG of %s that decodes back to it',
    (payload) => {
      const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
      const png = encodeQrPng(qr.modules, 4, 5);
      const image = PNG.sync.read(Buffer.from(png));
      expect(image.width).toBe((qr.modules.size + 8) * 5);
      expect(image.height).toBe(image.width);
      expect(decodeQrPng(png).text).toBe(payload);
      // Top-left corner: quiet zone (white), then the finder pattern's dark corner module.
      expect(image.data[0]).toBe(255);
      const at = (4 * 5 * image.width + 4 * 5) * 4;
      expect(image.data[at]).toBe(0);
    },
  );

  it('refuses a scale or margin that is not a whole number', () => {
    const qr = QRCode.create('x', { errorCorrectionLevel: 'M' });
    expect(() => encodeQrPng(qr.modules, 4, 1.5)).toThrow(/whole numbers/);
  });
});

describe('nextElementId', () => {
  it('counts per page, so a page gets the same ids whatever was rendered before it', () => {
    const first = {};
    const second = {};
    expect(nextElementId('share', first)).toBe('share-1');
    expect(nextElementId('follow', first)).toBe('follow-2');
    expect(nextElementId('share', second)).toBe('share-1');
  });
});

describe('pageUrl', () => {
  it('gives the URL a built file is served at', () => {
    const files = ['index.html', 'blog/a/index.html', 'zh-cn/blog/a/index.html', '404.html'];
    expect(files.map(pageUrl)).toEqual(['/', '/blog/a/', '/zh-cn/blog/a/', '/404.html']);
  });
});
