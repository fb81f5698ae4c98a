import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n/locales.ts';
import { isPublished, parsePostId, postsInLocale, sortNewestFirst, translationProblems } from './posts.ts';
import { unlabelledTags, type TagLabels } from './tag-labels.ts';

export type Post = CollectionEntry<'posts'>;

/**
 * Every post this build publishes, newest first. Drafts appear only under `astro dev`; a post
 * dated in the future appears once a build runs on or after its date.
 */
export async function getPublishedPosts(): Promise<Post[]> {
  const all = await getCollection('posts');
  const problems = translationProblems(all);
  if (problems.length > 0) throw new Error(`Posts do not pair up:\n  - ${problems.join('\n  - ')}`);
  const now = new Date();
  // MODE, not DEV: DEV follows NODE_ENV, so a build run with NODE_ENV=test (vitest, some CI) would
  // publish drafts; MODE is "production" for every `astro build` and "development" for `astro dev`.
  const includeDrafts = import.meta.env.MODE === 'development';
  return sortNewestFirst(all.filter((post) => isPublished(post, now, { includeDrafts })));
}

export async function getPostsInLocale(locale: Locale): Promise<Post[]> {
  return postsInLocale(await getPublishedPosts(), locale);
}

/** Tag names per locale from `content/tags.yml`. A published post with an unnamed tag fails the build. */
export async function getTagLabels(): Promise<TagLabels> {
  const labels: TagLabels = new Map((await getCollection('tags')).map((entry) => [entry.id, entry.data]));
  const missing = unlabelledTags(labels, (await getPublishedPosts()).flatMap((post) => post.data.tags));
  if (missing.length > 0) {
    throw new Error(`content/tags.yml has no entry for the tag${missing.length > 1 ? 's' : ''} ${missing.map((tag) => `"${tag}"`).join(', ')}: add its name in every language`);
  }
  return labels;
}

export function postSlug(post: Post): string {
  return parsePostId(post.id).slug;
}
