/** The moderation part of the comment API on its own (src/server/api/admin.ts), and whether the app mounts it. */
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminRoutes } from '../../src/server/api/admin.ts';
import { apiDeps } from '../../src/server/api/context.ts';
import { createCommentsApp } from '../../src/server/comments-app.ts';
import { readCommentsEnv } from '../../src/server/comments-config.ts';
import { ADMIN, SECRET, newComment, tempStore } from '../fixtures/comment-api.ts';

let temp: ReturnType<typeof tempStore>;
let app: Hono;
let id: number;

beforeEach(async () => {
  temp = tempStore('comments-api-admin');
  app = new Hono().route('/admin', adminRoutes(apiDeps({ store: temp.store, secret: SECRET }), ADMIN));
  ({ id } = await temp.store.insert(newComment({ authorEmail: 'ada@example.com', status: 'pending' })));
});

afterEach(() => temp.remove());

const request = (path: string, method = 'GET', authorization: string | null = `Bearer ${ADMIN}`) =>
  app.request(`/admin${path}`, { method, headers: authorization === null ? {} : { authorization } });

describe('the admin token (Hono’s bearerAuth)', () => {
  it('answers 401 with a Bearer challenge without a token or with a wrong one, and 400 for a header of another scheme', async () => {
    const missing = await request('/comments', 'GET', null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="comments"');
    expect(await missing.json()).toEqual({ error: 'unauthorized' });
    const wrong = await request('/comments', 'GET', 'Bearer not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await request('/comments', 'GET', `Basic ${btoa(`admin:${ADMIN}`)}`)).status).toBe(400);
    // Nothing happened to the comment on any refused call.
    expect((await request(`/comments/${id}/approve`, 'POST', 'Bearer nope')).status).toBe(401);
    expect((await request(`/comments/${id}`, 'DELETE', null)).status).toBe(401);
    expect((await temp.store.get(id))?.status).toBe('pending');
  });

  it('is mounted only when a token is set: without one the routes do not exist, whatever is sent', async () => {
    const off = createCommentsApp({ store: temp.store, secret: SECRET });
    const answer = await off.request('/api/admin/comments', { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('www-authenticate')).toBeNull();
    expect(() => createCommentsApp({ store: temp.store, secret: SECRET, adminToken: 'has spaces in it!' })).toThrow(
      /admin token/,
    );
    // The server stops at start with the variable's name rather than run with a token no request can send.
    expect(() => readCommentsEnv({ COMMENTS_ADMIN_TOKEN: 'correct horse battery staple' })).toThrow(
      /^Invalid comment settings: COMMENTS_ADMIN_TOKEN: letters, digits/,
    );
    expect(readCommentsEnv({ COMMENTS_ADMIN_TOKEN: ADMIN }).COMMENTS_ADMIN_TOKEN).toBe(ADMIN);
  });
});

describe('moderation with the token', () => {
  it('lists with emails, filtered, never cached; a query it cannot use names the field', async () => {
    const list = await request('/comments?status=pending&limit=5');
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(((await list.json()) as { comments: { authorEmail: string }[] }).comments).toMatchObject([
      { authorEmail: 'ada@example.com' },
    ]);
    const bad = await request('/comments?status=deleted&limit=0');
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { fields: object }).fields).sort()).toEqual(['limit', 'status']);
  });

  it('sets each action’s status, and answers 404 for an unknown action, a malformed id or a missing comment', async () => {
    for (const [action, status] of [
      ['approve', 'approved'],
      ['unapprove', 'pending'],
      ['spam', 'spam'],
      ['trash', 'trash'],
    ] as const) {
      const answer = await request(`/comments/${id}/${action}`, 'POST');
      expect(await answer.json()).toEqual({ id, status });
      expect((await temp.store.get(id))?.status).toBe(status);
    }
    for (const path of [`/comments/${id}/publish`, '/comments/abc/approve', '/comments/0/approve', '/comments/99/spam'])
      expect((await request(path, 'POST')).status, path).toBe(404);
    expect((await request('/comments/abc', 'DELETE')).status).toBe(404);
    expect(await (await request(`/comments/${id}`, 'DELETE')).json()).toEqual({ id, deleted: true });
    expect(await temp.store.get(id)).toBeNull();
    expect((await request(`/comments/${id}`, 'DELETE')).status).toBe(404);
  });
});
