import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { COMMENT_STATUSES, type CommentStatus } from '../../comments/store.ts';
import type { ApiDeps, ApiEnv } from './context.ts';
import { commentId, fieldIssues, threadId } from './validation.ts';

/** The moderation actions of `POST /api/admin/comments/:id/:action` and the status each one sets. */
export const ADMIN_ACTIONS = {
  approve: 'approved',
  spam: 'spam',
  trash: 'trash',
  unapprove: 'pending',
} as const satisfies Record<string, CommentStatus>;

const listQuery = z.object({
  status: z.enum(COMMENT_STATUSES).optional(),
  thread: threadId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const actionParams = z.object({
  id: commentId,
  action: z.enum(Object.keys(ADMIN_ACTIONS) as [keyof typeof ADMIN_ACTIONS]),
});
const idParams = z.object({ id: commentId });

/** A path naming no comment or no action: the same 404 as an id that does not exist. */
const notFound = (result: { success: boolean }, c: { json: (body: object, status: 404) => Response }) =>
  result.success ? undefined : c.json({ error: 'not-found' }, 404);

/** The answer bodies of a refused token (RFC 6750 statuses and WWW-Authenticate, from Hono's `bearerAuth`). */
const unauthorized = { message: { error: 'unauthorized' } };

/**
 * The moderation API, behind Hono's `bearerAuth` with the admin token: list comments (with
 * emails), set a status, delete. Mounted at `/api/admin` only when a token is configured, so
 * without one these routes do not exist. Answers are never cached.
 */
export function adminRoutes({ store }: ApiDeps, token: string) {
  return new Hono<ApiEnv>()
    .use(
      '*',
      bearerAuth({
        token,
        realm: 'comments',
        noAuthenticationHeader: unauthorized,
        invalidToken: unauthorized,
        invalidAuthenticationHeader: { message: { error: 'invalid-request' } },
      }),
    )
    .use('*', async (c, next) => {
      c.header('Cache-Control', 'no-store');
      await next();
    })
    .get(
      '/comments',
      zValidator('query', listQuery, (result, c) =>
        result.success ? undefined : c.json({ error: 'validation', fields: fieldIssues(result.error) }, 400),
      ),
      async (c) => c.json({ comments: await store.list(c.req.valid('query')) }),
    )
    .post('/comments/:id/:action', zValidator('param', actionParams, notFound), async (c) => {
      const { id, action } = c.req.valid('param');
      const status = ADMIN_ACTIONS[action];
      if (!(await store.setStatus(id, status))) return c.json({ error: 'not-found', message: `No comment ${id}` }, 404);
      return c.json({ id, status });
    })
    .delete('/comments/:id', zValidator('param', idParams, notFound), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await store.delete(id))) return c.json({ error: 'not-found' }, 404);
      return c.json({ id, deleted: true });
    });
}

/** Whether `token` can be sent as a bearer token at all (RFC 6750's b64token: what `bearerAuth` accepts). */
export function isBearerToken(token: string): boolean {
  return /^[A-Za-z0-9._~+/-]+=*$/.test(token);
}
