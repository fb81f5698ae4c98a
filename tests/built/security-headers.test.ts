/**
 * The security headers on every response the production server makes over the real dist/: every
 * built file, every API route (answers, pages, errors, 404s), and the answers to requests Node
 * itself refuses. Over a real socket to the real server process.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPolicyHeader, FILES_POLICY, SECURITY_HEADERS } from '../../src/server/security-headers.ts';
import { SERVER_PAGES_FILE_NAME, loadServerPageFrames } from '../../src/server-page/frame.ts';
import { distDir, requireBuild } from './dist-files.ts';
import { parseAnswer, rawExchange } from '../support/raw-http.ts';
import { startServerWithOwnDatabase, type ServerProcess } from '../support/server-process.ts';

const ADMIN_TOKEN = 'headers-admin-token-0123456789';
let server: ServerProcess;
/** The API's policy with the built frame's stylesheets (src/server-page/frame.ts). */
let API_POLICY_HEADER: string;

beforeAll(async () => {
  requireBuild();
  API_POLICY_HEADER = apiPolicyHeader(loadServerPageFrames(join(distDir, SERVER_PAGES_FILE_NAME)).styleHashes);
  server = await startServerWithOwnDatabase({ DIST_DIR: distDir, COMMENTS_ADMIN_TOKEN: ADMIN_TOKEN });
}, 60_000);

afterAll(() => server?.stop(), 30_000);

function expectHeaders(headers: Headers | Record<string, string>, policy: string, what: string) {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers[name.toLowerCase()] ?? null);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(get(name), `${name} on ${what}`).toBe(value);
  expect(get('content-security-policy'), `Content-Security-Policy on ${what}`).toBe(policy);
}

/** Every file of the build, as the URL that serves it ("blog/x/index.html" → "/blog/x/"). */
function builtUrls(): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => !/\.(br|gz)$/.test(file) && statSync(join(distDir, file)).isFile())
    .map((file) => `/${file.replace(/\\/g, '/').replace(/(^|\/)index\.html$/, '$1')}`)
    .sort();
}

describe('security headers on every response', () => {
  it('every built file, compressed or not, and the 404 pages', async () => {
    const urls = builtUrls();
    expect(urls.length).toBeGreaterThan(20);
    for (const url of [...urls, '/no-such-page/', '/zh-cn/no-such-page/']) {
      // Manual redirects: a scan page (/q/<name>/) answers with a redirect to the code's target, off this machine.
      const response = await fetch(`${server.origin}${encodeURI(url)}`, {
        headers: { 'accept-encoding': 'br, gzip' },
        redirect: 'manual',
      });
      const scanPage = /^\/q\/[^/]+\/$/.test(url);
      expect(response.status, url).toBe(url.includes('no-such-page') ? 404 : scanPage ? 302 : 200);
      expectHeaders(response.headers, FILES_POLICY, url);
      await response.arrayBuffer();
    }
  });

  it('every API route: answers, server-rendered pages, refusals, errors and 404s', async () => {
    const thread = 'line-for-brands';
    const { token } = (await (await fetch(`${server.origin}/api/comments/token?thread=${thread}`)).json()) as {
      token: string;
    };
    const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const routes: [string, RequestInit?][] = [
      ['/api/health'],
      [`/api/comments?thread=${thread}`],
      ['/api/comments?thread=no-such-post'],
      ['/api/comments'],
      [`/api/comments/counts?threads=${thread},designing-a-follow-flow`],
      ['/api/comments/counts'],
      [`/api/comments/token?thread=${thread}`],
      [`/api/comments/view?thread=${thread}&locale=en`],
      [`/api/comments/view?thread=${thread}&locale=zh-cn&post=/zh-cn/blog/${thread}/`],
      ['/api/comments/view?thread=no-such-post&locale=zh-cn'],
      [
        '/api/comments',
        json({
          thread,
          locale: 'en',
          name: 'Headers',
          email: 'headers@example.com',
          body: 'Checking the headers.',
          token,
        }),
      ],
      ['/api/comments', json({ thread, locale: 'zh-cn', name: { toString: 1 }, body: [] })],
      ['/api/comments', json({ thread: 'no-such-post', body: 'x' })],
      ['/api/comments', json({ thread }, { origin: 'https://evil.example' })],
      [
        '/api/comments',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `thread=${thread}&locale=zh-cn&name=&body=`,
        },
      ],
      ['/api/comments', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }],
      ['/api/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }],
      ['/api/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70_000) }],
      ['/api/comments', { method: 'DELETE' }],
      ['/api/comments', { method: 'OPTIONS' }],
      ['/api/admin/comments'],
      ['/api/admin/comments', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }],
      ['/api/admin/comments/999999/approve', { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }],
      ['/api/no-such-route'],
      ['/api'],
    ];
    for (const [path, init] of routes) {
      const response = await fetch(`${server.origin}${path}`, { ...init, redirect: 'manual' });
      expect(response.status, `${init?.method ?? 'GET'} ${path}`).toBeLessThan(500);
      expectHeaders(response.headers, API_POLICY_HEADER, `${init?.method ?? 'GET'} ${path} (${response.status})`);
      await response.arrayBuffer();
    }
  });

  it('the answers to requests that never reach a handler: malformed lines and targets, no Host, CONNECT', async () => {
    const raw: [string, number][] = [
      ['GET //[/ HTTP/1.1\r\nHost: x\r\n\r\n', 404],
      ['GET //a:99999/ HTTP/1.1\r\nHost: x\r\n\r\n', 404],
      ['GET http://[/ HTTP/1.1\r\nHost: x\r\n\r\n', 404],
      ['GET //%/ HTTP/1.1\r\nHost: x\r\n\r\n', 404],
      ['GET /api/comments?thread=%zz HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['GET /api/health HTTP/1.1\r\nHost: [\r\n\r\n', 400],
      ['GET /api/health HTTP/1.1\r\n\r\n', 400],
      ['GET / HTTP/1.1\r\n\r\n', 400],
      ['GARBAGE\r\n\r\n', 400],
      ['GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400],
      [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 405],
    ];
    for (const [request, status] of raw) {
      const answer = await rawExchange(server.port, request.replace(/\r\n\r\n$/, '\r\nConnection: close\r\n\r\n'));
      const what = JSON.stringify(request.slice(0, 50));
      expect(answer.error, what).toBeNull();
      const parsed = parseAnswer(answer.bytes);
      expect(parsed.status, what).toBe(status);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(parsed.headers[name.toLowerCase()], `${name} on ${what}`).toBe(value);
      expect(parsed.headers['content-security-policy'], what).toContain("frame-ancestors 'self'");
    }
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.origin}/api/health`)).status).toBe(200);
  });
});
