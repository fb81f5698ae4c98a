import { createHash } from 'node:crypto';
import { constants, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { takeIndexedManifest, writeIndexedManifest } from './indexed-manifest.ts';
import { EXCLUDED_FROM_INDEX, PAGEFIND_DIR, UNUSED_UI_FILES, indexedPagesPerLanguage } from './pagefind.ts';
import { listFiles } from './precompress.ts';
import { pageRecord, startRecording, stopRecording, type PageRecord } from './rendered-pages.ts';

/**
 * What the site does to the built pages after Astro: the post pages go to Pagefind, one index per
 * language. Each page already has its Content-Security-Policy, added while Astro rendered it
 * (src/middleware.ts), and Astro's incremental cache keeps it with the policy.
 *
 * Work in proportion to what changed: the middleware records every page Astro renders (file,
 * language, digest); a page Astro restored from its cache is byte for byte the last build's, known
 * from that build's list of indexed pages (indexed-manifest.ts). A language whose indexed pages are
 * the last build's reuses that build's index from `<cacheDir>/syengage/`; only the pages of a language
 * that changed are read again, for Pagefind. Without a usable list the restored pages are read. The
 * result is the same files as a build without any cache (a test in tests/content compares the two).
 */

const PAGEFIND_OPTIONS = { excludeSelectors: EXCLUDED_FROM_INDEX };

/** The URL Pagefind gives a page at `file` (relative to dist/), as its own directory walk does. */
export function pageUrl(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** A page the search indexes, by a digest of its HTML (the pages themselves are not kept in memory). */
type IndexedPage = PageRecord & { language: string };

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
  const skipped = new Set(['pagefind-entry.json', ...UNUSED_UI_FILES]);
  let merged: PagefindEntry | undefined;
  // One language after the other, so a runtime file both have comes from the last, as with a plain copy.
  for (const language of languages) {
    const files = join(languageDir(cacheRoot, language), 'files');
    const names = (await listFiles(files)).filter((name) => !skipped.has(name));
    for (const folder of new Set(names.map((name) => dirname(join(outputPath, name)))))
      await mkdir(folder, { recursive: true });
    // A copy-on-write clone where the file system has them, else a copy; many at once (fs.cp goes one by one).
    await eachLimited(names, 16, (name) =>
      copyFile(join(files, name), join(outputPath, name), constants.COPYFILE_FICLONE),
    );
    const entry = JSON.parse(await readFile(join(files, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
    merged = merged ? { ...merged, languages: { ...merged.languages, ...entry.languages } } : entry;
  }
  if (merged) await writeFile(join(outputPath, 'pagefind-entry.json'), JSON.stringify(merged));
}

/** What Astro's build left for the search step. */
export interface BuiltPages {
  /** Every HTML file Astro wrote or restored (relative to the site folder), from its list of routes. */
  files: readonly string[];
  /** The pages the middleware saw Astro render, by file; undefined when nothing recorded them. */
  rendered?: ReadonlyMap<string, PageRecord> | undefined;
  /** The last build's indexed pages by file, when they belong to the cache Astro restored from. */
  previous?: ReadonlyMap<string, PageRecord> | undefined;
}

/**
 * The name a rendered page was recorded under (rendered-pages.ts names it from its URL path), for
 * Astro's `file`: the same, or `x/index.html` for `x.html` (the 404 page is rendered at `/404/`).
 */
export function recordedName(file: string): string {
  return /(^|\/)index\.html$/.test(file) ? file : file.replace(/\.html$/, '/index.html');
}

/** What the middleware recorded of the page Astro wrote at `file`, if it rendered it. */
function renderedPage(rendered: ReadonlyMap<string, PageRecord> | undefined, file: string): PageRecord | undefined {
  const page = rendered?.get(file) ?? rendered?.get(recordedName(file));
  return page && { ...page, file };
}

const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/**
 * The indexed pages of this build: what the middleware recorded for the pages Astro rendered, the
 * last build's record for those it restored, and for anything else (no usable record) the page
 * itself, read from disk. `read` counts the pages read.
 */
async function indexedPages(site: string, built: BuiltPages): Promise<{ pages: IndexedPage[]; read: number }> {
  const { rendered, previous } = built;
  const pages: IndexedPage[] = [];
  const unknown: string[] = [];
  for (const file of built.files) {
    const page = renderedPage(rendered, file) ?? (rendered && previous ? (previous.get(file) ?? null) : undefined);
    if (page === undefined) unknown.push(file);
    else if (page?.language) pages.push(page as IndexedPage);
  }
  await eachLimited(unknown, 16, async (file) => {
    // A page another step removed (the server page frames) is not indexed.
    const html = await readFile(join(site, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const page = html === undefined ? undefined : pageRecord(file, html);
    if (page?.language) pages.push(page as IndexedPage);
  });
  // Sorted, so the key and Pagefind's input are the same whatever order the reads finished in.
  return { pages: pages.sort(byFile), read: unknown.length };
}

/** Pagefind's index of one language's `pages` (read from `site`), into the cache with its `key`. */
async function indexLanguage(
  site: string,
  cacheRoot: string,
  language: string,
  pages: readonly IndexedPage[],
  key: string,
): Promise<void> {
  const dir = languageDir(cacheRoot, language);
  await rm(dir, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex(PAGEFIND_OPTIONS);
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  // In file order, a bounded number of pages in flight.
  const pending: Promise<{ errors: string[] }>[] = [];
  const CHUNK = 16;
  for (let start = 0; start < pages.length; start += CHUNK) {
    const chunk = pages.slice(start, start + CHUNK);
    const contents = await Promise.all(chunk.map((page) => readFile(join(site, page.file), 'utf8')));
    chunk.forEach((page, k) => pending.push(index.addHTMLFile({ url: pageUrl(page.file), content: contents[k]! })));
    if (pending.length > 4 * CHUNK) {
      const failed = (await Promise.all(pending.splice(0, pending.length - CHUNK))).flatMap((result) => result.errors);
      if (failed.length > 0) throw new Error(`Pagefind could not index a page: ${failed.join('; ')}`);
    }
  }
  const failed = (await Promise.all(pending)).flatMap((result) => result.errors);
  if (failed.length > 0) throw new Error(`Pagefind could not index a page: ${failed.join('; ')}`);
  const written = await index.writeFiles({ outputPath: join(dir, 'files') });
  if (written.errors.length > 0)
    throw new Error(`Pagefind could not write the ${language} index: ${written.errors.join('; ')}`);
  await writeFile(join(dir, '.key'), key);
}

/** Write the search index of the site in `site`; `cacheRoot` keeps what the next build can reuse. */
export async function finishSite(
  site: string,
  cacheRoot: string,
  built: BuiltPages,
  logger?: AstroIntegrationLogger,
): Promise<IndexedPage[]> {
  const started = performance.now();
  const { pages: indexed, read } = await indexedPages(site, built);
  const known = performance.now();
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

  // The pages of a language whose index is stale go to Pagefind (its own process, so it indexes on
  // the other core while this one reads), in order, a bounded number in flight.
  try {
    // Both languages at once: Pagefind's process indexes them side by side while this one reads.
    await Promise.all(
      stale.map((language) =>
        indexLanguage(site, cacheRoot, language, byLanguage.get(language) ?? [], keys.get(language) ?? ''),
      ),
    );
  } finally {
    await pagefind.close();
  }
  const searched = performance.now();
  await assembleSearchIndex(site, languages, cacheRoot);
  const ms = (from: number, to: number) => `${Math.round(to - from)} ms`;
  const timing = `pages known ${ms(started, known)}, Pagefind ${ms(known, searched)}, copied to dist ${ms(searched, performance.now())}`;
  const counts = await indexedPagesPerLanguage(join(site, PAGEFIND_DIR));
  const summary = Object.entries(counts)
    .map(([lang, count]) => `${count} ${lang} pages${stale.includes(lang) ? '' : ' (unchanged, from the cache)'}`)
    .join(', ');
  logger?.info(`search index: ${summary}; ${read} built pages read from disk (${timing})`);
  return indexed;
}

/**
 * Astro integration: records the pages Astro renders (src/middleware.ts adds their policies) and
 * writes the search index once the build is done (see `finishSite`).
 */
export function finishBuiltSite(): AstroIntegration {
  let cacheDir = '';
  let cacheRoot = '';
  let previous: Map<string, PageRecord> | undefined;
  return {
    name: 'syengage:finish-site',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
        cacheRoot = fileURLToPath(new URL('syengage/', config.cacheDir));
      },
      'astro:build:start': async () => {
        // Before Astro renders (and rewrites its cache manifest).
        previous = await takeIndexedManifest(cacheRoot, cacheDir);
        startRecording();
      },
      'astro:build:done': async ({ dir, assets, logger }) => {
        const rendered = stopRecording();
        const site = fileURLToPath(dir).replace(/\/$/, '');
        const files = new Set(
          [...assets.values()]
            .flat()
            .map((url) => relative(site, fileURLToPath(url)))
            .filter((file) => file.endsWith('.html')),
        );
        // A rendered page whose file name Astro does not list: its record cannot be trusted to stand for the file.
        const names = new Set([...files].flatMap((file) => [file, recordedName(file)]));
        const mismatch = rendered && [...rendered.keys()].find((file) => !names.has(file));
        if (mismatch) logger.warn(`a rendered page at ${mismatch} is not among Astro's files: reading every page`);
        const indexed = await finishSite(
          site,
          cacheRoot,
          { files: [...files].sort(), rendered: mismatch ? undefined : rendered, previous },
          logger,
        );
        await writeIndexedManifest(cacheRoot, cacheDir, indexed);
      },
    },
  };
}
