import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler, isFingerprinted } from '../../src/server/static.ts';
import { pickEncoding } from '../../src/server/compress-on-demand.ts';

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
          res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: String(res.headers.etag), body: Buffer.concat(chunks) }));
        }).on('error', reject).end();
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
    expect((await fetch(`${base}/pagefind/index/en_2838dde.pf_index`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/pagefind/pagefind.js`)).headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
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
