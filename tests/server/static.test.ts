import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStaticHandler, isFingerprinted } from '../../src/server/static.ts';
import { pickEncoding } from '../../src/server/compress-on-demand.ts';
import { parseAnswer, rawExchange } from '../support/raw-http.ts';

let dir: string;
/** A page the build left uncompressed (as it leaves every page): the server compresses it on request. */
const LONG_PAGE = `<!doctype html><title>long</title>${'<p>Ten thousand words, 一万字.</p>'.repeat(200)}`;
let server: Server;
let base: string;

function put(path: string, content: string | Buffer) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'syengage-dist-'));
  put('index.html', '<!doctype html><title>home</title>');
  put('index.html.br', brotliCompressSync('<!doctype html><title>home</title>'));
  put('404.html', '<!doctype html><title>Page not found</title>');
  put('zh-cn/404/index.html', '<!doctype html><title>找不到页面</title>');
  put('_astro/site.abc123.css', 'body{}');
  put('pagefind/index/en_2838dde.pf_index', 'x');
  put('pagefind/pagefind.js', 'export {}');
  put('blog/long/index.html', LONG_PAGE);
  const handler = createStaticHandler(dir);
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('static file server', () => {
  it('sends the precompressed file to a browser that accepts brotli', async () => {
    const response = await fetch(`${base}/`, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(await response.text()).toContain('<title>home</title>');
  });

  it('compresses a page without a precompressed copy on request: brotli, else gzip, else as it is', async () => {
    const br = await fetch(`${base}/blog/long/`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(br.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(br.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // fetch decodes the body itself: compare with the file, and check the bytes really are smaller.
    expect(await br.text()).toBe(LONG_PAGE);
    expect(Number(br.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(LONG_PAGE) / 10);
    const gz = await fetch(`${base}/blog/long/index.html`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(LONG_PAGE);
    const plain = await fetch(`${base}/blog/long/`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(LONG_PAGE);
  });

  it('sends the same compressed bytes again, and 304 to a reader who has them', async () => {
    const { request } = await import('node:http');
    const raw = (headers: Record<string, string>) =>
      new Promise<{ status: number; etag: string; body: Buffer }>((resolve, reject) => {
        request(`${base}/blog/long/`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, etag: String(res.headers.etag), body: Buffer.concat(chunks) }),
          );
        })
          .on('error', reject)
          .end();
      });
    const first = await raw({ 'Accept-Encoding': 'br' });
    const second = await raw({ 'Accept-Encoding': 'br' });
    expect(brotliDecompressSync(first.body).toString()).toBe(LONG_PAGE);
    expect(second.body.equals(first.body)).toBe(true);
    expect((await raw({ 'Accept-Encoding': 'br', 'If-None-Match': first.etag })).status).toBe(304);
    const gz = await raw({ 'Accept-Encoding': 'gzip' });
    expect(gz.etag).not.toBe(first.etag);
    expect(gunzipSync(gz.body).toString()).toBe(LONG_PAGE);
  });

  it('lets browsers keep fingerprinted files for a year and revalidate pages', async () => {
    expect((await fetch(`${base}/_astro/site.abc123.css`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/pagefind/index/en_2838dde.pf_index`)).headers.get('cache-control')).toContain(
      'immutable',
    );
    expect((await fetch(`${base}/pagefind/pagefind.js`)).headers.get('cache-control')).toBe(
      'public, max-age=0, must-revalidate',
    );
    expect((await fetch(`${base}/`)).headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
  });

  it('forbids framing by other sites and MIME sniffing, on pages and on 404s', async () => {
    for (const path of ['/', '/nope/']) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('answers a missing page with 404 in the language of its address', async () => {
    const en = await fetch(`${base}/nope/`);
    expect(en.status).toBe(404);
    expect(await en.text()).toContain('Page not found');
    const zh = await fetch(`${base}/zh-cn/nope/`);
    expect(zh.status).toBe(404);
    expect(await zh.text()).toContain('找不到页面');
  });

  it('answers hostile request targets with the 404 page and keeps serving (they used to end the process)', async () => {
    const port = (server.address() as AddressInfo).port;
    for (const target of ['//[/', '//a:99999/', 'http://[/', '//%/', '/%E0%A4%A', '/zh-cn/%/', '*']) {
      const answer = parseAnswer(
        (await rawExchange(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)).bytes,
      );
      expect(answer.status, target).toBe(404);
      expect(answer.headers['x-frame-options'], target).toBe('SAMEORIGIN');
    }
    expect((await fetch(`${base}/`)).status).toBe(200);
  });

  it('ignores a Range it cannot serve (the whole file, as RFC 9110 allows) instead of failing', async () => {
    for (const range of ['bytes=5-2', 'bytes=x-y', 'bytes=0-1,3-4', 'bytes=-', 'items=0-1']) {
      const response = await fetch(`${base}/_astro/site.abc123.css`, { headers: { range } });
      expect(response.status, range).toBe(200);
      expect(await response.text()).toBe('body{}');
    }
    const part = await fetch(`${base}/_astro/site.abc123.css`, { headers: { range: 'bytes=1-3' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('ody');
  });

  it('puts the headers on 304 and 416 answers too, and a frame-ancestors policy on every file', async () => {
    const first = await fetch(`${base}/_astro/site.abc123.css`);
    const notModified = await fetch(`${base}/_astro/site.abc123.css`, {
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
    const unsatisfiable = await fetch(`${base}/_astro/site.abc123.css`, { headers: { range: 'bytes=999-' } });
    expect([notModified.status, unsatisfiable.status]).toEqual([304, 416]);
    for (const response of [first, notModified, unsatisfiable]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe(
        "frame-ancestors 'self'; base-uri 'self'; object-src 'none'",
      );
    }
  });

  it('survives a file that vanished after it started (a rebuild under it): that answer is cut short, the next ones are served', async () => {
    put('gone.txt', 'soon gone');
    const handler = createStaticHandler(dir);
    const other = createServer(handler);
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(line));
    try {
      rmSync(join(dir, 'gone.txt'));
      await expect(fetch(`${otherBase}/gone.txt`).then((response) => response.text())).rejects.toThrow();
      expect((await fetch(`${otherBase}/`)).status).toBe(200);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^request failed: 500 Error ENOENT/);
    } finally {
      spy.mockRestore();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('refuses to start without a built site', () => {
    expect(() => createStaticHandler(join(dir, 'missing'))).toThrow(/npm run build/);
  });
});

describe('pickEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});

describe('isFingerprinted', () => {
  it.each([
    ['/_astro/index.B1a2.js', true],
    ['/pagefind/fragment/zh-cn_793161f.pf_fragment', true],
    ['/pagefind/pagefind.en_2e9413c8f3.pf_meta', true],
    ['/pagefind/pagefind.js', false],
    ['/pagefind/pagefind-entry.json', false],
    ['/blog/x/', false],
  ])('%s → %s', (path, expected) => {
    expect(isFingerprinted(path)).toBe(expected);
  });
});
