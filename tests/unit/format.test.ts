import { describe, expect, it } from 'vitest';
import { formatDate, isoDate, mdxToPlainText, readingMinutes, READING_SPEED } from '../../src/i18n/format.ts';

describe('formatDate', () => {
  const date = new Date('2012-07-01');
  it('writes day, month name and year for English readers', () => {
    expect(formatDate(date, 'en')).toBe('1 July 2012');
  });
  it('writes 年月日 for Chinese readers', () => {
    expect(formatDate(date, 'zh-cn')).toBe('2012年7月1日');
  });
  it('does not shift the calendar day with the time zone of the machine', () => {
    expect(formatDate(new Date('2026-11-24'), 'en')).toBe('24 November 2026');
    expect(isoDate(new Date('2026-11-24'))).toBe('2026-11-24');
  });
});

describe('readingMinutes', () => {
  it('counts English by words', () => {
    const words = Array.from({ length: READING_SPEED.wordsPerMinute * 3 }, () => 'word').join(' ');
    expect(readingMinutes(words)).toBe(3);
  });

  it('counts Chinese by characters, not by spaces', () => {
    // 1,200 characters without a single space: three minutes, not "one word".
    const text = '微信营销'.repeat(300);
    expect(readingMinutes(text)).toBe(3);
  });

  it('adds Latin words inside Chinese text', () => {
    const mixed = `${'微'.repeat(READING_SPEED.cjkCharsPerMinute)} ${Array.from({ length: READING_SPEED.wordsPerMinute }, () => 'LINE').join(' ')}`;
    expect(readingMinutes(mixed)).toBe(2);
  });

  it('never says zero minutes', () => {
    expect(readingMinutes('')).toBe(1);
  });
});

describe('mdxToPlainText', () => {
  it('keeps link text and drops components and markup', () => {
    const text = mdxToPlainText('## Title\n\nSee [the post](/blog/a/).\n\n<AddUs channel="wechat" />\n');
    expect(text).toContain('Title');
    expect(text).toContain('the post');
    expect(text).not.toContain('/blog/a/');
    expect(text).not.toContain('AddUs');
  });
});
