import { locales, type Locale } from './locales.ts';

// One formatter per locale: creating an Intl.DateTimeFormat costs far more than formatting, and a
// build formats every post's date on many pages.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar date in the reader's convention: "1 July 2012" / "2012年7月1日". Dates are read in UTC, as frontmatter dates are. */
export function formatDate(date: Date, locale: Locale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[locale].dateLocale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

/** `YYYY-MM-DD` for `<time datetime>`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// Han, Hiragana, Katakana and Hangul characters are read one at a time, not as space-separated words.
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** Typical silent-reading speeds: about 230 English words and about 400 Chinese characters a minute. */
export const READING_SPEED = { wordsPerMinute: 230, cjkCharsPerMinute: 400 } as const;

/** Whole minutes to read `text` (at least 1): CJK characters and Latin words are counted separately. */
export function readingMinutes(text: string): number {
  const cjk = text.match(CJK_CHAR)?.length ?? 0;
  const words = text.replace(CJK_CHAR, ' ').match(WORD)?.length ?? 0;
  const minutes = words / READING_SPEED.wordsPerMinute + cjk / READING_SPEED.cjkCharsPerMinute;
  return Math.max(1, Math.round(minutes));
}

/** Plain text of an MDX body: drops frontmatter, component tags, link targets and markdown punctuation. */
export function mdxToPlainText(body: string): string {
  return body
    .replace(/^---[\s\S]*?---/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^import .*$/gm, '')
    .replace(/[#>*_`~|-]+/g, ' ');
}
