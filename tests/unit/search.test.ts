import { describe, expect, it } from 'vitest';
import { excerptParts, MAX_QUERY_LENGTH, queryFromUrl, searchStrings } from '../../src/search/query.ts';
import { browserTranslator, parseBrowserStrings } from '../../src/i18n/browser-strings.ts';
import { uiStrings } from '../../src/i18n/translate.ts';

describe('queryFromUrl', () => {
  it('reads ?q= in any script, trimmed, with runs of white space folded to one space', () => {
    expect(queryFromUrl('/zh-cn/search/?q=%E5%BE%AE%E4%BF%A1')).toBe('微信');
    expect(queryFromUrl('https://syengage.com/search/?q=++sticker+shop++')).toBe('sticker shop');
    expect(queryFromUrl('/search/?q=sticker%0A+%09shop')).toBe('sticker shop');
  });
  it('gives "" without a query and cuts a very long one', () => {
    expect(queryFromUrl('/search/')).toBe('');
    expect(queryFromUrl(`/search/?q=${'a'.repeat(500)}`)).toHaveLength(MAX_QUERY_LENGTH);
  });
});

describe("the search page script's strings", () => {
  const t = (locale: 'en' | 'zh-cn') =>
    browserTranslator(
      searchStrings,
      parseBrowserStrings(searchStrings, uiStrings(locale, searchStrings)['data-ui-strings']),
    );

  it('counts results with the zero, one and other forms, the query inserted as typed', () => {
    expect(t('en')('search.results', { count: 0, query: 'zz' })).toMatch(/^No posts found for “zz”/);
    expect(t('en')('search.results', { count: 1, query: 'LINE' })).toBe('1 post found for “LINE”.');
    expect(t('en')('search.results', { count: 2, query: '$& <b>' })).toBe('2 posts found for “$& <b>”.');
    expect(t('zh-cn')('search.results', { count: 1, query: '微信' })).toBe('找到 1 篇与“微信”相关的文章。');
  });
});

describe('excerptParts', () => {
  it('splits marks from text and decodes entities', () => {
    expect(excerptParts('use <mark>WeChat</mark> &amp; LINE')).toEqual([
      { text: 'use ', mark: false },
      { text: 'WeChat', mark: true },
      { text: ' & LINE', mark: false },
    ]);
  });
  it('never passes markup through: tags other than mark become nothing, escaped tags become text', () => {
    const parts = excerptParts('<img src=x onerror=alert(1)>a &lt;b&gt; <mark>c</mark>');
    expect(parts.map((part) => part.text).join('')).toBe('a <b> c');
  });
});
