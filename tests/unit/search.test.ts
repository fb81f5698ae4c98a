import { describe, expect, it } from 'vitest';
import { excerptParts, fillTemplate, queryFromUrl } from '../../src/search/query.ts';

describe('queryFromUrl', () => {
  it('reads ?q= in any script, trimmed', () => {
    expect(queryFromUrl('/zh-cn/search/?q=%E5%BE%AE%E4%BF%A1')).toBe('微信');
    expect(queryFromUrl('https://syengage.com/search/?q=++sticker+shop++')).toBe('sticker shop');
  });
  it('gives "" without a query and cuts a very long one', () => {
    expect(queryFromUrl('/search/')).toBe('');
    expect(queryFromUrl(`/search/?q=${'a'.repeat(500)}`)).toHaveLength(100);
  });
});

describe('fillTemplate', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(fillTemplate('{{count}} posts found for “{{query}}”.', { count: 2, query: 'LINE' })).toBe(
      '2 posts found for “LINE”.',
    );
    expect(fillTemplate('{{other}}', {})).toBe('{{other}}');
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
