import i18next, { type TFunction } from 'i18next';
import { locales, defaultLocale, localeKeys, type Locale } from './locales.ts';
import {
  PLURAL_SUFFIXES,
  UI_STRINGS_ATTRIBUTE,
  type BrowserStringSet,
  type BrowserStringsPayload,
} from './browser-strings.ts';

/** UI strings per locale: one flat JSON file per language (the locale table names it), keyed by dotted names. */
export const resources: Record<Locale, Record<string, string>> = Object.fromEntries(
  localeKeys.map((locale): [Locale, Record<string, string>] => [locale, locales[locale].strings]),
) as Record<Locale, Record<string, string>>;

/**
 * Every key of the English resource file, plural forms by their base name (`comments.count` for
 * `comments.count_zero`/`_one`/`_other`); the unit tests hold the other files to the same set.
 */
export type UiKey = keyof (typeof locales)[typeof defaultLocale]['strings'] extends infer K
  ? K extends `${infer Base}_${(typeof PLURAL_SUFFIXES)[number]}`
    ? Base
    : K
  : never;

const instance = i18next.createInstance();
void instance.init({
  // Synchronous init: resources are bundled, and pages render during the build.
  initAsync: false,
  lng: locales[defaultLocale].lang,
  fallbackLng: false,
  // Flat dotted keys: "nav.home" is one key, not a path.
  keySeparator: false,
  nsSeparator: false,
  // Astro escapes everything it renders; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
  resources: Object.fromEntries(
    (Object.keys(resources) as Locale[]).map((locale) => [locales[locale].lang, { translation: resources[locale] }]),
  ),
});

/** Per locale: i18next's bound function, and every string already looked up without options. */
const bound = new Map<Locale, { t: TFunction; plain: Map<string, string> }>();

/**
 * A translation function bound to one locale. A missing key throws, so a gap fails the build instead of showing a raw key.
 * A string without options is looked up once per process: a post page asks for about a hundred, and
 * i18next's own lookup was a tenth of rendering one.
 */
export function useTranslations(locale: Locale): (key: UiKey, options?: Record<string, unknown>) => string {
  let known = bound.get(locale);
  if (!known) bound.set(locale, (known = { t: instance.getFixedT(locales[locale].lang), plain: new Map() }));
  const { t, plain } = known;
  return (key, options) => {
    if (!options) {
      const hit = plain.get(key);
      if (hit !== undefined) return hit;
    }
    const base = options && 'count' in options ? `${key}_other` : key;
    if (!instance.exists(base, { lng: locales[locale].lang })) {
      throw new Error(`Missing UI string "${key}" for locale "${locale}" in src/i18n/resources`);
    }
    if (options) return t(key, options) as string;
    const text = t(key) as string;
    plain.set(key, text);
    return text;
  };
}

/**
 * The strings a browser script declared (`defineBrowserStrings`), in `locale`, as the attribute
 * the script reads them from: spread it on the element the script works on,
 * `<div {...uiStrings(locale, searchStrings)}>`. Plural forms go with their key. A key with no
 * entry fails the build.
 */
export function uiStrings<K extends UiKey>(
  locale: Locale,
  set: BrowserStringSet<K>,
): { [UI_STRINGS_ATTRIBUTE]: string } {
  const resource = resources[locale] as Record<string, string>;
  const entries: Record<string, string> = {};
  for (const key of set.keys) {
    const names = [key, ...PLURAL_SUFFIXES.map((suffix) => `${key}_${suffix}`)].filter((name) =>
      Object.hasOwn(resource, name),
    );
    if (names.length === 0)
      throw new Error(`Missing UI string "${key}" for locale "${locale}" (browser strings "${set.name}")`);
    for (const name of names) entries[name] = resource[name] ?? '';
  }
  const payload: BrowserStringsPayload = { lang: locales[locale].lang, entries };
  return { [UI_STRINGS_ATTRIBUTE]: JSON.stringify(payload) };
}
