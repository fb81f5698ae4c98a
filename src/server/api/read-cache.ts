import { createHash } from 'node:crypto';
import type { CommentStore } from '../../comments/store.ts';
import type { ApiContext } from './context.ts';

/** A read as it is sent: the JSON text and its ETag. */
export interface CachedRead {
  body: string;
  etag: string;
}

function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Public reads, rendered once per store revision: the same thread is read far more often than
 * it changes, and the revision moves on any write, including the CLI's from another process.
 */
export function createReadCache(store: CommentStore, maxEntries = 1000) {
  const entries = new Map<string, CachedRead & { revision: string }>();
  return async (key: string, read: () => Promise<unknown>): Promise<CachedRead> => {
    const revision = await store.revision();
    const hit = entries.get(key);
    if (hit && hit.revision === revision) return hit;
    const body = JSON.stringify(await read());
    const entry = { revision, body, etag: etagOf(body) };
    if (entries.size >= maxEntries) entries.clear();
    entries.set(key, entry);
    return entry;
  };
}

/** Sends JSON with an ETag and a short shared cache; a matching If-None-Match gets 304. */
export function sendCachedJson(c: ApiContext, { body, etag }: CachedRead): Response {
  c.header('ETag', etag);
  c.header('Cache-Control', 'public, max-age=10');
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}
