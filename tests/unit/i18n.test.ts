import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/resources/en.json';
import zhCN from '../../src/i18n/resources/zh-CN.json';
import { locales, localeKeys, otherLocale } from '../../src/i18n/locales.ts';
import { resources, useTranslations } from '../../src/i18n/translate.ts';

const HAN = /\p{Script=Han}/u;

describe('UI resource files', () => {
  it('has a resource file for every locale in the locale table', () => {
    expect(Object.keys(resources).sort()).toEqual([...localeKeys].sort());
  });

  it('has exactly the same keys in English and Chinese', () => {
    const enKeys = Object.keys(en).sort();
    const zhKeys = Object.keys(zhCN).sort();
    expect(
      zhKeys.filter((key) => !enKeys.includes(key)),
      'keys only in zh-CN.json',
    ).toEqual([]);
    expect(
      enKeys.filter((key) => !zhKeys.includes(key)),
      'keys missing from zh-CN.json',
    ).toEqual([]);
  });

  it('has no empty string and no untranslated copy of the English text in Chinese', () => {
    for (const [key, value] of Object.entries(zhCN)) {
      expect(value.trim(), key).not.toBe('');
      const english = (en as Record<string, string>)[key];
      // Strings made only of names, numbers and punctuation may be identical in both languages.
      if (english && /[a-z]{3,}/i.test(english.replace(/\{\{\w+\}\}|syENGAGE|WeChat|LINE|RSS/g, ''))) {
        expect(value, `zh-CN "${key}" is still English`).not.toBe(english);
      }
    }
    for (const [key, value] of Object.entries(en)) expect(value.trim(), key).not.toBe('');
  });

  it('uses full-width punctuation next to Chinese characters', () => {
    for (const [key, value] of Object.entries(zhCN)) {
      expect(value, key).not.toMatch(/\p{Script=Han}[,:;!?()]|[,:;!?()]\p{Script=Han}/u);
    }
  });

  it('uses typographic apostrophes in English, as the posts do', () => {
    for (const [key, value] of Object.entries(en)) expect(value, key).not.toMatch(/\p{L}'\p{L}/u);
  });

  it('keeps the same interpolation variables in both languages', () => {
    const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of Object.entries(en)) {
      expect(vars((zhCN as Record<string, string>)[key] ?? ''), key).toEqual(vars(value));
    }
  });
});

describe('useTranslations', () => {
  it('looks up a string in the requested locale', () => {
    expect(useTranslations('en')('nav.home')).toBe('Blog');
    expect(useTranslations('zh-cn')('nav.home')).toBe('博客');
  });

  it('interpolates values without escaping them twice', () => {
    expect(useTranslations('en')('post.by', { author: 'A & B' })).toBe('By A & B');
    expect(useTranslations('zh-cn')('post.by', { author: 'syENGAGE' })).toMatch(/syENGAGE/);
  });

  it('picks the plural form from count', () => {
    expect(useTranslations('en')('post.readingTime', { count: 3 })).toBe('3 min read');
    expect(useTranslations('zh-cn')('post.readingTime', { count: 3 })).toMatch(HAN);
  });

  it('throws on a key that does not exist rather than showing it to readers', () => {
    const t = useTranslations('en') as (key: string) => string;
    expect(() => t('no.such.key')).toThrow(/Missing UI string "no.such.key"/);
  });
});

describe('locale table', () => {
  it('gives every locale a label, a BCP 47 tag and an Open Graph locale', () => {
    for (const key of localeKeys) {
      expect(locales[key].label).not.toBe('');
      expect(() => new Intl.Locale(locales[key].lang)).not.toThrow();
      expect(locales[key].ogLocale).toMatch(/^[a-z]{2}_[A-Z]{2}$/);
    }
  });

  it('pairs each locale with the other one', () => {
    expect(otherLocale('en')).toBe('zh-cn');
    expect(otherLocale('zh-cn')).toBe('en');
  });
});
