import { defaultLocale, localeKeys, locales, type Locale } from './locales.ts';

/**
 * The site locale a browser's `Accept-Language` header prefers most (by q-value, then order), for
 * answers sent before the request says which page it came from; the default locale otherwise.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params
        .map((param) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(param)?.[1])
        .find((value) => value !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    // "zh", "zh-cn", "zh-hans-cn" match zh-CN; "en-gb" matches en.
    const found = localeKeys.find((key) => {
      const lang = locales[key].lang.toLowerCase();
      const primary = lang.split('-')[0] ?? lang;
      return tag === lang || tag === key || tag === primary || tag.startsWith(`${primary}-`);
    });
    if (found) return found;
  }
  return defaultLocale;
}
