/**
 * Fuzzing the real server process (static files from the real dist/ and the comment API in one
 * process) with raw HTTP over a socket: request lines, targets, query strings, headers, JSON and
 * form bodies. Property: every answer is a well-formed HTTP response with the security headers and
 * no 5xx, the process stays up, and exactly the acknowledged comments are stored.
 *
 * The seed is printed; replay a failure with FUZZ_SEED=<seed> npm run test:dist -- server-fuzz.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distDir, requireBuild } from './dist-files.ts';
import { parseAnswer, rawExchange } from '../support/raw-http.ts';
import { startServerWithOwnDatabase, type ServerProcess } from '../support/server-process.ts';

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789';
const THREADS = ['wechat-mobile-marketing-mayhem', 'line-for-brands', 'designing-a-follow-flow'];
const SEED = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const NUM_RUNS = Number(process.env['FUZZ_RUNS'] ?? 600);
const TIME_LIMIT_MS = 25_000;

let server: ServerProcess;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  requireBuild();
  server = await startServerWithOwnDatabase({
    DIST_DIR: distDir,
    COMMENTS_ADMIN_TOKEN: ADMIN_TOKEN,
    // So that well-formed posts among the random ones get in and are counted.
    COMMENTS_FLOOD_SECONDS: '0',
    COMMENTS_MIN_FILL_SECONDS: '0',
  });
  for (const thread of THREADS) {
    const answer = (await (await fetch(`${server.origin}/api/comments/token?thread=${thread}`)).json()) as {
      token: string;
    };
    tokens[thread] = answer.token;
  }
}, 60_000);

afterAll(() => server?.stop(), 30_000);

// ── Arbitraries ─────────────────────────────────────────────────────────────────────────────

/** Text for one line of a request: anything but CR and LF (those would change the framing, not the content). */
const lineText = (maxLength: number) =>
  fc
    .oneof(
      { weight: 9, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    )
    .map((text) => text.replace(/[\r\n]/g, ''));

const segment = fc.oneof(
  fc.constantFrom(
    'api',
    'comments',
    'view',
    'counts',
    'token',
    'admin',
    'health',
    'approve',
    '1',
    'blog',
    'zh-cn',
    'tags',
    'follow',
    'qr',
    '_astro',
    'pagefind',
  ),
  fc.constantFrom(
    ...THREADS,
    'index.html',
    '404.html',
    'rss.xml',
    'qr.png',
    'wechat-screen.png',
    'sitemap-index.xml',
    'comment-threads.json',
  ),
  fc.constantFrom(
    '',
    '.',
    '..',
    '%2e%2e',
    '%',
    '%zz',
    '%00',
    '%ff',
    '%E4%BD%A0',
    '你好',
    '[',
    ']',
    '@',
    ':99999',
    '\\',
    ';',
    '*',
    '%2F',
    '~',
    '{{x}}',
    '$&',
  ),
  lineText(12).map((text) => text.replace(/[ ?#]/g, '')),
);

const path = fc.oneof(
  { weight: 6, arbitrary: fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '//[/',
      '//a:99999/',
      'http://[/',
      '//%/',
      '*',
      'http://127.0.0.1/',
      'https://x/api/comments',
      '/api',
      '/api/',
      '//api/comments',
      '/api//comments',
      '/api/comments/../admin/comments',
      '/api/comments/view',
      '/api/comments',
    ),
  },
  { weight: 1, arbitrary: lineText(60).map((text) => `/${text.replace(/ /g, '')}`) },
);

const queryKey = fc.oneof(
  fc.constantFrom(
    'thread',
    'threads',
    'page',
    'locale',
    'post',
    'replyto',
    'status',
    'limit',
    'offset',
    'q',
    '__proto__',
    'constructor',
  ),
  lineText(8),
);
const queryValue = fc.oneof(
  fc.constantFrom(
    ...THREADS,
    THREADS.join(','),
    'zh-cn',
    'en',
    '1',
    '0',
    '-1',
    '1e309',
    '99999999999999999999',
    'NaN',
    '%',
    '%zz',
    '%E4%BD%A0',
    '/blog/line-for-brands/',
    'pending',
    '',
  ),
  lineText(30),
);
const query = fc.option(
  fc
    .array(fc.tuple(queryKey, queryValue), { maxLength: 5 })
    .map((pairs) => `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`.replace(/[ #]/g, '+')),
  { nil: '' },
);

const method = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'POST', 'HEAD') },
  { weight: 2, arbitrary: fc.constantFrom('PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'get', 'FOO', 'CONNECT') },
);

const headerName = fc.oneof(
  fc.constantFrom(
    'Host',
    'Origin',
    'Referer',
    'Accept-Language',
    'Accept',
    'Accept-Encoding',
    'Range',
    'If-None-Match',
    'If-Modified-Since',
    'Cookie',
    'Authorization',
    'X-Forwarded-For',
    'Sec-Fetch-Site',
    'Content-Type',
    'User-Agent',
  ),
  fc
    .stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,16}$/)
    .filter(
      (name) => !/^(content-length|transfer-encoding|connection|expect|upgrade|te|trailer|keep-alive)$/i.test(name),
    ),
);
const headerValue = fc.oneof(
  fc.constantFrom(
    'bytes=5-2',
    'bytes=0-0,1-1',
    'bytes=-5',
    'bytes=99999999-',
    '[',
    '127.0.0.1:99999',
    'http://evil.example',
    'null',
    'cross-site',
    'Bearer x',
    'zh-CN,zh;q=0.9',
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=x',
    'text/plain',
    'br, gzip',
    '*',
    '',
  ),
  lineText(40),
);
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 });

/** Anything JSON can carry, and an object that throws when converted to a string. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant({ toString: 1, valueOf: 'y' }),
  fc.constant(['a', 'b']),
  fc.constant({ toString: 'x', valueOf: 'y' }),
);

const FIELDS = ['thread', 'locale', 'name', 'email', 'url', 'body', 'parent', 'token', 'homepage', 'returnTo'] as const;

/** A comment post: a valid one (fresh email, any text), then up to three fields replaced by anything or left out. */
const commentFields = fc
  .record({
    thread: fc.constantFrom(...THREADS),
    locale: fc.constantFrom('en', 'zh-cn'),
    name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((text) => `N ${text}`),
    email: fc.oneof(
      { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9]{1,12}$/).map((local) => `${local}@example.com`) },
      { weight: 1, arbitrary: fc.emailAddress() },
    ),
    url: fc.constantFrom('', '', 'example.com', 'https://example.com/a', 'javascript:alert(1)'),
    body: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).map((text) => `Body ${text}`),
    parent: fc.constantFrom('', '', '', '', '1', 2),
    homepage: fc.constantFrom('', '', '', 'spam'),
    returnTo: fc.constantFrom(
      '/blog/line-for-brands/',
      '/zh-cn/blog/line-for-brands/',
      'https://evil.example/',
      '//evil.example/',
    ),
    changes: fc.oneof(
      fc.constant([]),
      fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.option(anyValue, { nil: undefined })), {
        minLength: 1,
        maxLength: 3,
      }),
    ),
  })
  .map(({ changes, ...valid }) => {
    const fields: Record<string, unknown> = { ...valid, token: tokens[valid.thread] ?? '' };
    for (const [field, value] of changes) {
      if (value === undefined) delete fields[field];
      else fields[field] = value;
    }
    return fields;
  });

const body = fc.oneof(
  { weight: 4, arbitrary: commentFields.map((fields) => ({ type: 'application/json', text: JSON.stringify(fields) })) },
  {
    weight: 2,
    arbitrary: commentFields.map((fields) => ({
      type: 'application/x-www-form-urlencoded',
      text: new URLSearchParams(
        Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
      ).toString(),
    })),
  },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }).map((text) => ({ type: 'application/json', text })) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ type: 'application/json', text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 200 })
      .map((text) => ({ type: 'multipart/form-data; boundary=x', text: `--x\r\n${text}` })),
  },
  { weight: 2, arbitrary: fc.constant(null) },
);

const request = fc
  .record({
    method,
    path,
    query,
    headers,
    body,
    withHost: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map((parts) => {
    const bodyBytes = parts.body ? Buffer.from(parts.body.text, 'utf8') : Buffer.alloc(0);
    // POSTs mostly to the comment route: that is where input turns into stored data.
    const target =
      parts.method === 'POST' && parts.path.length % 3 !== 0
        ? `/api/comments${parts.query}`
        : `${parts.path}${parts.query}`;
    const lines = [`${parts.method} ${target} HTTP/1.1`];
    const given = new Set(parts.headers.map(([name]) => name.toLowerCase()));
    if (parts.withHost && !given.has('host')) lines.push('Host: 127.0.0.1');
    for (const [name, value] of parts.headers) lines.push(`${name}: ${value}`);
    if (parts.body && !given.has('content-type')) lines.push(`Content-Type: ${parts.body.type}`);
    if (parts.body) lines.push(`Content-Length: ${bodyBytes.length}`);
    lines.push('Connection: close');
    const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
    return {
      method: parts.method,
      target,
      bytes: Buffer.concat([head, bodyBytes]),
      shown: `${head.toString('utf8')}${parts.body?.text ?? ''}`,
    };
  });

// ── The property ─────────────────────────────────────────────────────────────────────────────

describe('the server under fuzzed raw HTTP', () => {
  it('answers every request well-formed, with the security headers and without a 5xx, stays up, and stores exactly what it acknowledged', async () => {
    console.log(
      `server fuzz: seed ${SEED}, up to ${NUM_RUNS} requests or ${TIME_LIMIT_MS / 1000} s (replay: FUZZ_SEED=${SEED} npm run test:dist -- server-fuzz)`,
    );
    let acknowledged = 0;
    let runs = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        runs += 1;
        const answer = await rawExchange(server.port, req.bytes);
        if (answer.error) throw new Error(`no complete answer (${answer.error}) to:\n${req.shown}`);
        const parsed = parseAnswer(answer.bytes, { head: req.method === 'HEAD' });
        statuses.set(parsed.status, (statuses.get(parsed.status) ?? 0) + 1);
        if (parsed.status >= 500)
          throw new Error(`${parsed.status} to:\n${req.shown}\n\n${parsed.body.toString('utf8').slice(0, 300)}`);
        expect(parsed.headers['x-content-type-options'], req.shown).toBe('nosniff');
        expect(parsed.headers['x-frame-options'], req.shown).toBe('SAMEORIGIN');
        expect(parsed.headers['referrer-policy'], req.shown).toBe('strict-origin-when-cross-origin');
        expect(parsed.headers['content-security-policy'], req.shown).toContain("frame-ancestors 'self'");
        // 201 (JSON) and 303 (form) are the only answers that mean "stored".
        if (parsed.status === 201 || parsed.status === 303) acknowledged += 1;
        expect(server.child.exitCode, server.output()).toBeNull();
      }),
      { seed: SEED, numRuns: NUM_RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
    console.log(
      `server fuzz: ${runs} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; ${acknowledged} comments acknowledged`,
    );
    expect(runs).toBeGreaterThanOrEqual(100);

    // Still up and serving.
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
    // Nothing refused was stored: the database holds exactly the acknowledged comments (honeypot spam included).
    const stored = (await (
      await fetch(`${server.origin}/api/admin/comments?limit=1000`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).json()) as { comments: unknown[] };
    expect(stored.comments.length).toBe(acknowledged);
    expect(acknowledged, 'some fuzzed posts were well-formed enough to be stored').toBeGreaterThan(0);
    // No stack traces in the log.
    expect(server.output()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
