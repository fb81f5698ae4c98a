import { createHash } from 'node:crypto';
import { defaultLocale, isLocale, localeKeys, type Locale } from '../i18n/locales.ts';
import { parsePostId, type PostLike } from './posts.ts';

/**
 * Translation status from content, not from commit dates. A translation records, in its
 * `translatedFrom` frontmatter field, the source locale and the content hash of the source as
 * it was translated ("en:3f2a9c1b7d4e"). When the source's hash no longer matches, the
 * translation is outdated. No git history is read, so a shallow clone gives the same answer,
 * and an edit that needs no new translation (a typo) is settled by marking the translation
 * again (`npm run translations -- mark <slug>`).
 */

/** A post with the text the hash covers. Astro's entries and the CLI's file reader both fit it. */
export interface TranslatablePost extends PostLike {
  /** The MDX body: everything after the frontmatter. */
  body?: string | undefined;
}

/**
 * Text as hashed: Unicode NFC, line endings as "\n", trailing spaces of every line removed,
 * runs of blank lines as one blank line, no leading or trailing blank lines. So re-saving a file
 * with other line endings or trailing spaces does not make its translations outdated.
 */
export function normaliseForHash(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The content hash of a post: the first 12 hex digits of SHA-256 over its title, description
 * and body (each normalised as above, joined by newlines). Dates, tags, author and draft are not
 * part of it: changing them needs no new translation.
 */
export function contentHash(post: { data: { title: string; description: string }; body?: string | undefined }): string {
  const text = [post.data.title, post.data.description, post.body ?? ''].map(normaliseForHash).join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** `translatedFrom` parsed; undefined when the field is absent or malformed. */
export function parseTranslatedFrom(value: string | undefined): { locale: Locale; hash: string } | undefined {
  const match = /^([a-z-]+):([0-9a-f]{12})$/.exec(value ?? '');
  if (!match || !isLocale(match[1])) return undefined;
  return { locale: match[1], hash: match[2] ?? '' };
}

/** The `translatedFrom` value for a translation of `source` as it is now. */
export function translatedFromValue(source: TranslatablePost): string {
  return `${parsePostId(source.id).locale}:${contentHash(source)}`;
}

/**
 * A post's status in one locale:
 * - `original`: the text others are translated from (it records no `translatedFrom`);
 * - `up-to-date`: a translation made from the source's current text;
 * - `outdated`: the source changed after this translation was made (or marked);
 * - `missing`: no file in this locale;
 * - `untracked`: both languages exist but neither says which is the translation (run `mark`).
 */
export type TranslationState = 'original' | 'up-to-date' | 'outdated' | 'missing' | 'untracked';

export interface LocaleCell<T extends TranslatablePost> {
  locale: Locale;
  state: TranslationState;
  post?: T | undefined;
  /** For a translation: the locale it was translated from. */
  source?: Locale | undefined;
}

export interface TranslationRow<T extends TranslatablePost> {
  translationKey: string;
  /** The file name shared by the post's translations. */
  slug: string;
  cells: Record<Locale, LocaleCell<T>>;
}

/** Whether a state needs an editor's attention (what `--strict` fails on). */
export function needsWork(state: TranslationState): boolean {
  return state === 'outdated' || state === 'missing' || state === 'untracked';
}

/** One row per translation key, in slug order, with each locale's state. */
export function translationTable<T extends TranslatablePost>(posts: readonly T[]): TranslationRow<T>[] {
  const groups = new Map<string, T[]>();
  for (const post of posts)
    groups.set(post.data.translationKey, [...(groups.get(post.data.translationKey) ?? []), post]);
  const rows: TranslationRow<T>[] = [];
  for (const [translationKey, group] of groups) {
    const inLocale = (locale: Locale) => group.find((post) => parsePostId(post.id).locale === locale);
    const anyTranslation = group.some((post) => parseTranslatedFrom(post.data.translatedFrom));
    const cells = {} as Record<Locale, LocaleCell<T>>;
    for (const locale of localeKeys) {
      const post = inLocale(locale);
      const from = parseTranslatedFrom(post?.data.translatedFrom);
      if (!post) cells[locale] = { locale, state: 'missing' };
      else if (!from)
        cells[locale] = { locale, state: group.length === 1 || anyTranslation ? 'original' : 'untracked', post };
      else {
        const source = inLocale(from.locale);
        // With its source gone (or not published) there is nothing newer to point readers to.
        const state =
          !source || from.locale === locale || contentHash(source) === from.hash ? 'up-to-date' : 'outdated';
        cells[locale] = { locale, state, post, source: from.locale };
      }
    }
    const slug = parsePostId((group[0] as T).id).slug;
    rows.push({ translationKey, slug, cells });
  }
  return rows.sort((a, b) => a.slug.localeCompare(b.slug));
}

/** For a translation whose source changed since: the source post (readers get a notice linking to it). */
export function newerOriginal<T extends TranslatablePost>(posts: readonly T[], post: TranslatablePost): T | undefined {
  const from = parseTranslatedFrom(post.data.translatedFrom);
  if (!from) return undefined;
  const source = posts.find(
    (other) => other.data.translationKey === post.data.translationKey && parsePostId(other.id).locale === from.locale,
  );
  return source && from.locale !== parsePostId(post.id).locale && contentHash(source) !== from.hash
    ? source
    : undefined;
}

/**
 * Which files `mark` rewrites, and with what: every translation of `translationKey` gets the
 * current hash of its source. The source is `from` when given, otherwise the locale the
 * translations already name; with neither (an untracked pair), the caller must say.
 */
export function markPlan<T extends TranslatablePost>(
  posts: readonly T[],
  translationKey: string,
  from?: Locale,
): { ok: true; updates: { post: T; translatedFrom: string | undefined }[] } | { ok: false; message: string } {
  const group = posts.filter((post) => post.data.translationKey === translationKey);
  if (group.length === 0)
    return { ok: false, message: `no post has the translation key or file name "${translationKey}"` };
  const named = new Set(
    group.map((post) => parseTranslatedFrom(post.data.translatedFrom)?.locale).filter((locale) => locale !== undefined),
  );
  const sourceLocale = from ?? (named.size === 1 ? [...named][0] : undefined);
  if (!sourceLocale) {
    const hint = localeKeys.map((locale) => `--from ${locale}`).join(' or ');
    return {
      ok: false,
      message:
        named.size > 1
          ? `the translations of "${translationKey}" name different sources: say which is the original with ${hint}`
          : `"${translationKey}" records no original yet: say which language it was written in with ${hint} (usually --from ${defaultLocale})`,
    };
  }
  const source = group.find((post) => parsePostId(post.id).locale === sourceLocale);
  if (!source)
    return {
      ok: false,
      message: `"${translationKey}" has no ${sourceLocale} version to mark the translations against`,
    };
  if (group.length === 1)
    return { ok: false, message: `"${translationKey}" has no translation yet (only ${source.id}.mdx)` };
  const value = translatedFromValue(source);
  return {
    ok: true,
    updates: group.map((post) => ({ post, translatedFrom: post === source ? undefined : value })),
  };
}

/**
 * The frontmatter of `source` (a whole MDX file) with `translatedFrom` set to `value`, or
 * removed when `value` is undefined. Only that line changes; comments and order are kept.
 */
export function withTranslatedFrom(source: string, value: string | undefined): string {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source);
  if (!match) throw new Error('no frontmatter: the file must start with a --- block');
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const lines = (match[1] ?? '').split(/\r?\n/).filter((line) => !/^translatedFrom\s*:/.test(line));
  if (value !== undefined) {
    const at = lines.findIndex((line) => /^translationKey\s*:/.test(line));
    lines.splice(at === -1 ? lines.length : at + 1, 0, `translatedFrom: "${value}"`);
  }
  return `---${eol}${lines.join(eol)}${eol}---${eol}${source.slice(match[0].length)}`;
}
