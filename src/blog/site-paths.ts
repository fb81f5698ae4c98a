import { localeKeys, defaultLocale, type Locale } from '../i18n/locales.ts';
import { localizePath, postPath } from '../i18n/urls.ts';
import { listPagePath, paginate, POSTS_PER_PAGE } from './pagination.ts';
import { parsePostId, postsInLocale, tagCounts, type PostLike } from './posts.ts';
import { TAG_LIST_PATH, tagPath } from './tags.ts';

/** Pages every locale has, below the locale prefix, besides posts, tags and list pages. */
export const FIXED_PAGES = ['/search/', '/follow/', '/rss.xml'] as const;

/**
 * Every path the built site answers for the given published posts, with locale prefixes:
 * what an internal link in a post may point to. Keep in step with src/pages/.
 */
export function sitePaths(published: readonly PostLike[], pageSize: number = POSTS_PER_PAGE): Set<string> {
  const paths = new Set<string>(['/sitemap-index.xml', '/robots.txt', '/favicon.svg', '/404.html']);
  for (const locale of localeKeys) {
    const posts = postsInLocale(published, locale);
    const add = (path: string) => paths.add(localizePath(path, locale));
    for (const page of paginate(posts, pageSize)) add(listPagePath(page.number));
    add(TAG_LIST_PATH);
    for (const { tag } of tagCounts(posts)) add(tagPath(tag));
    for (const path of FIXED_PAGES) add(path);
    if (locale !== defaultLocale) add('/404/');
    for (const post of posts) paths.add(postPath(locale, parsePostId(post.id).slug));
  }
  return paths;
}

/** The path of a post, from its entry id. */
export function pathOfPost(post: Pick<PostLike, 'id'>): string {
  const { locale, slug }: { locale: Locale; slug: string } = parsePostId(post.id);
  return postPath(locale, slug);
}
