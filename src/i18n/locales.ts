import en from './resources/en.json' with { type: 'json' };
import zhCN from './resources/zh-CN.json' with { type: 'json' };

/**
 * Everything the site knows about a locale. Every other module reads this table; there is no second
 * list. A language is an entry here, its string file in src/i18n/resources/ and its posts in
 * content/posts/<key>/ (a unit test keeps locale names and locale-specific choices out of other files).
 */
export interface LocaleInfo {
  /** Human name of the language, written in that language (shown in the switcher). */
  label: string;
  /** BCP 47 tag for `<html lang>`, hreflang and i18next's plural rules. */
  lang: string;
  /** Open Graph locale (`og:locale`). */
  ogLocale: string;
  /** Locale for dates (Intl): English readers here get "1 July 2012" (en-GB), not the US order. */
  dateLocale: string;
  /** Between a label and its value: "WeChat ID: x", "微信号：x" (full-width colon, no space). */
  colon: string;
  /** How the language is written: picks the social card's font and spacing (src/social/card.ts). */
  writing: 'latin' | 'cjk';
  /** The UI strings: one flat JSON file per language, keyed by dotted names. */
  strings: Record<string, string>;
}

export const locales = {
  en: {
    label: 'English',
    lang: 'en',
    ogLocale: 'en_US',
    dateLocale: 'en-GB',
    colon: ': ',
    writing: 'latin',
    strings: en,
  },
  'zh-cn': {
    label: '简体中文',
    lang: 'zh-CN',
    ogLocale: 'zh_CN',
    dateLocale: 'zh-CN',
    colon: '：',
    writing: 'cjk',
    strings: zhCN,
  },
} as const satisfies Record<string, LocaleInfo>;

/** A locale key, also the URL prefix (`/zh-cn/…`) and the content folder name. */
export type Locale = keyof typeof locales;

/** The default locale is served without a prefix and is the `x-default` alternate; its string file defines the UI keys. */
export const defaultLocale = 'en' satisfies Locale;

export const localeKeys = Object.keys(locales) as Locale[];

/**
 * The language of WeChat's own menus for most of its readers: a follow card in another language
 * adds WeChat's long-press instruction in this one too (the reader sees these words in WeChat).
 */
export const wechatMenuLocale: Locale = 'zh-cn';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(locales, value);
}

/** The locale that is not `locale` (the site has exactly two). */
export function otherLocale(locale: Locale): Locale {
  return localeKeys.find((key) => key !== locale) ?? defaultLocale;
}

/**
 * The props of a component that renders in the page's locale: `type Props = LocaleProps`, or
 * `interface Props extends LocaleProps { … }` for one that takes more.
 */
export interface LocaleProps {
  locale: Locale;
}

/** Where a page sits in the site's languages: what the header, the switcher and the language hint need. */
export interface PageLocation {
  locale: Locale;
  /** Path of the page below the locale prefix, e.g. "/blog/x/". */
  path: string;
  /** Locales the page exists in; for the others, links go to that locale's home and say why. */
  available: readonly Locale[];
}
