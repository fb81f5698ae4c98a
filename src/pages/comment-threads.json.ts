import { getPublishedPosts, postSlug } from '../blog/collection.ts';
import { parsePostId } from '../blog/posts.ts';
import { postPath } from '../i18n/urls.ts';
import { threadListJson } from '../comments/threads.ts';

/**
 * The comment threads that exist: the translationKeys of the posts this build publishes, with each
 * post's title and path per locale. The production server loads it from dist/, refuses comments on
 * any other thread, and names the post on its server-rendered comment pages.
 */
export async function GET() {
  const posts = await getPublishedPosts();
  const entries = posts.map((post) => {
    const { locale } = parsePostId(post.id);
    return { thread: post.data.translationKey, locale, title: post.data.title, path: postPath(locale, postSlug(post)) };
  });
  return new Response(threadListJson(entries), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
