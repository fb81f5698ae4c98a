/**
 * A language is an entry of the locale table (src/i18n/locales.ts), its string file and its posts:
 * nothing else in src/ may name a locale or choose something by locale on its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLocale, localeKeys, locales } from '../../src/i18n/locales.ts';
import { formatDate } from '../../src/i18n/format.ts';

const root = join(import.meta.dirname, '..', '..');
const src = join(root, 'src');

/** Source files of src/ with their comments removed (comments may give examples). */
const sources = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .map((file) => file.replace(/\\/g, '/'))
  .filter((file) => /\.(ts|astro|mjs)$/.test(file))
  .map((file) => ({
    file,
    code: readFileSync(join(src, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
      .replace(/<!--[\s\S]*?-->/g, ''),
  }));

// No exceptions: the comment files read the table too.
const PENDING = new Set<string>([]);

describe('the locale table', () => {
  it('is the only place in src/ that names a locale, a language tag or a locale-specific format', () => {
    const names = localeKeys.flatMap((key) => [key, locales[key].lang, locales[key].ogLocale, locales[key].dateLocale]);
    const quoted = new RegExp(
      `(['"\`])(${[...new Set(names)].map((name) => name.replace(/[-_]/g, '[-_]')).join('|')})\\1`,
      'i',
    );
    const offenders = sources
      .filter(({ file }) => file !== 'i18n/locales.ts' && !PENDING.has(file))
      .flatMap(({ file, code }) =>
        code
          .split('\n')
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => quoted.test(line) || /\blang=["'][a-z]{2}/i.test(line))
          .map(({ line, index }) => `src/${file}:${index + 1}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('holds the punctuation that differs by language (no literal full-width colon outside the string files)', () => {
    const offenders = sources
      .filter(({ file }) => file !== 'i18n/locales.ts' && !PENDING.has(file))
      .filter(({ code }) => /['"`{]\s*[：，。]/.test(code))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
    expect(locales['zh-cn'].colon).toBe('：');
    expect(locales.en.colon).toBe(': ');
  });

  it('names a string file for every locale, and every string file belongs to a locale', () => {
    const files = readdirSync(join(src, 'i18n', 'resources')).filter((file) => file.endsWith('.json'));
    expect(files.sort()).toEqual(localeKeys.map((key) => `${locales[key].lang}.json`).sort());
    for (const key of localeKeys) {
      const file = JSON.parse(
        readFileSync(join(src, 'i18n', 'resources', `${locales[key].lang}.json`), 'utf8'),
      ) as object;
      expect(locales[key].strings, key).toEqual(file);
    }
  });

  it('has a posts folder per locale and no folder for a locale it lacks', () => {
    const folders = readdirSync(join(root, 'content', 'posts'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...localeKeys].sort());
  });

  it('formats dates with each entry’s date locale', () => {
    const date = new Date('2012-07-01');
    for (const key of localeKeys) {
      expect(formatDate(date, key)).toBe(
        new Intl.DateTimeFormat(locales[key].dateLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(date),
      );
    }
    expect(formatDate(date, defaultLocale)).toBe('1 July 2012');
  });
});
