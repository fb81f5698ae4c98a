import type { PostLike } from './posts.ts';

/** Path of a tag page below the locale prefix. */
export function tagPath(tag: string): string {
  return `/tags/${tag}/`;
}

/** Path of the tag list below the locale prefix. */
export const TAG_LIST_PATH = '/tags/';

/** Posts carrying `tag`, in the order given. */
export function postsWithTag<T extends PostLike>(posts: readonly T[], tag: string): T[] {
  return posts.filter((post) => post.data.tags.includes(tag));
}
