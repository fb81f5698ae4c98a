import { defaultLocale, localeKeys, type Locale } from '../i18n/locales.ts';
import { postSchema } from './schema.ts';
import { contentHash } from './translation-status.ts';
import { useTranslations } from '../i18n/translate.ts';

/** The slug shape the schema accepts for translation keys and file names. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Long slugs make unwieldy URLs; cut at a word boundary below this length. */
const MAX_SLUG_LENGTH = 60;

/**
 * A URL slug from a title: Latin letters and digits, lower case, words joined by hyphens.
 * Accents are dropped ("Café" → "cafe"); other scripts are dropped entirely, so a Chinese title
 * gives "" and the caller must ask for an explicit slug.
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH && slug) break;
    slug = next.slice(0, MAX_SLUG_LENGTH);
  }
  return slug;
}

export interface ScaffoldInput {
  /** The title in the default locale (or the only title the editor has). */
  title: string;
  /** Titles in other locales; the default locale's stands in where none is given, until a translator replaces it. */
  titles?: Partial<Record<Locale, string | undefined>>;
  /** Overrides the slug derived from the title; required when the title has no Latin letters. */
  slug?: string | undefined;
  /** Publication date written into the frontmatter. */
  date: Date;
}

export interface ScaffoldFile {
  locale: Locale;
  /** Path below `content/posts/`. */
  path: string;
  content: string;
}

/** Placeholder text per locale (from the string files): what the editor replaces. */
function placeholders(locale: Locale): { description: string; body: string } {
  const t = useTranslations(locale);
  return { description: t('scaffold.description'), body: t('scaffold.body') };
}

/**
 * The files of a new post in every locale: the same file name and translation key, valid
 * frontmatter, `draft: true`. Throws with a message an editor can act on when the slug cannot
 * be derived or a title does not fit the schema.
 */
export function scaffoldPost(input: ScaffoldInput): { slug: string; files: ScaffoldFile[] } {
  const slug = input.slug ?? slugify(input.title);
  if (!input.slug && !/[a-z]/i.test(input.title.normalize('NFKD'))) {
    throw new Error(
      `The title "${input.title}" has no Latin letters to make a URL from. Give one with --slug, e.g. --slug wechat-mini-programs`,
    );
  }
  if (!SLUG_PATTERN.test(slug)) {
    throw new Error(
      `--slug "${slug}" is not a URL slug: use lower-case letters, digits and single hyphens, e.g. "line-stickers-2026"`,
    );
  }
  const date = input.date.toISOString().slice(0, 10);
  const titleIn = (locale: Locale) =>
    (locale === defaultLocale ? input.title : (input.titles?.[locale] ?? input.title)).trim();
  // The default-language file is the original; the others record the hash of the text they translate
  // (its placeholder for now), so they show as outdated once the original is written.
  const sourceHash = contentHash({
    data: { title: titleIn(defaultLocale), description: placeholders(defaultLocale).description },
    body: placeholders(defaultLocale).body,
  });
  const files = localeKeys.map((locale) => {
    const frontmatter = {
      title: titleIn(locale),
      description: placeholders(locale).description,
      pubDate: date,
      tags: [] as string[],
      author: 'syENGAGE',
      translationKey: slug,
      draft: true,
    };
    // The same schema the build uses, so the scaffold never writes something the build rejects.
    const parsed = postSchema.safeParse(frontmatter);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${locale} ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    const content = [
      '---',
      `title: ${JSON.stringify(frontmatter.title)}`,
      `description: ${JSON.stringify(frontmatter.description)}`,
      `pubDate: ${date}`,
      'tags: []                 # lower-case slugs, the same in every language, e.g. ["wechat", "line"]',
      `author: ${JSON.stringify(frontmatter.author)}`,
      `translationKey: ${JSON.stringify(slug)}`,
      ...(locale === defaultLocale
        ? []
        : [
            `translatedFrom: "${defaultLocale}:${sourceHash}"  # npm run translations -- mark ${slug}, once translated`,
          ]),
      'draft: true              # remove this line to publish',
      '---',
      '',
      placeholders(locale).body,
      '',
    ].join('\n');
    return { locale, path: `${locale}/${slug}.mdx`, content };
  });
  return { slug, files };
}
