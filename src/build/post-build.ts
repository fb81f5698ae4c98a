import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { withPolicy } from './csp.ts';
import { EXCLUDED_FROM_INDEX, PAGEFIND_DIR, UNUSED_UI_FILES, indexedPagesPerLanguage } from './pagefind.ts';
import { listFiles } from './precompress.ts';

/**
 * What the site does to the built pages after Astro, in one pass over `dist/`:
 * - every page gets its Content-Security-Policy (csp.ts);
 * - the post pages go to Pagefind, one index per language, while the policies are written (the
 *   indexer is its own process, so it runs on the other core).
 *
 * An incremental build restores unchanged pages from Astro's cache as Astro wrote them (without a
 * policy), so every page is read again each build; what is expensive is cached by content in
 * `<cacheDir>/syengage/`: a language whose indexed pages are byte for byte the last build's
 * reuses that build's index instead of running Pagefind. The result is the same files as a build
 * without any cache (a test in tests/content compares the two).
 */

const PAGEFIND_OPTIONS = { excludeSelectors: EXCLUDED_FROM_INDEX };

/** A page the search indexes: it has `data-pagefind-body` (post articles). */
const INDEXED = /\sdata-pagefind-body[\s>=]/;

/** The language Pagefind files a page under: its `<html lang>`, lower case. */
function pageLanguage(html: string): string {
  return (/<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1] ?? 'unknown').toLowerCase();
}

/** The URL Pagefind gives a page at `file` (relative to dist/), as its own directory walk does. */
export function pageUrl(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

interface Page {
  file: string;
  html: string;
}

/** Run `task` over `items`, `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/** A digest of one language's indexed pages (URL and content) and of how they are indexed. */
function indexKey(pages: readonly Page[]): string {
  const hash = createHash('sha256').update(JSON.stringify({ version: 1, options: PAGEFIND_OPTIONS }));
  for (const page of pages) hash.update(`\u0000${page.file}\u0000`).update(page.html);
  return hash.digest('hex');
}

/**
 * The Pagefind index of one language's pages in `outputPath`: reused from `cacheRoot` when the
 * pages are the same as when it was made, otherwise made again (and kept for the next build).
 */
async function languageIndex(language: string, pages: readonly Page[], cacheRoot: string): Promise<{ dir: string; reused: boolean }> {
  const dir = join(cacheRoot, 'pagefind', language);
  const keyFile = join(dir, '.key');
  const key = indexKey(pages);
  if ((await readFile(keyFile, 'utf8').catch(() => '')) === key) return { dir, reused: true };
  await rm(dir, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex(PAGEFIND_OPTIONS);
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const added = await Promise.all(pages.map((page) => index.addHTMLFile({ url: pageUrl(page.file), content: page.html })));
  const failed = added.flatMap((result) => result.errors);
  if (failed.length > 0) throw new Error(`Pagefind could not index the ${language} pages: ${failed.join('; ')}`);
  const written = await index.writeFiles({ outputPath: join(dir, 'files') });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write the ${language} index: ${written.errors.join('; ')}`);
  await index.deleteIndex();
  await writeFile(keyFile, key);
  return { dir, reused: false };
}

interface PagefindEntry {
  version: string;
  languages: Record<string, unknown>;
  [other: string]: unknown;
}

/**
 * Pagefind's output for every language, in `site/pagefind/`: each language's own files (named
 * `<lang>_<hash>`) and the shared runtime from its index, with one entry file listing them all.
 */
async function writeSearchIndex(site: string, byLanguage: Map<string, Page[]>, cacheRoot: string): Promise<string[]> {
  const outputPath = join(site, PAGEFIND_DIR);
  const reused: string[] = [];
  const languages = [...byLanguage.keys()].sort();
  try {
    // One at a time: the indexer already uses every core it gets, and the CSP pass runs beside it.
    for (const language of languages) {
      const built = await languageIndex(language, byLanguage.get(language) ?? [], cacheRoot);
      if (built.reused) reused.push(language);
    }
  } finally {
    await pagefind.close();
  }
  let merged: PagefindEntry | undefined;
  for (const language of languages) {
    const files = join(cacheRoot, 'pagefind', language, 'files');
    await cp(files, outputPath, { recursive: true, filter: (source) => !source.endsWith('pagefind-entry.json') });
    const entry = JSON.parse(await readFile(join(files, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
    merged = merged ? { ...merged, languages: { ...merged.languages, ...entry.languages } } : entry;
  }
  if (merged) await writeFile(join(outputPath, 'pagefind-entry.json'), JSON.stringify(merged));
  await Promise.all(UNUSED_UI_FILES.map((file) => rm(join(outputPath, file), { force: true })));
  return reused;
}

/** Add the policies and write the search index of the site in `site`; `cacheRoot` keeps what the next build can reuse. */
export async function finishSite(site: string, cacheRoot: string, logger?: AstroIntegrationLogger): Promise<void> {
  const files = (await listFiles(site)).filter((file) => file.endsWith('.html')).sort();
  const pages: Page[] = [];
  await eachLimited(files, 16, async (file) => {
    pages.push({ file, html: await readFile(join(site, file), 'utf8') });
  });
  // The same order every build, so the index is the same files whatever order the reads finished in.
  pages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const byLanguage = new Map<string, Page[]>();
  for (const page of pages) {
    if (!INDEXED.test(page.html)) continue;
    const language = pageLanguage(page.html);
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), page]);
  }
  await mkdir(cacheRoot, { recursive: true });
  // Pagefind works in its own process on the pages as Astro wrote them (the policy is in <head>, which it does not index).
  const search = writeSearchIndex(site, byLanguage, cacheRoot);
  await eachLimited(pages, 16, (page) => writeFile(join(site, page.file), withPolicy(page.html)));
  logger?.info(`Content-Security-Policy added to ${pages.length} pages`);
  const reused = await search;
  const counts = await indexedPagesPerLanguage(join(site, PAGEFIND_DIR));
  logger?.info(
    `search index: ${Object.entries(counts).map(([lang, count]) => `${count} ${lang} pages${reused.includes(lang) ? ' (unchanged, from the cache)' : ''}`).join(', ')}`,
  );
}

/** Astro integration: policies and search index once the build is done (see `finishSite`). */
export function finishBuiltSite(): AstroIntegration {
  let cacheRoot = '';
  return {
    name: 'syengage:finish-site',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheRoot = fileURLToPath(new URL('syengage/', config.cacheDir));
      },
      'astro:build:done': async ({ dir, logger }) => {
        await finishSite(fileURLToPath(dir).replace(/\/$/, ''), cacheRoot, logger);
      },
    },
  };
}
