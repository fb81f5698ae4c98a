import type { PostLike } from './posts.ts';

/** Posts carrying `tag`, in the order given. */
export function postsWithTag<T extends PostLike>(posts: readonly T[], tag: string): T[] {
  return posts.filter((post) => post.data.tags.includes(tag));
}
