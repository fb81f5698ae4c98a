/** The reading part of the comment API on its own (src/server/api/reading.ts), mounted in a bare Hono app. */
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyFormToken } from '../../src/comments/spam.ts';
import { apiDeps } from '../../src/server/api/context.ts';
import { readingRoutes } from '../../src/server/api/reading.ts';
import { SECRET, T0, newComment, tempStore } from '../fixtures/comment-api.ts';

const THREAD = 'line-for-brands';
let temp: ReturnType<typeof tempStore>;
let app: Hono;

beforeEach(() => {
  temp = tempStore('comments-api-reading');
  const deps = apiDeps({ store: temp.store, secret: SECRET, now: () => T0, knownThreads: new Set([THREAD]) });
  app = new Hono().route('/comments', readingRoutes(deps));
});

afterEach(() => temp.remove());

const get = async (path: string) => {
  const response = await app.request(path);
  return { status: response.status, body: (await response.text()) || null, response };
};
const approved = (body: string) => temp.store.insert(newComment({ thread: THREAD, body }));

describe('the thread guard (one for the thread read and the token)', () => {
  it.each(['/comments', '/comments/token'])(
    '%s: 400 for a malformed key, 404 for a thread no post has',
    async (path) => {
      for (const query of ['', '?thread=', '?thread=Not%20A%20Key', '?thread=a&thread=b']) {
        const { status, body } = await get(`${path}${query}`);
        expect(status, query).toBe(400);
        expect(JSON.parse(body ?? '')).toMatchObject({ error: 'validation', fields: { thread: 'required' } });
      }
      const unknown = await get(`${path}?thread=other-post`);
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.body ?? '')).toEqual({
        error: 'unknown-thread',
        message: 'No post has the thread other-post',
      });
      expect((await get(`${path}?thread=${THREAD}`)).status).toBe(200);
    },
  );
});

describe('GET /comments', () => {
  it('reads the store once per revision: the same page again is served from the cache, a write shows at once', async () => {
    await approved('first');
    const reads = vi.spyOn(temp.store, 'approvedPage');
    const first = await get(`/comments?thread=${THREAD}&page=abc`);
    expect(JSON.parse(first.body ?? '')).toMatchObject({ thread: THREAD, page: 1, pages: 1, total: 1 });
    const again = await get(`/comments?thread=${THREAD}`);
    expect(again.body).toBe(first.body);
    expect(again.response.headers.get('etag')).toBe(first.response.headers.get('etag'));
    expect(reads).toHaveBeenCalledTimes(1);
    await approved('second');
    expect(JSON.parse((await get(`/comments?thread=${THREAD}`)).body ?? '')).toMatchObject({ total: 2 });
    expect(reads).toHaveBeenCalledTimes(2);
  });
});

describe('GET /comments/counts', () => {
  it('counts known threads, leaves out unknown ones, and refuses an empty or too long list', async () => {
    await approved('one');
    expect(JSON.parse((await get(`/comments/counts?threads=${THREAD},other-post`)).body ?? '')).toEqual({
      counts: { [THREAD]: 1 },
    });
    const tooMany = Array.from({ length: 101 }, (_, i) => `t${i}`).join(',');
    for (const query of ['', '?threads=', '?threads=,,', `?threads=${tooMany}`, '?threads=BAD']) {
      const { status, body } = await get(`/comments/counts${query}`);
      expect(status, query).toBe(400);
      expect(JSON.parse(body ?? '')).toMatchObject({ error: 'validation', fields: { threads: 'invalid' } });
    }
  });
});

describe('GET /comments/token', () => {
  it('signs a token for the thread, never cached', async () => {
    const { response, body } = await get(`/comments/token?thread=${THREAD}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token } = JSON.parse(body ?? '') as { token: string };
    expect(verifyFormToken(token, THREAD, SECRET, T0 + 10_000, { minFillSeconds: 3, tokenMaxAgeSeconds: 60 }).ok).toBe(
      true,
    );
  });
});

describe('GET /comments/view', () => {
  it('answers a missing, malformed or unknown thread with the error page in the reader’s language', async () => {
    for (const query of ['locale=zh-cn', 'thread=BAD&locale=zh-cn', 'thread=other-post&locale=zh-cn']) {
      const { status, body } = await get(`/comments/view?${query}`);
      expect(status, query).toBe(404);
      expect(body).toContain('<html lang="zh-CN"');
    }
  });

  it('shows the reply form for ?replyto= and links back only to a post path', async () => {
    const parent = await approved('the parent');
    const { status, body } = await get(`/comments/view?thread=${THREAD}&replyto=${parent.id}&post=/blog/${THREAD}/`);
    expect(status).toBe(200);
    expect(body).toContain(`name="parent" value="${parent.id}"`);
    expect(body).toContain(`href="/blog/${THREAD}/"`);
    const elsewhere = await get(`/comments/view?thread=${THREAD}&replyto=x&post=https://evil.example/`);
    expect(elsewhere.body).toContain('name="parent" value=""');
    expect(elsewhere.body).not.toContain('evil.example');
  });
});
