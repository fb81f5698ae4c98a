import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import sirv from 'sirv';
import { commentsPageOf, type PostComments } from './post-comments.ts';
import { createOnDemandCompression } from './compress-on-demand.ts';
import { defaultLocale, localeKeys, type Locale } from '../i18n/locales.ts';
import { distFileOf, localeFromPath, localePath, TOOL_DIRECTORIES } from '../routes/table.ts';
import { answerNodeError, guardRequests } from './error-boundary.ts';
import { FILES_POLICY, setSecurityHeaders } from './security-headers.ts';

const gzipAsync = promisify(gzip);

/** Where each locale's 404 page lands in `dist/`. */
function notFoundFile(distDir: string, locale: Locale): string {
  return join(distDir, distFileOf(localePath('notFound', locale)));
}

/**
 * Whether a built file's name carries a hash of its content, so it never changes under that name:
 * Astro's bundles under /_astro/ and Pagefind's index chunks, fragments and metadata.
 */
export function isFingerprinted(pathname: string): boolean {
  return (
    pathname.startsWith(TOOL_DIRECTORIES.astro) ||
    (pathname.startsWith(TOOL_DIRECTORIES.pagefind) && /_[0-9a-f]{7,}\.pf_(?:index|fragment|meta)$/.test(pathname))
  );
}

/** A `Range` header sirv can serve: one range of bytes, its start not after its end. Anything else is ignored (RFC 9110 allows it): the whole file is sent. */
const SIMPLE_RANGE = /^bytes=(\d{1,15})?-(\d{1,15})?$/;
function isServableRange(range: string): boolean {
  const match = SIMPLE_RANGE.exec(range.trim());
  if (!match || (match[1] === undefined && match[2] === undefined)) return false;
  return match[1] === undefined || match[2] === undefined || Number(match[1]) <= Number(match[2]);
}

/** The path of a request target as sent ("/zh-cn/x?q" → "/zh-cn/x"), without parsing it as a URL, which a hostile target can break. */
function pathOf(target: string): string {
  return target.split(/[?#]/, 1)[0] ?? '/';
}

/**
 * Serves the built site: precompressed files, long-lived caching for hashed assets, revalidation
 * for pages, and the 404 page of the locale the missing URL belongs to. Every answer carries the
 * security headers; any request target, header or read error is answered (or the answer cut short),
 * never thrown out of the handler (src/server/error-boundary.ts).
 */
export function createStaticHandler(
  distDir: string,
  { postComments }: { postComments?: PostComments | undefined } = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`No built site in ${distDir}: run "npm run build" first`);
  }
  const notFoundPages = new Map(
    localeKeys.map((locale) => [
      locale,
      existsSync(notFoundFile(distDir, locale)) ? readFileSync(notFoundFile(distDir, locale)) : null,
    ]),
  );
  const setHeaders = (res: ServerResponse, pathname: string) => {
    if (isFingerprinted(pathname)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    else res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
  };
  // Text files are compressed on a reader's first request and kept (the build no longer precompresses).
  const compressed = createOnDemandCompression(distDir, setHeaders);
  const serve = sirv(distDir, { etag: true, brotli: true, gzip: true, dotfiles: false, setHeaders });
  return guardRequests((req, res) => {
    // Set first, so every answer has them: files, 304s, 416s, 404s.
    setSecurityHeaders(res, FILES_POLICY);
    // sirv pipes a file stream into the response without listening for its errors (a file removed by a rebuild).
    res.once('pipe', (source) => source.once('error', (error) => answerNodeError(res, error)));
    const range = req.headers.range;
    if (range !== undefined && !isServableRange(range)) delete req.headers.range;
    if (postComments && (req.method === 'GET' || req.method === 'HEAD') && postComments.isPost(pathOf(req.url ?? '/')))
      return servePost(req, res, postComments);
    return serveBuilt(req, res);
  });
  function serveBuilt(req: IncomingMessage, res: ServerResponse) {
    return compressed(req, res).then(
      (sent) => sent || serveFile(req, res),
      () => res.headersSent || serveFile(req, res),
    );
  }
  /**
   * A post page with its comments and a fresh form token: different on every request, so never
   * shared or revalidated by ETag. Compressed with gzip on the fly (bench:post-page). When the store
   * cannot answer, the built page is served as it is: its script loads the comments.
   */
  async function servePost(req: IncomingMessage, res: ServerResponse, posts: PostComments) {
    const page = await posts.render(pathOf(req.url ?? '/'), commentsPageOf(req.url ?? '')).catch(() => null);
    if (!page) return serveBuilt(req, res);
    const gzipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzipped ? await gzipAsync(page, { level: 6 }) : page;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (gzipped) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
  function serveFile(req: IncomingMessage, res: ServerResponse) {
    serve(req, res, () => {
      const page = notFoundPages.get(localeFromPath(pathOf(req.url ?? '/'))) ?? notFoundPages.get(defaultLocale);
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(page ?? 'Not found');
    });
  }
}
