import { defaultLocale, localeKeys, type Locale } from './locales.ts';

/**
 * `getStaticPaths` entries for a `[...lang]` route: the default locale at the site root,
 * every other locale under its prefix.
 */
export function localeStaticPaths(): { params: { lang: string | undefined }; props: { locale: Locale } }[] {
  return localeKeys.map((locale) => ({
    params: { lang: locale === defaultLocale ? undefined : locale },
    props: { locale },
  }));
}
