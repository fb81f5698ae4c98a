import { createHash } from 'node:crypto';
import { withPolicy } from './csp.ts';

/**
 * What the build learns about each page while Astro renders it (src/middleware.ts): the page gets
 * its Content-Security-Policy there, so a page Astro later restores from its incremental cache
 * already carries it, and the search step (post-build.ts) learns which pages changed without
 * reading the pages Astro restored (those are byte for byte the last build's).
 *
 * The middleware runs in Astro's prerender bundle, a module graph of its own in the same process as
 * the integration: the two meet through one global, which only the build's integration creates.
 */

/** A page the search indexes: it has `data-pagefind-body` (post articles). */
export const INDEXED = /\sdata-pagefind-body[\s>=]/;

/** The language Pagefind files a page under: its `<html lang>`, lower case. */
export function pageLanguage(html: string): string {
  return (/<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1] ?? 'unknown').toLowerCase();
}

/** One built HTML page as the search step sees it: `language` is null when the search does not index it. */
export interface PageRecord {
  file: string;
  language: string | null;
  /** sha256 (hex) of the page's bytes as written to dist/. */
  digest: string;
}

/** The record of `html` (the page's final text) at `file`, relative to dist/. */
export function pageRecord(file: string, html: string): PageRecord {
  return {
    file,
    language: INDEXED.test(html) ? pageLanguage(html) : null,
    digest: createHash('sha256').update(html).digest('hex'),
  };
}

/**
 * The file Astro writes for a page at `pathname` (a URL path), relative to dist/, with the site's
 * `build.format: 'directory'` and `trailingSlash: 'always'`: `/blog/x/` → `blog/x/index.html`.
 * Other paths (`/404`) give `404.html`; the search step checks every name against Astro's own list.
 */
export function pageFile(pathname: string): string {
  const path = decodeURI(pathname).replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  return path.endsWith('.html') ? path : `${path}.html`;
}

const RECORD = Symbol.for('syengage.rendered-pages');
type Registry = { [RECORD]?: Map<string, PageRecord> };

/** Start recording the pages this build renders (the integration, at astro:build:start). */
export function startRecording(): void {
  (globalThis as Registry)[RECORD] = new Map();
}

/**
 * Whether `astro build` is rendering (the integration started recording at astro:build:start). Not in
 * `astro dev`, whose pages carry Vite's own scripts; and `import.meta.env.DEV` cannot tell, since a
 * build run with NODE_ENV other than production (as under a test runner) has it true.
 */
export function isRecording(): boolean {
  return (globalThis as Registry)[RECORD] !== undefined;
}

/** Stop recording: the pages rendered since `startRecording`, by file (undefined when it never started). */
export function stopRecording(): Map<string, PageRecord> | undefined {
  const pages = (globalThis as Registry)[RECORD];
  delete (globalThis as Registry)[RECORD];
  return pages;
}

/**
 * A page Astro just rendered at `pathname`, as it will be written: with its policy (csp.ts); recorded
 * for the search step when a build is recording.
 */
export function finishRenderedPage(pathname: string, html: string): string {
  const page = withPolicy(html);
  const record = (globalThis as Registry)[RECORD];
  if (record) {
    const file = pageFile(pathname);
    record.set(file, pageRecord(file, page));
  }
  return page;
}
