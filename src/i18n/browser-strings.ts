/**
 * UI strings for browser scripts: the one way they get them. A script declares the keys it uses
 * once (`defineBrowserStrings`); the page hands it exactly those entries of the page's language
 * (`uiStrings(locale, set)` in `translate.ts`, an attribute on the element the script works on);
 * the script reads them back with `readBrowserStrings(set, element)` and gets a `t()` typed to
 * the declared keys. Plurals and interpolation go through i18next, as on the pages:
 * `t('comments.count', { count })` picks `comments.count_zero`, `_one` or `_other` by the
 * language's plural rules. Runs in the browser: no Node module and no resource file is imported.
 */
import i18next, { type i18n } from 'i18next';
import type { UiKey } from './translate.ts';

/** The attribute that carries a script's strings, on the element the script works on. */
export const UI_STRINGS_ATTRIBUTE = 'data-ui-strings';

/** A named set of UI keys one browser script uses. */
export interface BrowserStringSet<K extends UiKey> {
  /** For error messages: which script's strings are missing. */
  name: string;
  keys: readonly K[];
}

/** What the page writes into the attribute: the page's language and the resource entries of the set (plural forms included). */
export interface BrowserStringsPayload {
  lang: string;
  entries: Record<string, string>;
}

/** A translation function limited to one set's keys. Values are inserted as they are (scripts set textContent). */
export type BrowserTranslate<K extends UiKey> = (key: K, values?: Record<string, string | number>) => string;

/** Declare the keys a browser script uses; the page and the script both name the set, so both are checked against en.json. */
export function defineBrowserStrings<const K extends UiKey>(name: string, keys: readonly K[]): BrowserStringSet<K> {
  return { name, keys };
}

/** Suffixes i18next adds to a key for a count (CLDR plural categories, plus `_zero` for 0). */
export const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

function isPayload(value: unknown): value is BrowserStringsPayload {
  if (typeof value !== 'object' || value === null) return false;
  const { lang, entries } = value as Partial<BrowserStringsPayload>;
  return (
    typeof lang === 'string' &&
    typeof entries === 'object' &&
    entries !== null &&
    Object.values(entries).every((entry) => typeof entry === 'string')
  );
}

/** Parse the attribute's JSON; a page that lacks it or carries something else is a build bug, and says which set. */
export function parseBrowserStrings(
  set: BrowserStringSet<UiKey>,
  json: string | null | undefined,
): BrowserStringsPayload {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '');
  } catch {
    value = undefined;
  }
  if (!isPayload(value)) throw new Error(`UI strings "${set.name}": no valid ${UI_STRINGS_ATTRIBUTE} attribute`);
  return value;
}

/** A `t()` over a payload: one i18next instance per payload, initialised synchronously (the strings are all there). */
export function browserTranslator<K extends UiKey>(
  set: BrowserStringSet<K>,
  payload: BrowserStringsPayload,
): BrowserTranslate<K> {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: payload.lang,
    fallbackLng: false,
    // Flat dotted keys, as in the resource files.
    keySeparator: false,
    nsSeparator: false,
    // Scripts insert the result with textContent: HTML escaping here would show "&amp;" to readers.
    interpolation: { escapeValue: false },
    resources: { [payload.lang]: { translation: payload.entries } },
  });
  // i18next's own typing checks keys against a declared resource type; the keys here are checked by K.
  const translate = instance.t.bind(instance) as unknown as (
    key: string,
    options?: Record<string, string | number>,
  ) => string;
  return (key, values) => {
    const found = [key, ...PLURAL_SUFFIXES.map((suffix) => `${key}_${suffix}`)].some((name) =>
      Object.hasOwn(payload.entries, name),
    );
    if (!found) throw new Error(`UI strings "${set.name}": the page did not provide "${key}"`);
    return values ? translate(key, values) : translate(key);
  };
}

/** The `t()` of a browser script, from the strings the page put on `element`. */
export function readBrowserStrings<K extends UiKey>(set: BrowserStringSet<K>, element: Element): BrowserTranslate<K> {
  return browserTranslator(set, parseBrowserStrings(set, element.getAttribute(UI_STRINGS_ATTRIBUTE)));
}
