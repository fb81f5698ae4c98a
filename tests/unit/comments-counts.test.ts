import { describe, expect, it } from 'vitest';
import { MAX_COUNT_THREADS, commentCountStrings, parseCounts, threadsToCount } from '../../src/comments/counts.ts';
import { browserTranslator, parseBrowserStrings } from '../../src/i18n/browser-strings.ts';
import { uiStrings } from '../../src/i18n/translate.ts';
import type { Locale } from '../../src/i18n/locales.ts';

/** The count's wording as the post list's script gets it: the page's attribute, read back through i18next. */
const countText = (locale: Locale, count: number) =>
  browserTranslator(
    commentCountStrings,
    parseBrowserStrings(commentCountStrings, uiStrings(locale, commentCountStrings)['data-ui-strings']),
  )('comments.count', { count });

describe('comment counts on post lists', () => {
  it('words counts in English with singular and plural', () => {
    expect(countText('en', 0)).toBe('No comments yet');
    expect(countText('en', 1)).toBe('One comment');
    expect(countText('en', 12)).toBe('12 comments');
  });

  it('words counts in Chinese, which has no singular form', () => {
    expect(countText('zh-cn', 0)).toBe('暂无评论');
    expect(countText('zh-cn', 1)).toBe('1 条评论');
    expect(countText('zh-cn', 3)).toBe('3 条评论');
  });

  it('asks once per thread, in page order, within the API limit', () => {
    expect(threadsToCount(['a', 'b', 'a', undefined, '', 'c'])).toEqual(['a', 'b', 'c']);
    expect(threadsToCount(Array.from({ length: 150 }, (_, i) => `post-${i}`))).toHaveLength(MAX_COUNT_THREADS);
  });

  it('reads only well-formed counts from the answer', () => {
    expect([...parseCounts({ counts: { a: 2, b: 0, c: -1, d: '3', e: 1.5 } })]).toEqual([
      ['a', 2],
      ['b', 0],
    ]);
    expect(parseCounts(null).size).toBe(0);
    expect(parseCounts({ error: 'validation' }).size).toBe(0);
  });
});
