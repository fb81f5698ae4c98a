import { Hono, type Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { useTranslations } from '../../i18n/translate.ts';
import { isReturnPath, requestLocale } from '../../comments/input.ts';
import { COMMENTS_PER_PAGE } from '../../comments/limits.ts';
import { toPublicComment } from '../../comments/public.ts';
import { renderErrorPage } from '../comments-view.ts';
import type { ApiDeps, ApiEnv } from './context.ts';
import { createReadCache, sendCachedJson } from './read-cache.ts';
import { threadPage } from './thread-page.ts';
import { commentId, pageNumber, threadId } from './validation.ts';

const threadQuery = z.object({ thread: threadId });
const threadPageQuery = threadQuery.extend({ page: pageNumber });
const countsQuery = z.object({
  threads: z
    .string()
    .catch('')
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(threadId).min(1).max(100)),
});
const viewQuery = z.object({
  thread: threadId,
  page: pageNumber,
  replyto: commentId.optional().catch(undefined),
  post: z
    .string()
    .optional()
    .catch(undefined)
    .transform((post) => (post !== undefined && isReturnPath(post) ? post : null)),
});

/**
 * The thread guard of the JSON reads, in one place: 400 for a malformed thread key, 404 for a
 * thread no post has (when the server knows the build's threads).
 */
function knownThread(deps: ApiDeps) {
  return (result: { success: boolean; data: unknown }, c: Context) => {
    if (!result.success)
      return c.json(
        { error: 'validation', message: 'thread: a post key such as "my-post"', fields: { thread: 'required' } },
        400,
      );
    const { thread } = result.data as { thread: string };
    if (!deps.isKnownThread(thread))
      return c.json({ error: 'unknown-thread', message: `No post has the thread ${thread}` }, 404);
    return undefined;
  };
}

/**
 * The public reads: a thread's approved comments, counts for several threads, a fresh form token,
 * and the thread as a plain HTML page (readers without JavaScript). Mounted at `/api/comments`.
 */
export function readingRoutes(deps: ApiDeps) {
  const { store } = deps;
  const cachedRead = createReadCache(store);
  const guard = knownThread(deps);

  return new Hono<ApiEnv>()
    .get('/', zValidator('query', threadPageQuery, guard), async (c) => {
      const { thread, page } = c.req.valid('query');
      const entry = await cachedRead(`thread:${thread}:${page}`, async () => {
        const result = await store.approvedPage(thread, page, COMMENTS_PER_PAGE);
        return {
          thread,
          page,
          pages: Math.max(1, Math.ceil(result.topLevel / COMMENTS_PER_PAGE)),
          total: result.total,
          comments: result.comments.map((comment) => toPublicComment(comment)),
        };
      });
      return sendCachedJson(c, entry);
    })
    .get(
      '/counts',
      zValidator('query', countsQuery, (result, c) => {
        if (result.success) return undefined;
        return c.json(
          {
            error: 'validation',
            message: 'threads: 1 to 100 post keys separated by commas',
            fields: { threads: 'invalid' },
          },
          400,
        );
      }),
      async (c) => {
        // Threads no post has are left out of the answer (not counted as 0): the list shows nothing for them.
        const known = c.req.valid('query').threads.filter(deps.isKnownThread);
        const entry = await cachedRead(`counts:${known.join(',')}`, async () => ({
          counts: known.length > 0 ? await store.approvedCounts(known) : {},
        }));
        return sendCachedJson(c, entry);
      },
    )
    .get(
      // A fresh form token: the static page's script asks for one, since a built page cannot carry the time it is read.
      '/token',
      zValidator('query', threadQuery, guard),
      (c) => {
        c.header('Cache-Control', 'no-store');
        return c.json({ token: deps.newToken(c.req.valid('query').thread) });
      },
    )
    .get(
      // The thread as a plain HTML page: how readers without JavaScript read comments and reply.
      '/view',
      zValidator('query', viewQuery, (result, c) => {
        if (result.success && deps.isKnownThread(result.data.thread)) return undefined;
        const locale = requestLocale(c.req.query('locale'));
        return c.html(renderErrorPage(locale, useTranslations(locale)('comments.error.thread')), 404);
      }),
      async (c) => {
        const { thread, page, replyto, post } = c.req.valid('query');
        c.header('Cache-Control', 'no-store');
        return c.html(
          await threadPage(deps, {
            locale: requestLocale(c.req.query('locale')),
            thread,
            returnTo: post,
            values: { body: '', name: '', email: '', url: '', parent: replyto === undefined ? '' : String(replyto) },
            token: deps.newToken(thread),
            page,
          }),
        );
      },
    );
}
