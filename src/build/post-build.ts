import { createHash } from 'node:crypto';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
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

/** A page the search indexes, by a digest of its HTML (the pages themselves are not kept in memory). */
interface IndexedPage {
  file: string;
  language: string;
  digest: string;
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

/** A digest of one language's indexed pages (path and content) and of how they are indexed. */
function indexKey(pages: readonly IndexedPage[]): string {
  const hash = createHash('sha256').update(JSON.stringify({ version: 1, options: PAGEFIND_OPTIONS }));
  for (const page of pages) hash.update(`\u0000${page.file}\u0000${page.digest}`);
  return hash.digest('hex');
}

const languageDir = (cacheRoot: string, language: string) => join(cacheRoot, 'pagefind', language);

interface PagefindEntry {
  version: string;
  languages: Record<string, unknown>;
  [other: string]: unknown;
}

/**
 * Pagefind's output for every language, in `site/pagefind/`: each language's own files (named
 * `<lang>_<hash>`) and the shared runtime from its index, with one entry file listing them all.
 */
async function assembleSearchIndex(site: string, languages: readonly string[], cacheRoot: string): Promise<void> {
  const outputPath = join(site, PAGEFIND_DIR);
  let merged: PagefindEntry | undefined;
  for (const language of languages) {
    const files = join(languageDir(cacheRoot, language), 'files');
    await cp(files, outputPath, { recursive: true, filter: (source) => !source.endsWith('pagefind-entry.json') });
    const entry = JSON.parse(await readFile(join(files, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
    merged = merged ? { ...merged, languages: { ...merged.languages, ...entry.languages } } : entry;
  }
  if (merged) await writeFile(join(outputPath, 'pagefind-entry.json'), JSON.stringify(merged));
  await Promise.all(UNUSED_UI_FILES.map((file) => rm(join(outputPath, file), { force: true })));
}

/** Add the policies and write the search index of the site in `site`; `cacheRoot` keeps what the next build can reuse. */
export async function finishSite(site: string, cacheRoot: string, logger?: AstroIntegrationLogger): Promise<void> {
  const files = (await listFiles(site)).filter((file) => file.endsWith('.html')).sort();

  // Pass 1: which pages the search indexes, in which language, with a digest of each.
  const indexed: IndexedPage[] = [];
  await eachLimited(files, 16, async (file) => {
    const html = await readFile(join(site, file), 'utf8');
    if (INDEXED.test(html))
      indexed.push({ file, language: pageLanguage(html), digest: createHash('sha256').update(html).digest('hex') });
  });
  // Sorted, so the key and Pagefind's input are the same whatever order the reads finished in.
  indexed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const byLanguage = new Map<string, IndexedPage[]>();
  for (const page of indexed) {
    const list = byLanguage.get(page.language);
    if (list) list.push(page);
    else byLanguage.set(page.language, [page]);
  }
  const languages = [...byLanguage.keys()].sort();
  const keys = new Map(languages.map((language) => [language, indexKey(byLanguage.get(language) ?? [])]));
  const stale: string[] = [];
  for (const language of languages) {
    if ((await readFile(join(languageDir(cacheRoot, language), '.key'), 'utf8').catch(() => '')) !== keys.get(language))
      stale.push(language);
  }

  // Pass 2: every page gets its policy; the pages of a language whose index is stale go to Pagefind
  // as they are read, which indexes them in its own process while this one writes.
  const indexes = new Map<string, pagefind.PagefindIndex>();
  try {
    for (const language of stale) {
      await rm(languageDir(cacheRoot, language), { recursive: true, force: true });
      const { index, errors } = await pagefind.createIndex(PAGEFIND_OPTIONS);
      if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      indexes.set(language, index);
    }
    const pending: Promise<{ errors: string[] }>[] = [];
    const indexedFiles = new Set(indexed.map((page) => page.file));
    const CHUNK = 16;
    for (let start = 0; start < files.length; start += CHUNK) {
      const chunk = files.slice(start, start + CHUNK);
      const pages = await Promise.all(
        chunk.map(async (file) => ({ file, html: await readFile(join(site, file), 'utf8') })),
      );
      for (const page of pages) {
        const index = indexedFiles.has(page.file) ? indexes.get(pageLanguage(page.html)) : undefined;
        if (index) pending.push(index.addHTMLFile({ url: pageUrl(page.file), content: page.html }));
      }
      await Promise.all(pages.map((page) => writeFile(join(site, page.file), withPolicy(page.html))));
      // Keep a bounded number of pages in flight to the indexer.
      if (pending.length > 4 * CHUNK) {
        const failed = (await Promise.all(pending.splice(0, pending.length - CHUNK))).flatMap(
          (result) => result.errors,
        );
        if (failed.length > 0) throw new Error(`Pagefind could not index a page: ${failed.join('; ')}`);
      }
    }
    const failed = (await Promise.all(pending)).flatMap((result) => result.errors);
    if (failed.length > 0) throw new Error(`Pagefind could not index a page: ${failed.join('; ')}`);
    logger?.info(`Content-Security-Policy added to ${files.length} pages`);
    for (const [language, index] of indexes) {
      const dir = languageDir(cacheRoot, language);
      const written = await index.writeFiles({ outputPath: join(dir, 'files') });
      if (written.errors.length > 0)
        throw new Error(`Pagefind could not write the ${language} index: ${written.errors.join('; ')}`);
      await writeFile(join(dir, '.key'), keys.get(language) ?? '');
    }
  } finally {
    await pagefind.close();
  }
  await assembleSearchIndex(site, languages, cacheRoot);
  const counts = await indexedPagesPerLanguage(join(site, PAGEFIND_DIR));
  logger?.info(
    `search index: ${Object.entries(counts)
      .map(([lang, count]) => `${count} ${lang} pages${stale.includes(lang) ? '' : ' (unchanged, from the cache)'}`)
      .join(', ')}`,
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
