import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PageRecord } from './rendered-pages.ts';

/**
 * The pages the search indexed in the last build (file, language, digest), kept in
 * `<cacheDir>/syengage/indexed-pages.json`, so the next build knows the pages Astro restores from
 * its incremental cache without reading them: a restored page is byte for byte the copy Astro kept,
 * which is the page that build wrote.
 *
 * That holds only if this list and Astro's cache come from the same build, so the list carries a
 * digest of Astro's cache manifest (`<cacheDir>/incremental-build.json`) as that build left it, and is
 * taken away when a build starts: a build that fails leaves no list, and a list that does not match
 * Astro's cache is not used (the search step then reads the restored pages instead).
 */

const FILE = 'indexed-pages.json';
const VERSION = 1;
const ASTRO_CACHE_MANIFEST = 'incremental-build.json';

interface ManifestFile {
  version: number;
  astroCache: string;
  pages: PageRecord[];
}

/** sha256 of Astro's incremental-build manifest in `cacheDir`, or '' when there is none. */
async function astroCacheDigest(cacheDir: string): Promise<string> {
  const bytes = await readFile(join(cacheDir, ASTRO_CACHE_MANIFEST)).catch(() => undefined);
  return bytes ? createHash('sha256').update(bytes).digest('hex') : '';
}

function isPageRecord(value: unknown): value is PageRecord {
  const page = value as PageRecord;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof page.file === 'string' &&
    typeof page.language === 'string' &&
    typeof page.digest === 'string' &&
    /^[0-9a-f]{64}$/.test(page.digest)
  );
}

/**
 * The last build's indexed pages by file, when the list exists, is whole and belongs to the build that
 * left Astro's cache as it is now; undefined otherwise. Either way the list is removed from disk.
 */
export async function takeIndexedManifest(
  cacheRoot: string,
  cacheDir: string,
): Promise<Map<string, PageRecord> | undefined> {
  const path = join(cacheRoot, FILE);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  await rm(path, { force: true });
  if (text === undefined) return undefined;
  let data: ManifestFile;
  try {
    data = JSON.parse(text) as ManifestFile;
  } catch {
    return undefined;
  }
  if (
    data?.version !== VERSION ||
    typeof data.astroCache !== 'string' ||
    data.astroCache === '' ||
    !Array.isArray(data.pages) ||
    !data.pages.every(isPageRecord)
  )
    return undefined;
  if (data.astroCache !== (await astroCacheDigest(cacheDir))) return undefined;
  return new Map(data.pages.map((page) => [page.file, page]));
}

/** Keep this build's indexed pages for the next build (after Astro wrote its cache manifest). */
export async function writeIndexedManifest(
  cacheRoot: string,
  cacheDir: string,
  pages: readonly PageRecord[],
): Promise<void> {
  const astroCache = await astroCacheDigest(cacheDir);
  // Without Astro's cache nothing is restored next time, so there is nothing to know in advance.
  if (astroCache === '') return;
  const path = join(cacheRoot, FILE);
  await mkdir(dirname(path), { recursive: true });
  const data: ManifestFile = { version: VERSION, astroCache, pages: [...pages] };
  await writeFile(path, JSON.stringify(data));
}
