import { threadListJson } from '../comments/threads.ts';
import { getSiteRoutes } from '../routes/site-content.ts';

/**
 * The comment threads that exist: the translationKeys of the posts this build publishes, with each
 * post's title and path per locale. The production server loads it from dist/, refuses comments on
 * any other thread, and names the post on its server-rendered comment pages.
 */
export async function GET() {
  const entries = (await getSiteRoutes()).post.map(({ path, props: { locale, post } }) => ({
    thread: post.data.translationKey,
    locale,
    title: post.data.title,
    path,
  }));
  return new Response(threadListJson(entries), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
