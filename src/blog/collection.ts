import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n/locales.ts';
import { isPublished, parsePostId, postsInLocale, sortNewestFirst, translationProblems } from './posts.ts';
import { unlabelledTags, type TagLabels } from './tag-labels.ts';
import { mdxToPlainText, readingMinutes } from '../i18n/format.ts';

export type Post = CollectionEntry<'posts'>;

/**
 * Every post this build publishes, newest first. Drafts appear only under `astro dev`; a post
 * dated in the future appears once a build runs on or after its date. A build reads the
 * collection once and every page shares the result (work that grows with the site is done once
 * per build, not once per page); `astro dev` reads it per request, so edits show up.
 */
export function getPublishedPosts(): Promise<Post[]> {
  if (import.meta.env.MODE === 'development') return loadPublishedPosts();
  return (publishedOnce ??= loadPublishedPosts());
}

let publishedOnce: Promise<Post[]> | undefined;

async function loadPublishedPosts(): Promise<Post[]> {
  const all = await getCollection('posts');
  const problems = translationProblems(all);
  if (problems.length > 0) throw new Error(`Posts do not pair up:\n  - ${problems.join('\n  - ')}`);
  const now = new Date();
  // MODE, not DEV: DEV follows NODE_ENV, so a build run with NODE_ENV=test (vitest, some CI) would
  // publish drafts; MODE is "production" for every `astro build` and "development" for `astro dev`.
  const includeDrafts = import.meta.env.MODE === 'development';
  return sortNewestFirst(all.filter((post) => isPublished(post, now, { includeDrafts })));
}

/** Per build, like getPublishedPosts: the published posts of each locale, newest first. */
const inLocaleOnce = new Map<Locale, Promise<Post[]>>();

export function getPostsInLocale(locale: Locale): Promise<Post[]> {
  if (import.meta.env.MODE === 'development') return getPublishedPosts().then((posts) => postsInLocale(posts, locale));
  let posts = inLocaleOnce.get(locale);
  if (!posts) inLocaleOnce.set(locale, (posts = getPublishedPosts().then((all) => postsInLocale(all, locale))));
  return posts;
}

let tagLabelsOnce: Promise<TagLabels> | undefined;

/** Tag names per locale from `content/tags.yml`. A published post with an unnamed tag fails the build. */
export function getTagLabels(): Promise<TagLabels> {
  if (import.meta.env.MODE === 'development') return loadTagLabels();
  return (tagLabelsOnce ??= loadTagLabels());
}

async function loadTagLabels(): Promise<TagLabels> {
  const labels: TagLabels = new Map((await getCollection('tags')).map((entry) => [entry.id, entry.data]));
  const missing = unlabelledTags(
    labels,
    (await getPublishedPosts()).flatMap((post) => post.data.tags),
  );
  if (missing.length > 0) {
    throw new Error(
      `content/tags.yml has no entry for the tag${missing.length > 1 ? 's' : ''} ${missing.map((tag) => `"${tag}"`).join(', ')}: add its name in every language`,
    );
  }
  return labels;
}

const readingMinutesByBody = new Map<string, number>();

/** Reading time in minutes, counted once per post text: a post appears on many list pages. */
export function postReadingMinutes(post: Post): number {
  const key = `${post.id}\u0000${post.digest ?? post.body ?? ''}`;
  let minutes = readingMinutesByBody.get(key);
  if (minutes === undefined) readingMinutesByBody.set(key, (minutes = readingMinutes(mdxToPlainText(post.body ?? ''))));
  return minutes;
}

export function postSlug(post: Post): string {
  return parsePostId(post.id).slug;
}
