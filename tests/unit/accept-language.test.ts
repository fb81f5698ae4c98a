import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from '../../src/i18n/accept-language.ts';

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-cn'],
    ['zh', 'zh-cn'],
    ['zh-Hans-CN', 'zh-cn'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR, zh;q=0.5, en;q=0.4', 'zh-cn'],
    ['en;q=0.2, zh-CN;q=0.8', 'zh-cn'],
    ['zh-CN;q=0, en', 'en'],
    ['fr, de', 'en'],
    ['*', 'en'],
    ['[{;;q=,,', 'en'],
  ] as const)('%j → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});
