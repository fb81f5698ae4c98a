import { describe, expect, it } from 'vitest';
import { localeFromPath, localizePath, postPath, stripLocale, switchLocaleUrl } from '../../src/i18n/urls.ts';

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
