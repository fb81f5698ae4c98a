import { isLocale, type Locale } from '../i18n/locales.ts';
import type { PostData } from './schema.ts';

/** The part of a collection entry these functions need; Astro's entries fit it. */
export interface PostLike {
  /** `<locale>/<slug>`, from the file's place under `content/posts/`. */
  id: string;
  data: PostData;
}

const parsedIds = new Map<string, { locale: Locale; slug: string }>();

/** Split an entry id into its locale folder and slug; a file outside a locale folder is an error. */
export function parsePostId(id: string): { locale: Locale; slug: string } {
  const known = parsedIds.get(id);
  if (known) return { ...known };
  const [folder, ...rest] = id.split('/');
  const slug = rest.join('/');
  if (!isLocale(folder) || !slug) {
    throw new Error(
      `content/posts/${id}: posts live in content/posts/<locale>/<slug>.mdx, with <locale> one of the site's locales`,
    );
  }
  parsedIds.set(id, { locale: folder, slug });
  return { locale: folder, slug };
}

/** Whether a post belongs in a build made at `now`: drafts only when asked for, future posts once their date arrives. */
export function isPublished(post: PostLike, now: Date, { includeDrafts = false } = {}): boolean {
  if (post.data.draft && !includeDrafts) return false;
  return post.data.pubDate.getTime() <= now.getTime();
}

/** Newest first; posts of the same day by title, so the order is stable between builds. */
export function sortNewestFirst<T extends PostLike>(posts: readonly T[]): T[] {
  return [...posts].sort(
    (a, b) => b.data.pubDate.getTime() - a.data.pubDate.getTime() || a.data.title.localeCompare(b.data.title),
  );
}

export function postsInLocale<T extends PostLike>(posts: readonly T[], locale: Locale): T[] {
  return posts.filter((post) => parsePostId(post.id).locale === locale);
}

/** The same post in `target`, found through the shared translation key. */
export function findTranslation<T extends PostLike>(
  posts: readonly T[],
  post: PostLike,
  target: Locale,
): T | undefined {
  return posts.find(
    (other) => other.data.translationKey === post.data.translationKey && parsePostId(other.id).locale === target,
  );
}

/** Slugs of the posts that an MDX body links to with site paths (`/blog/x/`, `/zh-cn/blog/x/`). */
export function linkedPostSlugs(body: string): Set<string> {
  return new Set(
    [...body.matchAll(/\]\((?:\/[a-z-]+)?\/blog\/([^/)#?\s]+)\/?[^)]*\)/g)].map((match) => match[1] ?? ''),
  );
}

/**
 * Posts of the same locale that share tags with `post`: most shared tags first, then newest.
 * Posts the body already links to are left out, so "Also see" never repeats the author's own links.
 */
export function relatedPosts<T extends PostLike & { body?: string | undefined }>(
  posts: readonly T[],
  post: PostLike & { body?: string | undefined },
  limit = 3,
): T[] {
  const { locale } = parsePostId(post.id);
  const tags = new Set(post.data.tags);
  const linked = linkedPostSlugs(post.body ?? '');
  return sortNewestFirst(
    postsInLocale(posts, locale).filter((other) => other.id !== post.id && !linked.has(parsePostId(other.id).slug)),
  )
    .map((other) => ({ other, shared: other.data.tags.filter((tag) => tags.has(tag)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared)
    .slice(0, limit)
    .map(({ other }) => other);
}

/**
 * Problems with how posts pair up: two posts of one locale sharing a translation key, or
 * translations whose slugs differ (translations share their path, so the language switch,
 * hreflang and the sitemap can pair them).
 */
export function translationProblems(posts: readonly PostLike[]): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, PostLike[]>();
  for (const post of posts) byKey.set(post.data.translationKey, [...(byKey.get(post.data.translationKey) ?? []), post]);
  for (const [key, group] of byKey) {
    const seen = new Map<Locale, string>();
    for (const post of group) {
      const { locale } = parsePostId(post.id);
      const earlier = seen.get(locale);
      if (earlier)
        problems.push(`content/posts/${post.id}: translationKey "${key}" is already used by content/posts/${earlier}`);
      seen.set(locale, post.id);
    }
    const slugs = new Set(group.map((post) => parsePostId(post.id).slug));
    if (slugs.size > 1) {
      problems.push(
        `translationKey "${key}": translations must share a file name, found ${group.map((post) => `content/posts/${post.id}`).join(', ')}`,
      );
    }
  }
  return problems;
}

/** All tags used by `posts`, with counts, most used first, then alphabetical. */
export function tagCounts(posts: readonly PostLike[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const post of posts) for (const tag of post.data.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/**
 * `relatedPosts` for every post at once, by post id: the same lists, but each post looks only at
 * posts that share one of its tags (found through a tag index built once), so a build does not
 * sort every post's whole locale once per post.
 */
export function relatedPostsById<T extends PostLike & { body?: string | undefined }>(
  posts: readonly T[],
  limit = 3,
): Map<string, T[]> {
  const sorted = sortNewestFirst(posts);
  const info = new Map(sorted.map((post, rank) => [post, { rank, ...parsePostId(post.id) }]));
  // Each locale's posts per tag; a post listed once per occurrence of the tag, as relatedPosts counts them.
  const byTag = new Map<string, T[]>();
  for (const post of sorted) {
    for (const tag of post.data.tags) {
      const key = `${info.get(post)?.locale}\u0000${tag}`;
      const list = byTag.get(key);
      if (list) list.push(post);
      else byTag.set(key, [post]);
    }
  }
  const related = new Map<string, T[]>();
  for (const post of sorted) {
    const locale = info.get(post)?.locale;
    const linked = linkedPostSlugs(post.body ?? '');
    const shared = new Map<T, number>();
    for (const tag of new Set(post.data.tags)) {
      for (const other of byTag.get(`${locale}\u0000${tag}`) ?? []) {
        if (other !== post) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    // The best `limit` by shared tags, then newest: kept in a short sorted array instead of sorting every candidate.
    const best: { post: T; shared: number; rank: number }[] = [];
    for (const [other, count] of shared) {
      const { rank = 0, slug = '' } = info.get(other) ?? {};
      if (other.id === post.id || (linked.size > 0 && linked.has(slug))) continue;
      const at = best.findIndex((kept) => count > kept.shared || (count === kept.shared && rank < kept.rank));
      if (at === -1) {
        if (best.length < limit) best.push({ post: other, shared: count, rank });
      } else {
        best.splice(at, 0, { post: other, shared: count, rank });
        if (best.length > limit) best.pop();
      }
    }
    related.set(
      post.id,
      best.map((kept) => kept.post),
    );
  }
  return related;
}

/** Each translation key's posts by locale, to find a post's translations without scanning every post. */
export function postsByTranslationKey<T extends PostLike>(posts: readonly T[]): Map<string, Map<Locale, T>> {
  const byKey = new Map<string, Map<Locale, T>>();
  for (const post of posts) {
    const locales = byKey.get(post.data.translationKey) ?? new Map<Locale, T>();
    const { locale } = parsePostId(post.id);
    if (!locales.has(locale)) locales.set(locale, post);
    byKey.set(post.data.translationKey, locales);
  }
  return byKey;
}
