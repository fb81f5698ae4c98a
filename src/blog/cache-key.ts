import { createHash } from 'node:crypto';

/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a prerendered path
 * whose `cacheKey` equals the last build's, and whose route code and rendered content are
 * unchanged, is copied from the cache instead of rendered. So a key must cover everything the
 * page shows that does not come from code: its params and props, plus whatever the page reads
 * itself (posts of a list, tag names). Code (components, i18n strings, site config) is covered by
 * Astro's own hash of the route's modules.
 */

/** The part of a content collection entry that identifies what it shows. */
interface EntryLike {
  id: string;
  collection: string;
  digest?: string | number;
  data: unknown;
  body?: string;
}

function isEntry(value: unknown): value is EntryLike {
  return typeof value === 'object' && value !== null && 'collection' in value && 'id' in value && 'data' in value;
}

/**
 * A collection entry stands for itself by its id and Astro's digest of its data and body
 * (frontmatter and text), so a list page's key changes when any post it lists changes.
 */
function entryToken(entry: EntryLike): string {
  const digest =
    entry.digest ??
    createHash('sha256')
      .update(JSON.stringify([entry.data, entry.body ?? '']))
      .digest('hex');
  return `${entry.collection}:${entry.id}:${String(digest)}`;
}

/** JSON of anything a page shows: entries by id and digest, dates as ISO strings, maps and sets as arrays. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, key: string, item: unknown) {
    // JSON.stringify has already called Date#toJSON on `item`; the holder still has the Date.
    const original = key === '' ? item : (this as Record<string, unknown>)[key];
    if (original instanceof Date) return `date:${original.toISOString()}`;
    if (isEntry(original)) return entryToken(original);
    if (original instanceof Map) return [...original.entries()];
    if (original instanceof Set) return [...original.values()];
    return item;
  });
}

/** A short digest of everything passed: the `cacheKey` of a page that shows exactly this. */
export function cacheKeyOf(...shown: unknown[]): string {
  return createHash('sha256').update(stableJson(shown)).digest('base64url').slice(0, 32);
}

interface StaticPath {
  params: Record<string, string | number | undefined>;
  props?: Record<string, unknown>;
}

/**
 * Wrap a route's `getStaticPaths` so each path gets a `cacheKey` of its params, its props and
 * `alsoShown(path)`: what the page reads by itself (the posts of a list page, tag names, …).
 * One line for a route: `export const getStaticPaths = withCacheKeys(paths, (path) => …)`.
 */
export function withCacheKeys<P extends StaticPath>(
  getStaticPaths: () => P[] | Promise<P[]>,
  alsoShown?: (path: P) => unknown,
): () => Promise<(P & { cacheKey: string })[]> {
  return async () => {
    const paths = await getStaticPaths();
    // `astro dev` renders on request and keeps no build cache: no keys to compute.
    if (import.meta.env.MODE === 'development') return paths.map((path) => ({ ...path, cacheKey: '' }));
    return Promise.all(
      paths.map(async (path) => ({
        ...path,
        cacheKey: cacheKeyOf(path.params, path.props ?? {}, alsoShown ? await alsoShown(path) : null),
      })),
    );
  };
}
