import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { siteConfig } from '../../src/site.config.ts';

/** The built site the dist checks read. */
export const distDir = join(import.meta.dirname, '..', '..', 'dist');

export function requireBuild(): void {
  if (!existsSync(join(distDir, 'index.html')))
    throw new Error('dist/ is missing: run "npm run build" before "npm run test:dist"');
}

/** Every file of `dist/` with the given extension, as paths relative to `dist/`. */
export function distFiles(extension: string): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension) && statSync(join(distDir, file)).isFile())
    .map((file) => relative(distDir, join(distDir, file)))
    .sort();
}

export function readDist(file: string): string {
  return readFileSync(join(distDir, file), 'utf8');
}

/** The site path a built HTML file answers ("blog/a/index.html" → "/blog/a/"). */
export function pathOfFile(file: string): string {
  return `/${file.replace(/index\.html$/, '').replace(/\\/g, '/')}`;
}

/** The dist file that answers an internal URL, or null when nothing would. */
export function fileForUrl(url: string): string | null {
  const { pathname } = new URL(url, siteConfig.siteUrl);
  const decoded = decodeURIComponent(pathname);
  const candidates = decoded.endsWith('/')
    ? [`${decoded}index.html`]
    : [decoded, `${decoded}.html`, `${decoded}/index.html`];
  for (const candidate of candidates) {
    const file = join(distDir, candidate);
    if (existsSync(file) && statSync(file).isFile()) return relative(distDir, file);
  }
  return null;
}

/** Whether a URL points into this site (relative, root-relative, or absolute on the site's origin). */
export function isInternal(url: string): boolean {
  if (url.startsWith('#') || /^(mailto|tel|javascript|data):/i.test(url)) return false;
  if (url.startsWith('//')) return false;
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) || new URL(url).origin === new URL(siteConfig.siteUrl).origin;
}

/** Decode the few entities Astro writes into attribute values. */
export function decodeAttribute(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** Every value of `attribute` on elements in `html`. */
export function attributeValues(html: string, attribute: string): string[] {
  const pattern = new RegExp(`\\s${attribute}="([^"]*)"`, 'g');
  return [...html.matchAll(pattern)].map((match) => decodeAttribute(match[1] ?? ''));
}

/** `<link rel="alternate" hreflang=…>` pairs of a page. */
export function hreflangAlternates(html: string): Map<string, string> {
  const alternates = new Map<string, string>();
  for (const [tag] of html.matchAll(/<link\b[^>]*\bhreflang="[^"]*"[^>]*>/g)) {
    const lang = /hreflang="([^"]*)"/.exec(tag)?.[1];
    const href = /href="([^"]*)"/.exec(tag)?.[1];
    if (lang && href) alternates.set(lang, decodeAttribute(href));
  }
  return alternates;
}
