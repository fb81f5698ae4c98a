import { defaultLocale, isLocale, type Locale } from './locales.ts';

/** The locale a site path belongs to: its first segment when that is a locale prefix, else the default. */
export function localeFromPath(pathname: string): Locale {
  const first = pathname.split('/')[1];
  return isLocale(first) && first !== defaultLocale ? first : defaultLocale;
}

/** The path without its locale prefix, always starting with "/". */
export function stripLocale(pathname: string): string {
  const locale = localeFromPath(pathname);
  if (locale === defaultLocale) return pathname || '/';
  const rest = pathname.slice(locale.length + 1);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** A site path in `locale`: "/blog/x/" → "/zh-cn/blog/x/" (the default locale has no prefix). */
export function localizePath(path: string, locale: Locale): string {
  const bare = path.startsWith('/') ? path : `/${path}`;
  return locale === defaultLocale ? bare : `/${locale}${bare === '/' ? '/' : bare}`;
}

/**
 * The URL of the same page in another locale. Translations share their path below the locale
 * prefix, so switching swaps the prefix and keeps query and hash.
 */
export function switchLocaleUrl(url: string | URL, target: Locale): string {
  const parsed = new URL(url, 'http://x');
  const path = localizePath(stripLocale(parsed.pathname), target);
  const tail = `${parsed.search}${parsed.hash}`;
  return typeof url === 'string' && !/^[a-z]+:/i.test(url) ? `${path}${tail}` : new URL(`${path}${tail}`, parsed).href;
}

/** The path of a post page: posts are addressed by locale and slug. */
export function postPath(locale: Locale, slug: string): string {
  return localizePath(`/blog/${slug}/`, locale);
}
