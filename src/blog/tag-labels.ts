import { z } from 'astro/zod';
import { localeKeys, type Locale } from '../i18n/locales.ts';

/** One entry of `content/tags.yml`: the tag's name in every locale of the locale table. */
export const tagLabelSchema = z
  .object(
    Object.fromEntries(localeKeys.map((locale) => [locale, z.string().trim().min(1)])) as Record<Locale, z.ZodString>,
  )
  .strict();

export type TagLabels = ReadonlyMap<string, Record<Locale, string>>;

/** The reader-facing name of a tag; the slug itself when no label exists (check:content reports that). */
export function tagLabel(labels: TagLabels, tag: string, locale: Locale): string {
  return labels.get(tag)?.[locale] ?? tag;
}

/** Tags used by posts that have no entry in `content/tags.yml`. */
export function unlabelledTags(labels: TagLabels, usedTags: Iterable<string>): string[] {
  return [...new Set(usedTags)].filter((tag) => !labels.has(tag)).sort();
}
