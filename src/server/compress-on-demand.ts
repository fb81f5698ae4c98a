import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Compression of built text files when a reader first asks for them, instead of in the build:
 * brotli at quality 11 (what the build used to write next to every file, so readers download the
 * same bytes) costs about a second per MB of HTML, a minute for a site of 2,000 posts, and most of
 * those pages are rarely read. Each file is compressed once, off the main thread (zlib's thread
 * pool), and kept in memory; a file that already has a `.br`/`.gz` sibling is left to sirv.
 */

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
/** Below this size a compressed copy saves less than the header costs. */
export const MIN_COMPRESS_BYTES = 512;

type Encoding = 'br' | 'gzip';

interface TextFile {
  path: string;
  type: string;
  etag: string;
}

/** The encoding to send for an Accept-Encoding header: brotli when accepted, else gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return [name.trim(), q === undefined ? 1 : Number(q)] as const;
    }),
  );
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

/**
 * A request handler step for the text files of `distDir` without a precompressed copy: answers a
 * GET or HEAD that accepts brotli or gzip with the compressed file and returns true; returns false
 * (nothing sent) for anything else. `setHeaders` adds the site's caching and security headers.
 */
export function createOnDemandCompression(
  distDir: string,
  setHeaders: (res: ServerResponse, pathname: string) => void,
  { maxCacheBytes = 64 * 1024 * 1024 } = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  // The files are indexed once, as sirv does: restart the server after a rebuild.
  const files = new Map<string, TextFile>();
  for (const entry of readdirSync(distDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const type = TYPES[extname(entry.name)];
    const path = join(entry.parentPath, entry.name);
    if (!type || existsSync(`${path}.br`)) continue;
    const stats = statSync(path);
    if (stats.size < MIN_COMPRESS_BYTES) continue;
    files.set(path.slice(distDir.length).replaceAll('\\', '/'), {
      path,
      type,
      etag: `W/"${stats.size}-${Math.trunc(stats.mtimeMs)}`,
    });
  }
  const cache = new Map<string, Promise<Buffer>>();
  const sizes = new Map<string, number>();
  let cachedBytes = 0;

  function compressed(file: TextFile, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}:${file.path}`;
    let body = cache.get(key);
    if (body) return body;
    const content = readFileSync(file.path);
    body =
      encoding === 'br'
        ? brotli(content, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
          })
        : gzipAsync(content, { level: 9 });
    cache.set(key, body);
    body.then(
      (bytes) => {
        sizes.set(key, bytes.length);
        cachedBytes += bytes.length;
        // Oldest first out (a Map keeps insertion order) until the cache fits again.
        for (const [oldKey] of cache) {
          if (cachedBytes <= maxCacheBytes || oldKey === key) break;
          cachedBytes -= sizes.get(oldKey) ?? 0;
          sizes.delete(oldKey);
          cache.delete(oldKey);
        }
      },
      () => cache.delete(key),
    );
    return body;
  }

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const encoding = pickEncoding(req.headers['accept-encoding']);
    if (!encoding) return false;
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return false;
    }
    // How sirv finds a page: the path itself, its index.html, or the path with .html.
    const candidates = pathname.endsWith('/')
      ? [`${pathname}index.html`]
      : [pathname, `${pathname}.html`, `${pathname}/index.html`];
    const file = candidates.map((candidate) => files.get(candidate)).find((found) => found !== undefined);
    if (!file) return false;
    const etag = `${file.etag}-${encoding}"`;
    const notModified = req.headers['if-none-match'] === etag;
    let body: Buffer | undefined;
    if (!notModified) {
      try {
        body = await compressed(file, encoding);
      } catch {
        return false; // sirv sends the file uncompressed
      }
    }
    setHeaders(res, pathname);
    res.setHeader('Content-Type', file.type);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    if (!body) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
