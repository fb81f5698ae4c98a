import { getPublishedPosts } from '../blog/collection.ts';
import { threadListJson } from '../comments/threads.ts';

/**
 * The comment threads that exist: the translationKeys of the posts this build publishes. The
 * production server loads it from dist/ and refuses comments on any other thread.
 */
export async function GET() {
  const posts = await getPublishedPosts();
  return new Response(threadListJson(posts.map((post) => post.data.translationKey)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
