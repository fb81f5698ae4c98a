import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { createOnDemandCompression } from './compress-on-demand.ts';
import { defaultLocale, localeKeys } from '../i18n/locales.ts';
import { localeFromPath } from '../i18n/urls.ts';

/** Where each locale's 404 page lands in `dist/`. */
function notFoundFile(distDir: string, locale: string): string {
  return locale === defaultLocale ? join(distDir, '404.html') : join(distDir, locale, '404', 'index.html');
}

/**
 * Whether a built file's name carries a hash of its content, so it never changes under that name:
 * Astro's bundles under /_astro/ and Pagefind's index chunks, fragments and metadata.
 */
export function isFingerprinted(pathname: string): boolean {
  return pathname.startsWith('/_astro/') || /^\/pagefind\/.*_[0-9a-f]{7,}\.pf_(?:index|fragment|meta)$/.test(pathname);
}

/**
 * Headers a <meta> policy cannot carry: no framing by other sites (clickjacking), no MIME sniffing,
 * and only the origin as referrer to other sites. Each page's script policy is in its own <meta>.
 */
function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
}

/**
 * Serves the built site: precompressed files, long-lived caching for hashed assets, revalidation
 * for pages, and the 404 page of the locale the missing URL belongs to.
 */
export function createStaticHandler(distDir: string): (req: IncomingMessage, res: ServerResponse) => void {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`No built site in ${distDir}: run "npm run build" first`);
  }
  const notFoundPages = new Map(
    localeKeys.map((locale) => [locale, existsSync(notFoundFile(distDir, locale)) ? readFileSync(notFoundFile(distDir, locale)) : null]),
  );
  const setHeaders = (res: ServerResponse, pathname: string) => {
    if (isFingerprinted(pathname)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    else res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
    setSecurityHeaders(res);
  };
  // Text files are compressed on a reader's first request and kept (the build no longer precompresses).
  const compressed = createOnDemandCompression(distDir, setHeaders);
  const serve = sirv(distDir, { etag: true, brotli: true, gzip: true, dotfiles: false, setHeaders });
  return (req, res) => {
    void compressed(req, res).then(
      (sent) => sent || serveFile(req, res),
      () => res.headersSent || serveFile(req, res),
    );
  };
  function serveFile(req: IncomingMessage, res: ServerResponse) {
    serve(req, res, () => {
      const page = notFoundPages.get(localeFromPath(new URL(req.url ?? '/', 'http://x').pathname)) ?? notFoundPages.get(defaultLocale);
      res.statusCode = 404;
      setSecurityHeaders(res);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(page ?? 'Not found');
    });
  }
}
