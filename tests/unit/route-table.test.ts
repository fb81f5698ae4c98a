import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  inSitemap,
  listPagePath,
  localeFromPath,
  localePath,
  localizePath,
  matchRoute,
  postPath,
  publishedPaths,
  ROUTES,
  sitePath,
  siteRoutes,
  stripLocale,
  switchLocaleUrl,
} from '../../src/routes/table.ts';
import { postSchema } from '../../src/blog/schema.ts';

describe('localeFromPath', () => {
  it.each([
    ['/', 'en'],
    ['/blog/x/', 'en'],
    ['/zh-cn/', 'zh-cn'],
    ['/zh-cn/blog/x/', 'zh-cn'],
    ['/zh-cnx/', 'en'],
    ['/en/blog/', 'en'],
  ])('%s belongs to %s', (path, locale) => {
    expect(localeFromPath(path)).toBe(locale);
  });
});

describe('localizePath and stripLocale', () => {
  it('adds no prefix for the default locale and the locale prefix for others', () => {
    expect(localizePath('/', 'en')).toBe('/');
    expect(localizePath('/', 'zh-cn')).toBe('/zh-cn/');
    expect(localizePath('/blog/a/', 'zh-cn')).toBe('/zh-cn/blog/a/');
    expect(localizePath('rss.xml', 'zh-cn')).toBe('/zh-cn/rss.xml');
  });

  it('undoes localizePath', () => {
    for (const path of ['/', '/blog/a/', '/follow/']) {
      expect(stripLocale(localizePath(path, 'zh-cn'))).toBe(path);
      expect(stripLocale(localizePath(path, 'en'))).toBe(path);
    }
    expect(stripLocale('/zh-cn')).toBe('/');
  });
});

describe('switchLocaleUrl', () => {
  it('lands on the same post in the other language', () => {
    expect(switchLocaleUrl('/blog/wechat-mobile-marketing-mayhem/', 'zh-cn')).toBe(
      '/zh-cn/blog/wechat-mobile-marketing-mayhem/',
    );
    expect(switchLocaleUrl('/zh-cn/blog/wechat-mobile-marketing-mayhem/', 'en')).toBe(
      '/blog/wechat-mobile-marketing-mayhem/',
    );
  });

  it('switches the home pages', () => {
    expect(switchLocaleUrl('/', 'zh-cn')).toBe('/zh-cn/');
    expect(switchLocaleUrl('/zh-cn/', 'en')).toBe('/');
  });

  it('keeps the query string and the fragment', () => {
    expect(switchLocaleUrl('/blog/a/?page=2#comments', 'zh-cn')).toBe('/zh-cn/blog/a/?page=2#comments');
  });

  it('keeps the origin of an absolute URL', () => {
    expect(switchLocaleUrl(new URL('https://www.syengage.com/zh-cn/blog/a/'), 'en')).toBe(
      'https://www.syengage.com/blog/a/',
    );
    expect(switchLocaleUrl('https://example.com/blog/a/', 'zh-cn')).toBe('https://example.com/zh-cn/blog/a/');
  });

  it('is a no-op when the target is the current locale', () => {
    expect(switchLocaleUrl('/zh-cn/blog/a/', 'zh-cn')).toBe('/zh-cn/blog/a/');
  });
});

describe('postPath', () => {
  it('addresses posts by locale and slug', () => {
    expect(postPath('en', 'a')).toBe('/blog/a/');
    expect(postPath('zh-cn', 'a')).toBe('/zh-cn/blog/a/');
  });
});

describe('the route table', () => {
  const root = join(import.meta.dirname, '..', '..');
  const filesUnder = (dir: string) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => statSync(join(root, dir, file)).isFile())
      .map((file) => `${dir}/${file.replace(/\\/g, '/')}`);

  it('claims every route file of src/pages/ and every file of public/, each once, and names only files that exist', () => {
    const claimed = Object.values(ROUTES).flatMap((route) =>
      route.sources.filter((source) => /^(src\/pages|public)\//.test(source)),
    );
    expect([...claimed].sort()).toEqual([...filesUnder('src/pages'), ...filesUnder('public')].sort());
    expect(new Set(claimed).size).toBe(claimed.length);
  });

  it('names each parameter as its route file does', () => {
    for (const [id, route] of Object.entries(ROUTES)) {
      const params = [...route.pattern.matchAll(/\[(\w+)\]/g)].map((match) => match[1]);
      for (const source of route.sources.filter((file) => file.startsWith('src/pages/'))) {
        const fileParams = [...source.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((match) => match[1]);
        expect(
          fileParams.filter((name) => name !== 'lang'),
          `${id}: ${source}`,
        ).toEqual(params);
        expect(source.includes('[...lang]'), `${id}: ${source}`).toBe(
          route.localized && source !== 'src/pages/404.astro',
        );
      }
    }
  });

  it('builds paths per locale and reads them back', () => {
    expect(localePath('post', 'zh-cn', { slug: 'a' })).toBe('/zh-cn/blog/a/');
    expect(localePath('postQr', 'en', { slug: 'a' })).toBe('/blog/a/qr.png');
    expect(localePath('notFound', 'en')).toBe('/404.html');
    expect(localePath('notFound', 'zh-cn')).toBe('/zh-cn/404/');
    expect(sitePath('followQr', { channel: 'wechat', size: 'print' })).toBe('/follow/qr/wechat-print.png');
    expect(listPagePath('zh-cn', 3)).toBe('/zh-cn/page/3/');
    expect(matchRoute('/zh-cn/tags/line/')).toEqual({ route: 'tag', locale: 'zh-cn', params: { tag: 'line' } });
    expect(matchRoute('/follow/qr/line-screen.png')).toEqual({
      route: 'followQr',
      locale: undefined,
      params: { channel: 'line', size: 'screen' },
    });
    expect(matchRoute('/404.html')?.route).toBe('notFound');
    expect(matchRoute('/zh-cn/q/line/')).toBeUndefined();
    expect(matchRoute('/blog/a/b/')).toBeUndefined();
    expect(() => localePath('tag', 'en', { tag: 'a/b' })).toThrow(/one path segment/);
  });

  it('puts pages for search engines in the sitemap, not files, 404s, scan pages or the editors’ page', () => {
    for (const path of ['/', '/zh-cn/blog/a/', '/tags/line/', '/page/2/', '/zh-cn/follow/'])
      expect(inSitemap(path), path).toBe(true);
    for (const path of ['/404.html', '/zh-cn/404/', '/q/line/', '/translations/', '/zh-cn/rss.xml', '/blog/a/qr.png'])
      expect(inSitemap(path), path).toBe(false);
  });

  it('lists each build’s pages with the locales that have them', () => {
    const post = (id: string, key: string, tags: string[]) => ({
      id,
      data: postSchema.parse({ title: 't', description: 'd', pubDate: '2026-01-01', tags, translationKey: key }),
    });
    const routes = siteRoutes({
      posts: [post('en/a', 'a', ['line']), post('zh-cn/a', 'a', ['wechat']), post('en/b', 'b', ['line'])],
      codes: [{ name: 'spring', kind: 'flyer' }],
      pageSize: 1,
    });
    const byPath = (entries: { path: string; available: string[] }[]) =>
      Object.fromEntries(entries.map((entry) => [entry.path, entry.available]));
    expect(byPath(routes.post)).toEqual({
      '/blog/a/': ['en', 'zh-cn'],
      '/zh-cn/blog/a/': ['en', 'zh-cn'],
      '/blog/b/': ['en'],
    });
    expect(byPath(routes.tag)).toEqual({ '/tags/line/': ['en'], '/zh-cn/tags/wechat/': ['zh-cn'] });
    expect(byPath(routes.listPage)).toEqual({ '/page/2/': ['en'] });
    expect(routes.scanQr.map((entry) => entry.path)).toEqual(['/q/spring/qr.png']);
    expect(routes.post[1]?.params).toEqual({ lang: 'zh-cn', slug: 'a' });
    expect(routes.post[0]?.params).toEqual({ lang: undefined, slug: 'a' });
    expect(publishedPaths({ posts: [], codes: [] })).toContain('/zh-cn/404/');
  });
});
