/**
 * The comment API under hostile and failing conditions, through `app.request()` on a temporary
 * SQLite file: values of the wrong type, foreign origins, a store that goes away, a fault of ours,
 * and the security headers on every route.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import { signFormToken } from '../../src/comments/spam.ts';
import { StoreUnavailableError, type CommentStore } from '../../src/comments/store.ts';
import { createCommentsApp } from '../../src/server/comments-app.ts';
import { STORE_RETRY_AFTER_SECONDS } from '../../src/server/error-boundary.ts';
import { apiPolicyHeader, SECURITY_HEADERS } from '../../src/server/security-headers.ts';

const SECRET = 'server-test-secret-0123456789';
const ADMIN = 'admin-token-0123456789abcdef';
const THREAD = 'line-for-brands';
const T0 = Date.UTC(2026, 5, 1, 12);

let dir: string;
let store: SqliteCommentStore;
/** What the app sees: the real store, or (when `failure` is set) one whose every call throws it. */
let failure: Error | null;
let app: ReturnType<typeof createCommentsApp>;
let logged: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comments-hardening-'));
  store = new SqliteCommentStore(join(dir, 'comments.db'));
  failure = null;
  const failing = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (failure) return Promise.reject(failure);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as CommentStore;
  app = createCommentsApp({
    store: failing,
    secret: SECRET,
    adminToken: ADMIN,
    now: () => T0,
    knownThreads: new Set([THREAD]),
    floodSeconds: 0,
  });
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = { incoming: { socket: { remoteAddress: '198.51.100.7' } } };
let serial = 0;
const comment = (fields: Record<string, unknown> = {}) => ({
  thread: THREAD,
  locale: 'en',
  name: 'Ada',
  email: `ada${++serial}@example.com`,
  url: '',
  body: `A comment, number ${serial}.`,
  token: signFormToken(THREAD, T0 - 60_000, SECRET),
  ...fields,
});
const postJson = (fields: unknown, headers: Record<string, string> = {}) =>
  app.request(
    '/api/comments',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(fields) },
    env,
  );
const stored = async () => (await store.all()).length;

const HOSTILE_VALUES: [string, unknown][] = [
  ['an object that cannot become a string', { toString: 1 }],
  ['an object with odd toString and valueOf', { toString: 'x', valueOf: 'y' }],
  ['an array', ['a', 'b']],
  ['an empty object', {}],
  ['a boolean', true],
  ['null', null],
];
const TEXT_FIELDS = ['thread', 'name', 'email', 'url', 'body', 'parent', 'token', 'homepage', 'returnTo'];

describe('values of the wrong type', () => {
  for (const [label, value] of HOSTILE_VALUES) {
    it(`${label} in any field is refused with 422 and a message for that field, in the reader’s language; nothing is stored`, async () => {
      for (const field of TEXT_FIELDS) {
        for (const [locale, message] of [
          ['en', 'This field takes text only.'],
          ['zh-cn', '此项只能填写文字。'],
        ] as const) {
          const response = await postJson(comment({ locale, [field]: value }));
          const body = (await response.json()) as { fields?: Record<string, string> };
          expect(response.status, `${field} = ${JSON.stringify(value)} (${locale})`).toBe(422);
          expect(body.fields?.[field], `${field} = ${JSON.stringify(value)} (${locale})`).toBe(message);
        }
      }
      expect(await stored()).toBe(0);
    });
  }

  it('the payloads that used to answer 500 get 422, and a locale of the wrong type falls back to English', async () => {
    const first = await postJson({ thread: THREAD, body: { toString: 1 } });
    expect(first.status).toBe(422);
    expect(((await first.json()) as { fields: Record<string, string> }).fields['body']).toBe(
      'This field takes text only.',
    );
    const second = await postJson({ name: { toString: 'x', valueOf: 'y' }, locale: { toString: 1 } });
    expect(second.status).toBe(422);
    expect(((await second.json()) as { fields: Record<string, string> }).fields['name']).toBe(
      'This field takes text only.',
    );
    expect(logged).toEqual([]);
  });

  it('a file in a form field is refused like any other non-text value, and the form comes back without it', async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(comment({ locale: 'zh-cn' }))) form.set(key, String(value));
    form.set('name', new File(['<script>x</script>'], 'name.txt', { type: 'text/plain' }));
    const response = await app.request('/api/comments', { method: 'POST', body: form }, env);
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('此项只能填写文字。');
    expect(page).not.toContain('<script>x</script>');
    expect(await stored()).toBe(0);
  });
});

describe('the origin check comes first', () => {
  it('a foreign origin gets 403 before the body is read: whatever it holds', async () => {
    for (const body of ['{"thread":"line-for-brands","body":{"toString":1}}', '{"thread":', 'x'.repeat(100_000)]) {
      const response = await app.request(
        '/api/comments',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'blog.example' },
          body,
        },
        env,
      );
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toBe('forbidden-origin');
    }
    expect(await stored()).toBe(0);
  });

  it('says so in the language the browser asks for', async () => {
    const response = await app.request(
      '/api/comments',
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
          host: 'blog.example',
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
        },
        body: 'thread=x',
      },
      env,
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('不能从其他网站提交评论。');
  });
});

describe('GET /api/health', () => {
  it('answers 200 while the store answers', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 with Retry-After when the store does not', async () => {
    failure = new StoreUnavailableError('The comments database does not answer');
    const response = await app.request('/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(STORE_RETRY_AFTER_SECONDS));
  });

  it('reports a closed database as unavailable', async () => {
    await store.close();
    const response = await app.request('/api/health');
    expect(response.status).toBe(503);
    store = new SqliteCommentStore(join(dir, 'comments.db'));
  });
});

describe('a store that went away', () => {
  beforeEach(() => {
    failure = new StoreUnavailableError('The comments database does not answer', {
      cause: new Error('secret detail: /var/lib/db'),
    });
  });

  it('gets 503, Retry-After and a message in the reader’s language on every route that reads or writes', async () => {
    const cases: [string, RequestInit, string, 'json' | 'html'][] = [
      [
        `/api/comments?thread=${THREAD}`,
        {},
        'Comments are unavailable for a moment. Please try again in a minute.',
        'json',
      ],
      [
        `/api/comments?thread=${THREAD}`,
        { headers: { 'accept-language': 'zh-CN' } },
        '评论功能暂时不可用，请一分钟后再试。',
        'json',
      ],
      [
        `/api/comments/counts?threads=${THREAD}`,
        {},
        'Comments are unavailable for a moment. Please try again in a minute.',
        'json',
      ],
      [`/api/comments/view?thread=${THREAD}&locale=zh-cn`, {}, '评论功能暂时不可用，请一分钟后再试。', 'html'],
      [
        '/api/comments',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(comment({ locale: 'zh-cn' })),
        },
        '评论功能暂时不可用，请一分钟后再试。',
        'json',
      ],
      [
        '/api/comments',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(comment({ locale: 'zh-cn' }) as Record<string, string>).toString(),
        },
        '评论功能暂时不可用，请一分钟后再试。',
        'html',
      ],
      [
        '/api/admin/comments',
        { headers: { authorization: `Bearer ${ADMIN}` } },
        'Comments are unavailable for a moment. Please try again in a minute.',
        'json',
      ],
    ];
    for (const [path, init, message, kind] of cases) {
      const response = await app.request(path, init, env);
      expect(response.status, path).toBe(503);
      expect(response.headers.get('retry-after'), path).toBe(String(STORE_RETRY_AFTER_SECONDS));
      if (kind === 'json') expect(await response.json(), path).toEqual({ error: 'unavailable', message });
      else expect(await response.text(), path).toContain(`<h1>${message}</h1>`);
    }
  });

  it('leaves one line per request in the log: no stack trace, nothing the reader sent', async () => {
    await postJson(comment({ body: 'my private words' }));
    expect(logged).toEqual(['request failed: 503 StoreUnavailableError: The comments database does not answer']);
  });
});

describe('a fault of ours', () => {
  it('gets a 500 without details and one log line naming where, not what was sent', async () => {
    failure = new TypeError('Cannot convert object to primitive value: my private words');
    const response = await app.request(`/api/comments?thread=${THREAD}`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal' });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^request failed: 500 TypeError at \S+:\d+$/);
    expect(logged[0]).not.toContain('private');
  });
});

describe('security headers', () => {
  it('are on every answer of the API: reads, pages, posts, errors, 404s, admin', async () => {
    const routes: [string, RequestInit?][] = [
      [`/api/comments?thread=${THREAD}`],
      ['/api/comments?thread=NOPE'],
      ['/api/comments?thread=other-post'],
      [`/api/comments/counts?threads=${THREAD}`],
      [`/api/comments/token?thread=${THREAD}`],
      [`/api/comments/view?thread=${THREAD}&locale=zh-cn`],
      ['/api/comments/view?thread=other-post'],
      ['/api/health'],
      ['/api/nothing-here'],
      ['/api/admin/comments'],
      ['/api/admin/comments', { headers: { authorization: `Bearer ${ADMIN}` } }],
      [
        '/api/comments',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(comment()) },
      ],
      ['/api/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }],
      ['/api/comments', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }],
      [
        '/api/comments',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'thread=line-for-brands',
        },
      ],
      [
        '/api/comments',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(comment({ body: 'x'.repeat(70_000) })),
        },
      ],
      [
        '/api/comments',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'a.example' },
          body: '{}',
        },
      ],
    ];
    for (const [path, init] of routes) {
      const response = await app.request(path, init, env);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(response.headers.get(name), `${name} on ${init?.method ?? 'GET'} ${path} (${response.status})`).toBe(
          value,
        );
      expect(response.headers.get('content-security-policy'), path).toBe(apiPolicyHeader());
    }
    failure = new StoreUnavailableError();
    const unavailable = await app.request(`/api/comments/view?thread=${THREAD}`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('content-security-policy')).toBe(apiPolicyHeader());
    expect(unavailable.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('the pages’ policy allows exactly their own stylesheet, no script, framing only by the site', () => {
    // The site's frame has its stylesheets, hashed; the plain frame (no build) has none.
    expect(apiPolicyHeader(["'sha256-abc='"])).toBe(
      "default-src 'none'; style-src 'sha256-abc='; img-src 'self' data:; form-action 'self'; frame-ancestors 'self'; base-uri 'none'",
    );
    expect(apiPolicyHeader([])).toMatch(/; style-src 'none';/);
  });
});
