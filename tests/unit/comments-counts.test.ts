import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/resources/en.json';
import zhCN from '../../src/i18n/resources/zh-CN.json';
import { MAX_COUNT_THREADS, commentCountText, parseCounts, threadsToCount } from '../../src/comments/counts.ts';

const formsOf = (resource: Record<string, string>) => ({
  zero: resource['comments.count_zero']!,
  one: resource['comments.count_one']!,
  other: resource['comments.count_other']!,
});

describe('comment counts on post lists', () => {
  it('words counts in English with singular and plural', () => {
    const forms = formsOf(en);
    expect(commentCountText(0, forms, 'en')).toBe('No comments yet');
    expect(commentCountText(1, forms, 'en')).toBe('One comment');
    expect(commentCountText(12, forms, 'en')).toBe('12 comments');
  });

  it('words counts in Chinese, which has no singular form', () => {
    const forms = formsOf(zhCN);
    expect(commentCountText(0, forms, 'zh-CN')).toBe('暂无评论');
    expect(commentCountText(1, forms, 'zh-CN')).toBe('1 条评论');
    expect(commentCountText(3, forms, 'zh-CN')).toBe('3 条评论');
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
