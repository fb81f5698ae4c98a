/**
 * The posting part of the comment API on its own (src/server/api/posting.ts) in a bare Hono app,
 * its workflow without HTTP (submit-comment.ts), and the origin check and client address it uses.
 */
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommentInput } from '../../src/comments/input.ts';
import { hashIp } from '../../src/comments/spam.ts';
import { clientAddress } from '../../src/server/api/client-address.ts';
import { apiDeps, type ApiDeps, type ApiEnv } from '../../src/server/api/context.ts';
import { isOriginAllowed, originSet } from '../../src/server/api/origins.ts';
import { postingRoutes } from '../../src/server/api/posting.ts';
import { submitComment } from '../../src/server/api/submit-comment.ts';
import { SECRET, T0, commentFields, fromAddress, postFormTo, postJsonTo, tempStore } from '../fixtures/comment-api.ts';

const THREAD = 'line-for-brands';
let temp: ReturnType<typeof tempStore>;
let deps: ApiDeps;
let app: Hono;

beforeEach(() => {
  temp = tempStore('comments-api-posting');
  deps = apiDeps({ store: temp.store, secret: SECRET, now: () => T0, knownThreads: new Set([THREAD]) });
  app = new Hono().route('/comments', postingRoutes(deps, originSet(['https://www.example.com/'])));
});

afterEach(() => temp.remove());

const comment = (fields: Record<string, unknown> = {}) => commentFields(THREAD, T0, fields);

describe('POST /comments, mounted alone', () => {
  it('stores a comment from the page’s script and answers 201 with its id', async () => {
    const response = await postJsonTo(app, '/comments', comment({ name: 'Grace' }));
    expect(response.status).toBe(201);
    const { id, status } = (await response.json()) as { id: number; status: string };
    expect(status).toBe('pending');
    expect(await temp.store.get(id)).toMatchObject({ authorName: 'Grace', ipHash: hashIp('198.51.100.1', SECRET) });
  });

  it('sends a form post back to the post it came from, or to the thread page', async () => {
    const back = await postFormTo(app, '/comments', comment({ returnTo: `/zh-cn/blog/${THREAD}/` }));
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/zh-cn/blog/${THREAD}/#comment-pending`);
    const page = await postFormTo(app, '/comments', comment({ returnTo: 'https://evil.example/' }), '198.51.100.9');
    expect(page.headers.get('location')).toBe(`/api/comments/view?thread=${THREAD}&locale=en#comment-pending`);
  });

  it('checks the origin first, takes the allow-list without its trailing slash, and refuses other types', async () => {
    const foreign = await postJsonTo(app, '/comments', '{', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const listed = await postJsonTo(app, '/comments', comment(), {
      headers: { origin: 'https://www.example.com', host: 'api.example.com' },
    });
    expect(listed.status).toBe(201);
    const text = await postJsonTo(app, '/comments', 'hello', { headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((await postJsonTo(app, '/comments', ['not', 'an', 'object'])).status).toBe(400);
  });
});

describe('submitComment: the spam rules and the store in order', () => {
  const submit = (fields: Record<string, unknown>, fromForm = false, address = '203.0.113.5') => {
    const parsed = parseCommentInput(comment(fields), 'en');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return submitComment(deps, parsed.value, { address, fromForm });
  };

  it('keeps a honeypot hit as spam and tells the sender it waits for moderation', async () => {
    const outcome = await submit({ homepage: 'http://spam.example' });
    expect(outcome).toMatchObject({ ok: true, status: 'pending' });
    if (outcome.ok) expect((await temp.store.get(outcome.id))?.status).toBe('spam');
  });

  it('keeps a honeypot hit that names a parent no comment has (found by the server fuzz test: it was a 500)', async () => {
    const outcome = await submit({ homepage: 'http://spam.example', parent: '999' });
    expect(outcome).toMatchObject({ ok: true, status: 'pending' });
    if (outcome.ok) expect(await temp.store.get(outcome.id)).toMatchObject({ status: 'spam', parentId: null });
  });

  it('asks a form without a token to send once more (info), and refuses one from a script (error)', async () => {
    expect(await submit({ token: '' }, true)).toMatchObject({
      ok: false,
      httpStatus: 422,
      error: 'token-missing',
      messageKind: 'info',
    });
    expect(await submit({ token: '' }, false)).toMatchObject({ error: 'token-missing', messageKind: 'error' });
  });

  it('attaches a reply to a reply to the top-level comment, and refuses a reply to a comment not approved', async () => {
    const first = await submit({});
    if (!first.ok) throw new Error('not stored');
    expect(await submit({ parent: String(first.id) }, false, '203.0.113.6')).toMatchObject({
      ok: false,
      error: 'validation',
      fields: { parent: expect.any(String) },
    });
    await temp.store.setStatus(first.id, 'approved');
    const reply = await submit({ parent: String(first.id) }, false, '203.0.113.7');
    if (!reply.ok) throw new Error('not stored');
    await temp.store.setStatus(reply.id, 'approved');
    const deeper = await submit({ parent: String(reply.id) }, false, '203.0.113.8');
    if (!deeper.ok) throw new Error('not stored');
    expect((await temp.store.get(deeper.id))?.parentId).toBe(first.id);
  });

  it('refuses a second comment from the same address within the flood time, saying how long to wait', async () => {
    expect((await submit({})).ok).toBe(true);
    expect(await submit({})).toMatchObject({ ok: false, httpStatus: 429, retryAfterSeconds: 15 });
  });
});

describe('the origin check and the client address', () => {
  const context = async (headers: Record<string, string>, env = {}) => {
    let seen: Parameters<typeof clientAddress>[0] | undefined;
    const probe = new Hono<ApiEnv>().get('/', (c) => {
      seen = c;
      return c.body(null, 204);
    });
    await probe.request('http://api.example.com/', { headers }, env);
    if (!seen) throw new Error('no request');
    return seen;
  };

  it('allows the same host, a listed origin and a same-site request without Origin; nothing else', async () => {
    const listed = originSet(['https://www.example.com']);
    const allowed = async (headers: Record<string, string>) => isOriginAllowed(await context(headers), listed);
    expect(await allowed({ origin: 'https://api.example.com' })).toBe(true);
    expect(await allowed({ origin: 'https://www.example.com' })).toBe(true);
    expect(await allowed({})).toBe(true);
    expect(await allowed({ origin: 'https://evil.example' })).toBe(false);
    expect(await allowed({ origin: 'null' })).toBe(false);
    expect(await allowed({ 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(await allowed({ origin: 'not a url' })).toBe(false);
  });

  it('reads the socket’s address, and X-Forwarded-For’s last hop only behind a trusted proxy', async () => {
    const c = await context({ 'x-forwarded-for': '192.0.2.1, 198.51.100.20' }, fromAddress('10.0.0.2'));
    expect(clientAddress(c, false)).toBe('10.0.0.2');
    expect(clientAddress(c, true)).toBe('198.51.100.20');
    expect(clientAddress(await context({}), true)).toBe('unknown');
  });
});
