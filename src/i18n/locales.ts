/** Everything the site knows about a locale. Every other module reads this table; there is no second list. */
export interface LocaleInfo {
  /** Human name of the language, written in that language (shown in the switcher). */
  label: string;
  /** BCP 47 tag for `<html lang>`, hreflang and Intl formatting. */
  lang: string;
  /** Open Graph locale (`og:locale`). */
  ogLocale: string;
}

export const locales = {
  en: { label: 'English', lang: 'en', ogLocale: 'en_US' },
  'zh-cn': { label: '简体中文', lang: 'zh-CN', ogLocale: 'zh_CN' },
} as const satisfies Record<string, LocaleInfo>;

/** A locale key, also the URL prefix (`/zh-cn/…`) and the content folder name. */
export type Locale = keyof typeof locales;

/** The default locale is served without a prefix and is the `x-default` alternate. */
export const defaultLocale: Locale = 'en';

export const localeKeys = Object.keys(locales) as Locale[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(locales, value);
}

/** The locale that is not `locale` (the site has exactly two). */
export function otherLocale(locale: Locale): Locale {
  return localeKeys.find((key) => key !== locale) ?? defaultLocale;
}

/** Where a page sits in the site's languages: what the header, the switcher and the language hint need. */
export interface PageLocation {
  locale: Locale;
  /** Path of the page below the locale prefix, e.g. "/blog/x/". */
  path: string;
  /** Locales the page exists in; for the others, links go to that locale's home and say why. */
  available: readonly Locale[];
}
