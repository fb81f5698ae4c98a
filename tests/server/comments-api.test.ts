import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCommentStore, SCHEMA_VERSION } from '../../src/comments/sqlite-store.ts';
import { resolveCommentsSecret } from '../../src/comments/secret.ts';
import { signFormToken } from '../../src/comments/spam.ts';
import { createCommentsApp, type CommentsAppOptions } from '../../src/server/comments-app.ts';
import {
  ADMIN,
  SECRET,
  T0,
  commentFields,
  fromAddress,
  postFormTo,
  postJsonTo,
  tempStore,
} from '../fixtures/comment-api.ts';

const THREAD = 'wechat-mobile-marketing-mayhem';

let temp: ReturnType<typeof tempStore>;
let dir: string;
let dbPath: string;
let store: SqliteCommentStore;
let clock: number;
let app: ReturnType<typeof createCommentsApp>;

function makeApp(options: Partial<CommentsAppOptions> = {}) {
  app = createCommentsApp({ store, secret: SECRET, adminToken: ADMIN, now: () => clock, ...options });
  return app;
}

beforeEach(() => {
  temp = tempStore('comments-api');
  ({ store, dir, path: dbPath } = temp);
  clock = T0;
  makeApp();
});

afterEach(() => temp.remove(store));

/** A token rendered a minute ago, as a reader's form would carry. */
const token = (thread = THREAD) => signFormToken(thread, clock - 60_000, SECRET);
const env = fromAddress;
const comment = (fields: Record<string, unknown> = {}) => commentFields(THREAD, clock, fields);

async function postJson(
  fields: Record<string, unknown>,
  { ip = '198.51.100.1', headers = {} as Record<string, string> } = {},
) {
  const response = await postJsonTo(app, '/api/comments', fields, { ip, headers });
  return { response, body: (await response.json()) as Record<string, any> };
}

const postForm = (fields: Record<string, string>, ip = '198.51.100.1') => postFormTo(app, '/api/comments', fields, ip);

const admin = (path: string, method = 'GET', bearer = ADMIN) =>
  app.request(`/api/admin${path}`, { method, headers: { authorization: `Bearer ${bearer}` } });
const approve = (id: number) => admin(`/comments/${id}/approve`, 'POST');
const thread = async (page = 1) =>
  (await (await app.request(`/api/comments?thread=${THREAD}&page=${page}`)).json()) as Record<string, any>;
/** Each post from its own address, a minute apart: clear of flood control. */
let ipCounter = 0;
async function approvedComment(fields: Record<string, unknown> = {}) {
  clock += 60_000;
  const { body } = await postJson(comment(fields), { ip: `203.0.113.${++ipCounter % 250}` });
  expect(body['id'], JSON.stringify(body)).toBeTypeOf('number');
  await approve(body['id']);
  return body['id'] as number;
}

describe('POST /api/comments with JSON', () => {
  it('stores a new comment as pending and shows it only once approved', async () => {
    const { response, body } = await postJson(comment({ name: 'Ada', email: 'Ada@Example.com' }));
    expect(response.status).toBe(201);
    expect(body).toMatchObject({ status: 'pending', message: 'Thank you! Your comment is awaiting moderation.' });
    expect((await thread())['comments']).toEqual([]);
    expect((await approve(body['id'])).status).toBe(200);
    const listed = await thread();
    expect(listed['total']).toBe(1);
    expect(listed['comments'][0]).toMatchObject({ id: body['id'], name: 'Ada', locale: 'en', parentId: null });
  });

  it('publishes no email and no IP data', async () => {
    const id = await approvedComment({ email: 'secret.person@example.com', url: 'https://ada.example' });
    const raw = await (await app.request(`/api/comments?thread=${THREAD}`)).text();
    expect(raw).not.toContain('secret.person');
    expect(raw).not.toMatch(/ip|email/i);
    const view = await (await app.request(`/api/comments/view?thread=${THREAD}&locale=en`)).text();
    expect(view).not.toContain('secret.person');
    expect(JSON.parse(raw).comments[0]).toMatchObject({ id, url: 'https://ada.example/' });
  });

  it('answers per-field errors in the reader’s language', async () => {
    const { response, body } = await postJson({
      thread: THREAD,
      locale: 'zh-cn',
      name: '',
      email: 'nope',
      url: 'javascript:alert(1)',
      body: '',
      token: token(),
    });
    expect(response.status).toBe(422);
    expect(body['fields']).toEqual({
      name: '请填写你的姓名。',
      email: '请输入有效的电子邮箱地址，例如 name@example.com。',
      url: '请输入网址，例如 example.com 或 https://example.com，或者留空。',
      body: '请填写评论内容。',
    });
  });

  it('refuses a body over 64 KB with 413 and malformed JSON with 400', async () => {
    const big = await app.request(
      '/api/comments',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(comment({ body: 'x'.repeat(70_000) })),
      },
      env(),
    );
    expect(big.status).toBe(413);
    const bad = await app.request(
      '/api/comments',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"thread":' },
      env(),
    );
    expect(bad.status).toBe(400);
  });

  it('refuses a post from another site, accepts the same origin and the allow-list', async () => {
    const cross = await postJson(comment(), { headers: { origin: 'https://evil.example', host: 'blog.example' } });
    expect(cross.response.status).toBe(403);
    const crossNoOrigin = await postJson(comment(), { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossNoOrigin.response.status).toBe(403);
    const same = await postJson(comment(), {
      ip: '198.51.100.2',
      headers: { origin: 'https://blog.example', host: 'blog.example' },
    });
    expect(same.response.status).toBe(201);

    makeApp({ allowedOrigins: ['https://www.syengage.example'] });
    const allowed = await postJson(comment(), {
      ip: '198.51.100.3',
      headers: { origin: 'https://www.syengage.example', host: 'api.syengage.example' },
    });
    expect(allowed.response.status).toBe(201);
    expect(allowed.response.headers.get('access-control-allow-origin')).toBe('https://www.syengage.example');
    const preflight = await app.request('/api/comments', {
      method: 'OPTIONS',
      headers: { origin: 'https://www.syengage.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.syengage.example');
    const other = await app.request(`/api/comments?thread=${THREAD}`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('spam defences', () => {
  it('keeps a honeypot hit as spam while answering like a normal post', async () => {
    const { response, body } = await postJson(comment({ homepage: 'http://spam.example' }));
    expect(response.status).toBe(201);
    expect(body['status']).toBe('pending');
    expect((await store.get(body['id']))?.status).toBe('spam');
  });

  it('refuses a form sent too quickly, a forged token and a missing token', async () => {
    const fast = await postJson(comment({ token: signFormToken(THREAD, clock - 500, SECRET) }));
    expect(fast.response.status).toBe(422);
    expect(fast.body['fields']['token']).toBe('That was quick! Please check your comment and send it again.');
    const forged = await postJson(comment({ token: signFormToken(THREAD, clock - 60_000, 'not-the-secret-000000') }));
    expect(forged.body['error']).toBe('token-invalid');
    const missing = await postJson(comment({ token: '' }));
    expect(missing.body['error']).toBe('token-missing');
    expect(await store.all()).toEqual([]);
  });

  it('makes the same IP or the same email wait 15 seconds (429 with Retry-After)', async () => {
    expect((await postJson(comment({ email: 'one@example.com' }), { ip: '192.0.2.1' })).response.status).toBe(201);
    clock += 5_000;
    const sameIp = await postJson(comment({ token: token() }), { ip: '192.0.2.1' });
    expect(sameIp.response.status).toBe(429);
    expect(sameIp.response.headers.get('retry-after')).toBe('10');
    const sameEmail = await postJson(comment({ email: 'one@example.com', token: token() }), { ip: '192.0.2.99' });
    expect(sameEmail.response.status).toBe(429);
    clock += 10_000;
    expect((await postJson(comment({ token: token() }), { ip: '192.0.2.1' })).response.status).toBe(201);
  });

  it('lets only one of two simultaneous posts from the same address through (the other gets 429)', async () => {
    const [first, second] = await Promise.all([
      postJson(comment(), { ip: '192.0.2.77' }),
      postJson(comment(), { ip: '192.0.2.77' }),
    ]);
    expect([first.response.status, second.response.status].sort()).toEqual([201, 429]);
    expect((await (await admin('/comments?limit=1000')).json()).comments).toHaveLength(1);
  });

  it('lets only one of two simultaneous posts of the same text through, from different addresses', async () => {
    const fields = comment();
    const results = await Promise.all([postJson(fields, { ip: '192.0.2.78' }), postJson(fields, { ip: '192.0.2.79' })]);
    // The same email twice: flood control or duplicate detection, whichever runs first, refuses one.
    expect(results.map(({ response }) => response.status).filter((status) => status === 201)).toHaveLength(1);
    expect((await (await admin('/comments?limit=1000')).json()).comments).toHaveLength(1);
  });

  it('detects a duplicate comment', async () => {
    await postJson(comment({ email: 'dup@example.com', body: 'Same words.' }), { ip: '192.0.2.10' });
    clock += 60_000;
    const again = await postJson(comment({ email: 'dup@example.com', body: 'same   WORDS.', token: token() }), {
      ip: '192.0.2.11',
    });
    expect(again.response.status).toBe(409);
    expect(again.body['message']).toBe('Duplicate comment detected; it looks as though you’ve already said that!');
  });

  it('approves a trusted commenter directly, unless the comment has many links or trust is off', async () => {
    await approvedComment({ name: 'Trusty', email: 'trusty@example.com' });
    clock += 60_000;
    const second = await postJson(comment({ name: 'Trusty', email: 'trusty@example.com', token: token() }), {
      ip: '192.0.2.20',
    });
    expect(second.body['status']).toBe('approved');
    clock += 60_000;
    const links = await postJson(
      comment({
        name: 'Trusty',
        email: 'trusty@example.com',
        body: 'https://a.example https://b.example https://c.example',
        token: token(),
      }),
      { ip: '192.0.2.21' },
    );
    expect(links.body['status']).toBe('pending');
    makeApp({ autoApproveTrusted: false });
    clock += 60_000;
    const off = await postJson(comment({ name: 'Trusty', email: 'trusty@example.com', token: token() }), {
      ip: '192.0.2.22',
    });
    expect(off.body['status']).toBe('pending');
  });
});

describe('POST /api/comments as a form (no JavaScript)', () => {
  it('redirects back to the post with the pending message fragment', async () => {
    const fields = { ...comment(), returnTo: '/zh-cn/blog/wechat-mobile-marketing-mayhem/' } as Record<string, string>;
    const response = await postForm(fields);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/zh-cn/blog/wechat-mobile-marketing-mayhem/#comment-pending');
  });

  it('never redirects to another site', async () => {
    const response = await postForm({ ...comment(), returnTo: 'https://evil.example/' } as Record<string, string>);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/api\/comments\/view\?/);
  });

  it('shows the form again, filled in, with a fresh token when the static page sent none', async () => {
    const response = await postForm({
      thread: THREAD,
      locale: 'zh-cn',
      name: '<b>Ada</b>',
      email: 'a@example.com',
      body: 'Hello "there" <script>x</script>',
      returnTo: '/zh-cn/blog/wechat-mobile-marketing-mayhem/',
    });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('为防止垃圾评论，请检查你的评论并再次发送。');
    expect(page).toContain('value="&lt;b&gt;Ada&lt;/b&gt;"');
    expect(page).toContain('Hello &quot;there&quot; &lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(page).not.toContain('<script>');
    const fresh = /name="token" value="([^"]+)"/.exec(page)?.[1];
    expect(fresh).toBeTruthy();
    // The same form sent again after the reader checked it goes through.
    clock += 5_000;
    const again = await postForm({
      thread: THREAD,
      locale: 'zh-cn',
      name: 'Ada',
      email: 'a@example.com',
      body: 'Hello',
      token: fresh ?? '',
      returnTo: '/zh-cn/blog/wechat-mobile-marketing-mayhem/',
    });
    expect(again.status).toBe(303);
  });

  it('marks the fields with errors in the re-shown form', async () => {
    const response = await postForm({ thread: THREAD, locale: 'en', name: '', email: 'x', body: 'Hi', token: token() });
    const page = await response.text();
    expect(response.status).toBe(422);
    // The post page's form: the same error slots the script fills.

    expect(page).toMatch(/id="comment-name"[^>]*aria-invalid="true" aria-describedby="comment-error-name"/);
    expect(page).toContain(
      '<span class="comment-error" id="comment-error-name" data-error-for="name">Please enter your name.</span>',
    );
  });
});

describe('GET /api/comments', () => {
  it('lists approved comments oldest first, with one level of replies, paged by top-level comment', async () => {
    const first = await approvedComment({ body: 'First' });
    const second = await approvedComment({ body: 'Second', locale: 'zh-cn' });
    const reply = await approvedComment({ body: 'Reply to first', parent: first });
    // A reply to a reply joins the same top-level comment.
    const nested = await approvedComment({ body: 'Reply to reply', parent: String(reply) });
    const data = await thread();
    expect(data['total']).toBe(4);
    expect(data['comments'].map((c: any) => c.text)).toEqual(['First', 'Second']);
    expect(data['comments'][0].replies.map((c: any) => [c.id, c.parentId])).toEqual([
      [reply, first],
      [nested, first],
    ]);
    expect(data['comments'][1]).toMatchObject({ id: second, locale: 'zh-cn' });
    for (let i = 0; i < 50; i++) await approvedComment({ body: `Filler ${i}` });
    const page2 = await thread(2);
    expect(page2).toMatchObject({ page: 2, pages: 2, total: 54 });
    expect(page2['comments'].map((c: any) => c.text)).toEqual(['Filler 48', 'Filler 49']);
  });

  it('refuses a reply to a comment that is not approved', async () => {
    clock += 60_000;
    const pending = await postJson(comment(), { ip: '192.0.2.50' });
    clock += 60_000;
    const reply = await postJson(comment({ parent: pending.body['id'], token: token() }), { ip: '192.0.2.51' });
    expect(reply.response.status).toBe(422);
    expect(reply.body['fields']).toEqual({ parent: 'The comment you are replying to is not available any more.' });
  });

  it('sends an ETag and a short cache time, and answers 304 when nothing changed', async () => {
    await approvedComment();
    const first = await app.request(`/api/comments?thread=${THREAD}`);
    const etag = first.headers.get('etag');
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    expect(etag).toBeTruthy();
    expect(
      (await app.request(`/api/comments?thread=${THREAD}`, { headers: { 'if-none-match': etag ?? '' } })).status,
    ).toBe(304);
    await approvedComment();
    expect(
      (await app.request(`/api/comments?thread=${THREAD}`, { headers: { 'if-none-match': etag ?? '' } })).status,
    ).toBe(200);
  });

  it('counts approved comments of several threads at once', async () => {
    await approvedComment();
    await approvedComment({ thread: 'other-post', token: token('other-post') });
    clock += 60_000;
    await postJson(comment(), { ip: '192.0.2.60' }); // pending: not counted
    const response = await app.request(`/api/comments/counts?threads=${THREAD},other-post,empty-post`);
    expect(await response.json()).toEqual({ counts: { [THREAD]: 1, 'other-post': 1, 'empty-post': 0 } });
    expect((await app.request('/api/comments/counts?threads=../x')).status).toBe(400);
  });
});

describe('hostile input', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a> javascript:alert(1)',
    '\u202Eevil\u202C zero\u200Bwidth 👩‍👩‍👧 مرحبا',
    `${'長'.repeat(4990)}`,
  ];
  it('stores hostile text verbatim and serves it as inert text', async () => {
    for (const body of hostile) {
      await approvedComment({ body, name: '<b onmouseover="x()">Eve</b>', url: 'https://eve.example/"><script>' });
    }
    const data = await thread();
    expect(data['comments'].map((c: any) => c.text)).toEqual(hostile);
    for (const c of data['comments']) {
      expect(c.paragraphs.flat(2).every((piece: any) => piece.type === 'text' || /^https?:/.test(piece.href))).toBe(
        true,
      );
    }
    const view = await (await app.request(`/api/comments/view?thread=${THREAD}&locale=en`)).text();
    // No tag the commenter wrote, no event handler attribute inside any real tag, no script URL.
    expect(view).not.toMatch(/<script|<img|<b[ >]/);
    expect(view.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son\w+=/);
    expect(view).not.toMatch(/href="javascript:/i);
    expect(view).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(view).toContain('href="https://eve.example/%22%3E%3Cscript%3E"');
  });
});

describe('admin API', () => {
  it('is off (404) without a configured token', async () => {
    makeApp({ adminToken: undefined });
    expect((await admin('/comments')).status).toBe(404);
  });

  it('refuses a wrong token and lists comments with email for the right one', async () => {
    clock += 60_000;
    await postJson(comment({ email: 'mod@example.com' }));
    const wrong = await admin('/comments', 'GET', 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
    expect((await app.request('/api/admin/comments')).status).toBe(401);
    const list = (await (await admin('/comments?status=pending')).json()) as { comments: any[] };
    expect(list.comments.map((c) => c.authorEmail)).toEqual(['mod@example.com']);
  });

  it('marks spam, trashes and deletes, with 404 for unknown ids', async () => {
    const id = await approvedComment();
    expect((await admin(`/comments/${id}/spam`, 'POST')).status).toBe(200);
    expect((await thread())['total']).toBe(0);
    expect((await admin(`/comments/${id}/trash`, 'POST')).status).toBe(200);
    expect((await store.get(id))?.status).toBe('trash');
    expect((await admin(`/comments/${id}`, 'DELETE')).status).toBe(200);
    expect(await store.get(id)).toBeNull();
    expect((await admin('/comments/999999/approve', 'POST')).status).toBe(404);
  });
});

describe('the SQLite file', () => {
  it('keeps comments, the schema version and the generated secret across a reopen', async () => {
    const secret = await resolveCommentsSecret(store, undefined);
    const id = await approvedComment({ body: 'Survives a restart' });
    await store.close();
    store = new SqliteCommentStore(dbPath);
    makeApp();
    expect(store.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(await resolveCommentsSecret(store, undefined)).toBe(secret);
    expect((await thread())['comments'].map((c: any) => [c.id, c.text])).toEqual([[id, 'Survives a restart']]);
  });

  it('shows a change made through another connection (the CLI) at once, despite the read cache', async () => {
    const id = await approvedComment({ body: 'Soon trashed' });
    expect((await thread())['total']).toBe(1);
    const cli = new SqliteCommentStore(dbPath);
    await cli.setStatus(id, 'trash');
    await cli.close();
    expect((await thread())['total']).toBe(0);
  });

  it('copies the WAL into the database file from a worker thread', async () => {
    await store.close();
    store = new SqliteCommentStore(dbPath, { backgroundCheckpoint: true });
    const { statSync } = await import('node:fs');
    const before = statSync(dbPath).size;
    for (let i = 0; i < 40; i++) {
      await store.insert({
        thread: THREAD,
        parentId: null,
        locale: 'en',
        authorName: 'A',
        authorEmail: 'a@x.com',
        authorUrl: null,
        body: `${i} ${'x'.repeat(4000)}`,
        status: 'approved',
        createdAt: clock,
        ipHash: 'h',
        fingerprint: `f${i}`,
      });
    }
    // Automatic checkpoints are off on the server's connection, so only the worker can grow the main file.
    await expect.poll(() => statSync(dbPath).size, { timeout: 5000 }).toBeGreaterThan(before + 100_000);
  });

  it('checks flood and duplicates against comments another connection stored', async () => {
    const other = new SqliteCommentStore(dbPath);
    const base = {
      thread: THREAD,
      parentId: null,
      locale: 'en' as const,
      authorName: 'A',
      authorEmail: 'a@x.com',
      authorUrl: null,
      body: 'Hi',
      status: 'pending' as const,
      createdAt: clock,
      ipHash: 'h1',
      fingerprint: 'f1',
    };
    expect((await other.insertChecked(base, { floodSeconds: 15 })).ok).toBe(true);
    expect(
      await store.insertChecked(
        { ...base, authorEmail: 'b@x.com', fingerprint: 'f2', createdAt: clock + 5_000 },
        { floodSeconds: 15 },
      ),
    ).toEqual({ ok: false, reason: 'flood', retryAfterSeconds: 10 });
    expect(
      await store.insertChecked(
        { ...base, ipHash: 'h2', authorEmail: 'c@x.com', createdAt: clock + 5_000 },
        { floodSeconds: 15 },
      ),
    ).toEqual({ ok: false, reason: 'duplicate' });
    expect((await store.all()).length).toBe(1);
    await other.close();
  });

  it('refuses a database written by a newer version of the code', async () => {
    await store.close();
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(dbPath);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new SqliteCommentStore(dbPath)).toThrow(/schema version/);
    store = new SqliteCommentStore(join(dir, 'other.db'));
  });
});

describe('only threads of published posts', () => {
  const known = () => makeApp({ knownThreads: new Set([THREAD, 'line-for-brands']) });
  const all = async () => (await (await admin('/comments?limit=1000')).json()).comments as unknown[];

  it('refuses a comment on a thread no post has with 404, in the reader’s language, and stores nothing', async () => {
    known();
    const { response, body } = await postJson(
      comment({ thread: 'no-such-post', token: token('no-such-post'), locale: 'zh-cn' }),
    );
    expect(response.status).toBe(404);
    expect(body['message']).toBe('此页面不接受评论。');
    // A robot filling the honeypot on a made-up thread does not fill the database either.
    expect(
      (
        await postJson(comment({ thread: 'made-up', token: token('made-up'), homepage: 'http://spam.example' }), {
          ip: '192.0.2.9',
        })
      ).response.status,
    ).toBe(404);
    expect(await all()).toEqual([]);
    expect((await postJson(comment(), { ip: '192.0.2.10' })).response.status).toBe(201);
  });

  it('answers a form post on an unknown thread with an error page', async () => {
    known();
    const response = await postForm({
      ...comment({ thread: 'no-such-post', token: token('no-such-post') }),
      returnTo: '/blog/no-such-post/',
    } as Record<string, string>);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('This page does not take comments.');
    expect(page).toContain('<a href="/">');
    expect(page).not.toContain('<form');
  });

  it('answers reads of an unknown thread with 404 and leaves it out of counts', async () => {
    await approvedComment({ thread: 'old-post', token: token('old-post') });
    known();
    await approvedComment();
    expect((await app.request('/api/comments?thread=old-post')).status).toBe(404);
    expect((await app.request('/api/comments/token?thread=old-post')).status).toBe(404);
    expect((await app.request('/api/comments/view?thread=old-post&locale=zh-cn')).status).toBe(404);
    expect((await app.request(`/api/comments?thread=${THREAD}`)).status).toBe(200);
    const counts = await (await app.request(`/api/comments/counts?threads=${THREAD},old-post,line-for-brands`)).json();
    expect(counts).toEqual({ counts: { [THREAD]: 1, 'line-for-brands': 0 } });
    expect(await (await app.request('/api/comments/counts?threads=old-post')).json()).toEqual({ counts: {} });
  });

  it('takes any well-formed thread without a list (the API alone, npm run dev)', async () => {
    expect((await postJson(comment({ thread: 'any-post', token: token('any-post') }))).response.status).toBe(201);
    expect((await app.request('/api/comments?thread=any-post')).status).toBe(200);
  });

  it('reads the list the build writes, and stops on a malformed one', async () => {
    const { writeFileSync } = await import('node:fs');
    const { loadKnownThreads, loadThreadList, threadListJson } = await import('../../src/comments/threads.ts');
    const file = join(dir, 'comment-threads.json');
    const entry = (thread: string, locale: 'en' | 'zh-cn') => ({
      thread,
      locale,
      title: `Title of ${thread}`,
      path: locale === 'en' ? `/blog/${thread}/` : `/zh-cn/blog/${thread}/`,
    });
    writeFileSync(file, threadListJson([entry('b-post', 'en'), entry('a-post', 'en'), entry('b-post', 'zh-cn')]));
    expect([...loadKnownThreads(file)]).toEqual(['a-post', 'b-post']);
    expect(loadThreadList(file).posts.get('b-post')).toEqual({
      en: { title: 'Title of b-post', path: '/blog/b-post/' },
      'zh-cn': { title: 'Title of b-post', path: '/zh-cn/blog/b-post/' },
    });
    // A list from before titles still loads.
    writeFileSync(file, JSON.stringify({ threads: ['a-post'] }));
    expect(loadThreadList(file).posts.size).toBe(0);
    writeFileSync(
      file,
      JSON.stringify({
        threads: ['a-post'],
        posts: { 'a-post': { en: { title: 'A', path: 'https://evil.example/' } } },
      }),
    );
    expect(() => loadKnownThreads(file)).toThrow(/posts\.a-post\.en\.path/);
    writeFileSync(file, JSON.stringify({ threads: ['../etc'] }));
    expect(() => loadKnownThreads(file)).toThrow(/threads\.0/);
    expect(() => loadKnownThreads(join(dir, 'missing.json'))).toThrow(/npm run build/);
  });
});
