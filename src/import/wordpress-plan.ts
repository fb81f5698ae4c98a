import { createHash } from 'node:crypto';
import { duplicateKey } from '../comments/spam.ts';
import type { CommentRecord, CommentStatus } from '../comments/store.ts';
import { slugify, SLUG_PATTERN } from '../blog/scaffold.ts';
import { defaultLocale, isLocale, localeKeys, type Locale } from '../i18n/locales.ts';
import { htmlToPlainText } from './html-to-mdx.ts';
import type { WxrComment, WxrExport, WxrItem } from './wxr.ts';

/**
 * What a WordPress export becomes, decided before anything is written: which posts go to which
 * file and thread, their frontmatter, the tags to add, and the comments to store. Pure.
 */

/** The schema's limits (src/blog/schema.ts). */
const MAX_TITLE = 70;
const MAX_DESCRIPTION = 200;

/** The site locale for a WordPress language code ("en_US", "zh", "zh-hans", "zh_CN"), if the site has one. */
export function siteLocaleFor(code: string): Locale | undefined {
  const normal = code.trim().toLowerCase().replace(/_/g, '-');
  if (isLocale(normal)) return normal;
  const primary = normal.split('-')[0] ?? '';
  return localeKeys.find((key) => key === primary || key.split('-')[0] === primary);
}

/** `text` cut to `max` characters at a word boundary where there is one, with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // The cut ends a word when the next character is a space; otherwise drop the cut word.
  const space = /\s/.test(text.charAt(max - 1)) ? max - 1 : cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
}

export interface PlannedPost {
  item: WxrItem;
  locale: Locale;
  /** The file name, shared by translations. */
  slug: string;
  translationKey: string;
  title: string;
  description: string;
  /** YYYY-MM-DD. */
  pubDate: string;
  tags: string[];
  author: string;
  /** For the translation in a pair: the locale of the original. */
  sourceLocale?: Locale | undefined;
  /** `content/posts/<locale>/<slug>.mdx` exists already: it is kept, and the comments go to its thread. */
  exists: boolean;
}

export interface PostPlan {
  posts: PlannedPost[];
  /** Tags `content/tags.yml` lacks, with a name per locale. */
  newTags: Map<string, Record<Locale, string>>;
  warnings: string[];
  /** Items left out, with the reason (drafts, pages, attachments, …), counted by reason. */
  skipped: Map<string, number>;
}

export interface ExistingContent {
  /** Translation key of each existing post, by `<locale>/<slug>`. */
  posts: ReadonlyMap<string, string>;
  /** Tags that `content/tags.yml` names. */
  tags: ReadonlySet<string>;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Polylang's translation groups of terms: each member term id → the ids of the whole group, from the PHP-serialised description. */
function termTranslationGroups(wxr: WxrExport): Map<number, Map<string, number>> {
  const groups = new Map<number, Map<string, number>>();
  for (const term of wxr.terms.filter((t) => t.taxonomy === 'term_translations')) {
    const members = new Map(
      [...term.description.matchAll(/s:\d+:"([\w-]+)";i:(\d+);/g)].map((m) => [m[1] ?? '', Number(m[2])]),
    );
    for (const id of members.values()) groups.set(id, members);
  }
  return groups;
}

function itemLanguage(item: WxrItem): string | undefined {
  return (
    item.categories.find((c) => c.domain === 'language')?.nicename ||
    item.meta.get('_wpml_import_language_code') ||
    undefined
  );
}

function itemGroup(item: WxrItem): string | undefined {
  const polylang = item.categories.find((c) => c.domain === 'post_translations')?.nicename;
  if (polylang) return `pll:${polylang}`;
  const wpml = item.meta.get('_wpml_import_translation_group');
  return wpml ? `wpml:${wpml}` : undefined;
}

/** Decides every published post's file, frontmatter and thread. */
export function planPosts(wxr: WxrExport, existing: ExistingContent): PostPlan {
  const warnings: string[] = [];
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const exportLocale = siteLocaleFor(wxr.language) ?? defaultLocale;
  if (!siteLocaleFor(wxr.language))
    warnings.push(
      `the export declares the language "${wxr.language}", which the site does not have: posts without a language of their own are imported as ${defaultLocale}`,
    );

  // Tags: a term's slug, mapped to the slug of its default-language translation when Polylang links terms.
  const termsById = new Map(
    wxr.terms.filter((t) => t.taxonomy === 'category' || t.taxonomy === 'post_tag').map((t) => [t.id, t]),
  );
  const termsBySlug = new Map([...termsById.values()].map((t) => [decode(t.slug), t]));
  const termGroups = termTranslationGroups(wxr);
  const canonicalTag = (nicename: string, name: string): string | undefined => {
    const slug = decode(nicename);
    const term = termsBySlug.get(slug);
    const group = term ? termGroups.get(term.id) : undefined;
    const main = group
      ? (termsById.get(group.get(defaultLocale) ?? group.get(defaultLocale.split('-')[0] ?? '') ?? -1) ?? term)
      : term;
    const candidate = decode(main?.slug ?? slug);
    if (SLUG_PATTERN.test(candidate)) return candidate;
    return slugify(main?.name ?? name) || undefined;
  };

  const posts = wxr.items.filter((item) => {
    if (item.type !== 'post') {
      skip(
        item.type === 'attachment'
          ? 'attachments (their files are fetched where posts show them)'
          : `${item.type || 'untyped'} items (only posts are imported)`,
      );
      return false;
    }
    if (item.status !== 'publish') {
      skip(`posts with status "${item.status}" (only published posts are imported)`);
      return false;
    }
    return true;
  });

  // Translation groups, in export order.
  const groups = new Map<string, { item: WxrItem; locale: Locale }[]>();
  for (const item of posts) {
    const code = itemLanguage(item);
    const locale = code ? siteLocaleFor(code) : exportLocale;
    if (!locale) {
      warnings.push(
        `"${item.title}" (WordPress post ${item.id}) is in "${code}", a language the site does not have: not imported`,
      );
      skip('posts in a language the site does not have');
      continue;
    }
    if (!code)
      warnings.push(
        `"${item.title}" (WordPress post ${item.id}) has no Polylang or WPML language: imported as ${locale}, the language the export declares`,
      );
    const key = itemGroup(item) ?? `post:${item.id}`;
    const group = groups.get(key) ?? [];
    if (group.some((member) => member.locale === locale)) {
      warnings.push(
        `"${item.title}" (WordPress post ${item.id}) is a second ${locale} post in one translation group: imported on its own`,
      );
      groups.set(`post:${item.id}`, [{ item, locale }]);
      continue;
    }
    groups.set(key, [...group, { item, locale }]);
  }

  const planned: PlannedPost[] = [];
  const newTags = new Map<string, Record<Locale, string>>();
  const usedSlugs = new Set<string>();
  for (const group of groups.values()) {
    const main = group.find((member) => member.locale === defaultLocale) ?? group[0];
    if (!main) continue;
    const wpSlug = decode(main.item.slug);
    let base = SLUG_PATTERN.test(wpSlug) ? wpSlug : slugify(main.item.title) || `post-${main.item.id}`;
    if (base.length > 60) base = slugify(base.replace(/-/g, ' ')) || base.slice(0, 60);
    let slug = base;
    for (let n = 2; usedSlugs.has(slug); n++) slug = `${base}-${n}`;
    usedSlugs.add(slug);
    const existingKey = localeKeys.map((locale) => existing.posts.get(`${locale}/${slug}`)).find(Boolean);
    const translationKey = existingKey ?? slug;
    const wpmlSource = group
      .map((member) => siteLocaleFor(member.item.meta.get('_wpml_import_source_language_code') ?? ''))
      .find(Boolean);
    const sourceLocale = group.length > 1 ? (wpmlSource ?? main.locale) : undefined;

    const tags = new Set<string>();
    for (const { item, locale } of group) {
      for (const category of item.categories.filter((c) => c.domain === 'category' || c.domain === 'post_tag')) {
        if (category.nicename === 'uncategorized') continue;
        const tag = canonicalTag(category.nicename, category.name);
        if (!tag) {
          warnings.push(
            `"${item.title}": the ${category.domain === 'post_tag' ? 'tag' : 'category'} "${category.name}" has no Latin letters for a tag slug: left out (add a tag by hand)`,
          );
          continue;
        }
        tags.add(tag);
        if (!existing.tags.has(tag)) {
          const labels = newTags.get(tag) ?? ({} as Record<Locale, string>);
          // WordPress stores term names HTML-escaped ("Events &amp; workshops").
          labels[locale] ||= htmlToPlainText(category.name) || tag;
          newTags.set(tag, labels);
        }
      }
    }

    for (const { item, locale } of group) {
      const exists = existing.posts.has(`${locale}/${slug}`);
      // Warnings about a file that is kept would be noise on a second run.
      const warn = (message: string) => !exists && warnings.push(message);
      let title = item.title.replace(/\s+/g, ' ').trim() || `WordPress post ${item.id}`;
      if (title.length > MAX_TITLE) {
        const short = shorten(title, MAX_TITLE);
        warn(
          `"${title}" (WordPress post ${item.id}): the title is longer than ${MAX_TITLE} characters, shortened to "${short}"; edit it in posts/${locale}/${slug}.mdx`,
        );
        title = short;
      }
      const excerpt = htmlToPlainText(item.excerptHtml).replace(/\s+/g, ' ').trim();
      const firstParagraph = () =>
        htmlToPlainText(item.contentHtml.replace(/\[[^\]]*\]/g, ''))
          .split(/\n\s*\n/)
          .find((p) => p.trim())
          ?.replace(/\s+/g, ' ')
          .trim();
      const description = shorten(excerpt || firstParagraph() || title, MAX_DESCRIPTION);
      if (!excerpt)
        warn(`posts/${locale}/${slug}.mdx: no excerpt in WordPress, the description is the first paragraph: check it`);
      planned.push({
        item,
        locale,
        slug,
        translationKey,
        title,
        description,
        pubDate: item.date.toISOString().slice(0, 10),
        tags: [...tags].sort(),
        author: wxr.authors.get(item.creator) || item.creator || 'syENGAGE',
        sourceLocale: sourceLocale && sourceLocale !== locale ? sourceLocale : undefined,
        exists,
      });
    }
  }

  for (const [tag, labels] of newTags) {
    const known = Object.values(labels).find(Boolean) ?? tag;
    const missing = localeKeys.filter((locale) => !labels[locale]);
    for (const locale of missing) labels[locale] = known;
    if (missing.length > 0)
      warnings.push(
        `content/tags.yml: the tag "${tag}" is named "${known}" in ${missing.join(', ')} too: translate it`,
      );
  }
  return { posts: planned, newTags, warnings, skipped };
}

/** What the comment importer writes in `ipHash`: WordPress's comment id on its site, never an address. */
export function importMarker(site: string, commentId: number): string {
  return `wordpress:${site}#${commentId}`;
}

export interface CommentPlanOptions {
  includeSpam: boolean;
  includeTrash: boolean;
  /** The old site's host, part of each comment's import marker. */
  site: string;
  /** The first free comment id in the store. */
  firstId: number;
}

export interface CommentPlan {
  records: CommentRecord[];
  /** Counts of comments left out, by reason. */
  skipped: Map<string, number>;
  warnings: string[];
}

function statusOf(approved: string): CommentStatus {
  if (approved === '1' || approved === 'approve') return 'approved';
  if (approved === 'spam') return 'spam';
  if (approved === 'trash' || approved === 'post-trashed') return 'trash';
  return 'pending';
}

/**
 * The comments of the imported posts as store records, with ids from `firstId` on. Comments an
 * earlier import stored (their marker is in `existing`) are left out, so running twice adds
 * nothing twice. Replies keep their parent; WordPress's deeper threads hang under their
 * top-level comment, as the site shows one level of replies. IP addresses are not kept.
 */
export function planComments(
  posts: readonly { thread: string; locale: Locale; comments: readonly WxrComment[] }[],
  existing: readonly Pick<CommentRecord, 'id' | 'ipHash' | 'parentId'>[],
  options: CommentPlanOptions,
): CommentPlan {
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const warnings: string[] = [];
  const stored = new Map(existing.filter((c) => c.ipHash.startsWith('wordpress:')).map((c) => [c.ipHash, c]));
  const records: CommentRecord[] = [];
  let nextId = options.firstId;
  for (const post of posts) {
    const byId = new Map(post.comments.map((comment) => [comment.id, comment]));
    /** Our id of a WordPress comment of this post, and whether it is top-level, once placed. */
    const placed = new Map<number, { id: number; parentId: number | null }>();
    for (const [marker, record] of stored) {
      const match = /#(\d+)$/.exec(marker);
      if (marker.startsWith(`wordpress:${options.site}#`) && match && byId.has(Number(match[1])))
        placed.set(Number(match[1]), { id: record.id, parentId: record.parentId });
    }
    // Parents before replies, whatever the export's order.
    const depth = (comment: WxrComment, seen = new Set<number>()): number => {
      const parent = byId.get(comment.parent);
      if (!parent || seen.has(comment.id)) return 0;
      seen.add(comment.id);
      return 1 + depth(parent, seen);
    };
    for (const comment of [...post.comments].sort(
      (a, b) => depth(a) - depth(b) || a.date.getTime() - b.date.getTime() || a.id - b.id,
    )) {
      if (comment.type !== '' && comment.type !== 'comment') {
        skip(`${comment.type}s`);
        continue;
      }
      const marker = importMarker(options.site, comment.id);
      if (stored.has(marker)) {
        skip('already imported');
        continue;
      }
      const status = statusOf(comment.approved);
      if ((status === 'spam' && !options.includeSpam) || (status === 'trash' && !options.includeTrash)) {
        skip(status);
        continue;
      }
      let parentId: number | null = null;
      if (comment.parent) {
        const parent = placed.get(comment.parent);
        if (parent) parentId = parent.parentId ?? parent.id;
        else
          warnings.push(
            `comment ${comment.id} on "${post.thread}" answers comment ${comment.parent}, which is not imported: stored as a top-level comment`,
          );
      }
      const body = htmlToPlainText(comment.content);
      if (!body) {
        skip('empty');
        continue;
      }
      const email = comment.email;
      const record: CommentRecord = {
        id: nextId++,
        thread: post.thread,
        parentId,
        locale: post.locale,
        authorName: comment.author.replace(/\s+/g, ' ').trim() || 'Anonymous',
        authorEmail: email,
        authorUrl: /^https?:\/\/[^\s]+$/i.test(comment.url) ? comment.url : null,
        body,
        status,
        createdAt: comment.date.getTime(),
        ipHash: marker,
        fingerprint: createHash('sha256')
          .update(duplicateKey(post.thread, email, body))
          .digest('base64url'),
      };
      records.push(record);
      placed.set(comment.id, { id: record.id, parentId });
    }
  }
  return { records, skipped, warnings };
}

/** A link's key for matching old permalinks: host and path without trailing slash, and `?p=ID` / `?page_id=ID` when present. */
function linkKey(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const id = parsed.searchParams.get('p') ?? parsed.searchParams.get('page_id');
    return `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${id ? `?p=${id}` : ''}`;
  } catch {
    return undefined;
  }
}

/**
 * Links between imported posts, rewritten from the old blog's addresses (permalinks and
 * `?p=ID`) to the site's paths, so a moved blog does not link back to the old one.
 */
export function oldLinkRewriter(
  posts: readonly Pick<PlannedPost, 'item' | 'locale' | 'slug'>[],
  siteUrl: string,
  pathOf: (locale: Locale, slug: string) => string,
): (url: string) => string | undefined {
  const targets = new Map<string, string>();
  const host = linkKey(siteUrl)?.split('/')[0];
  for (const post of posts) {
    const path = pathOf(post.locale, post.slug);
    const permalink = linkKey(post.item.link);
    if (permalink) targets.set(permalink, path);
    if (host) targets.set(`${host}?p=${post.item.id}`, path);
  }
  return (url) => {
    const key = linkKey(url);
    if (!key) return undefined;
    const hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
    const target = targets.get(key);
    return target ? `${target}${hash}` : undefined;
  };
}
