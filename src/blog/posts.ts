import { isLocale, type Locale } from '../i18n/locales.ts';
import type { PostData } from './schema.ts';

/** The part of a collection entry these functions need; Astro's entries fit it. */
export interface PostLike {
  /** `<locale>/<slug>`, from the file's place under `content/posts/`. */
  id: string;
  data: PostData;
}

/** Split an entry id into its locale folder and slug; a file outside a locale folder is an error. */
export function parsePostId(id: string): { locale: Locale; slug: string } {
  const [folder, ...rest] = id.split('/');
  const slug = rest.join('/');
  if (!isLocale(folder) || !slug) {
    throw new Error(`content/posts/${id}: posts live in content/posts/<locale>/<slug>.mdx, with <locale> one of the site's locales`);
  }
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
export function findTranslation<T extends PostLike>(posts: readonly T[], post: PostLike, target: Locale): T | undefined {
  return posts.find(
    (other) => other.data.translationKey === post.data.translationKey && parsePostId(other.id).locale === target,
  );
}

/** Slugs of the posts that an MDX body links to with site paths (`/blog/x/`, `/zh-cn/blog/x/`). */
export function linkedPostSlugs(body: string): Set<string> {
  return new Set([...body.matchAll(/\]\((?:\/[a-z-]+)?\/blog\/([^/)#?\s]+)\/?[^)]*\)/g)].map((match) => match[1] ?? ''));
}

/**
 * Posts of the same locale that share tags with `post`: most shared tags first, then newest.
 * Posts the body already links to are left out, so "Also see" never repeats the author's own links.
 */
export function relatedPosts<T extends PostLike & { body?: string | undefined }>(posts: readonly T[], post: PostLike & { body?: string | undefined }, limit = 3): T[] {
  const { locale } = parsePostId(post.id);
  const tags = new Set(post.data.tags);
  const linked = linkedPostSlugs(post.body ?? '');
  return sortNewestFirst(postsInLocale(posts, locale).filter((other) => other.id !== post.id && !linked.has(parsePostId(other.id).slug)))
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
      if (earlier) problems.push(`content/posts/${post.id}: translationKey "${key}" is already used by content/posts/${earlier}`);
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
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
