import { describe, expect, it } from 'vitest';
import { pageProps } from '../../src/routes/page-props.ts';

describe('pageProps', () => {
  it('takes title and description from the locale’s strings, with the brand and the given values filled in', () => {
    expect(pageProps('en', 'follow')).toEqual({
      locale: 'en',
      title: 'Follow syENGAGE',
      description: 'Follow syENGAGE on WeChat or LINE: scan a code, copy our ID or add us as a friend.',
      path: '/follow/',
      noindex: false,
    });
    const tag = pageProps('zh-cn', 'tag', { params: { tag: 'wechat' }, values: { tag: '微信' } });
    expect(tag).toMatchObject({ locale: 'zh-cn', title: '标签“微信”下的文章', path: '/tags/wechat/' });
  });

  it('gives the path below the locale prefix, which BaseLayout localizes', () => {
    expect(pageProps('zh-cn', 'search').path).toBe('/search/');
    expect(pageProps('zh-cn', 'tags').path).toBe('/tags/');
  });

  it('makes the pages the sitemap leaves out noindex', () => {
    expect(pageProps('en', 'translations').noindex).toBe(true);
    expect(pageProps('zh-cn', 'notFound').noindex).toBe(true);
    expect(pageProps('en', 'search').noindex).toBe(false);
  });

  it('points the 404 page’s language links at the home pages (it stands at any missing address)', () => {
    expect(pageProps('zh-cn', 'notFound')).toMatchObject({ title: '找不到页面', path: '/' });
  });
});
