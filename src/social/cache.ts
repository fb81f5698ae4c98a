/**
 * Rendered cards kept by content, so that a build renders only the cards whose text changed. The
 * key covers everything a card shows plus CARD_DESIGN_VERSION; the folder lives in Astro's
 * cacheDir (node_modules/.astro by default), which survives `dist/` being wiped.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_MAX_AGE_MS, cachedFile, pruneCache } from '../build/content-cache.ts';
import { CARD_DESIGN_VERSION, renderSocialCard, type SocialCardContent } from './card.ts';

// Set by the social-cards integration (src/social/integration.ts) from Astro's `cacheDir`.
declare const __SOCIAL_CARD_CACHE_DIR__: string | undefined;

/** Where cards are cached: Astro's cacheDir when the build runs, else node_modules/.astro. */
export function defaultCardCacheDir(): string {
  return typeof __SOCIAL_CARD_CACHE_DIR__ === 'string'
    ? __SOCIAL_CARD_CACHE_DIR__
    : join(process.cwd(), 'node_modules', '.astro', 'social-cards');
}

/** The cache key of a card: a hash of its design version and every text it shows. */
export function cardCacheKey(content: SocialCardContent): string {
  const fields = [
    CARD_DESIGN_VERSION,
    content.locale,
    content.title,
    content.siteName,
    content.siteHost,
    content.kicker ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}

/**
 * How many cards this process rendered and how many it took from the cache. Kept on globalThis:
 * the endpoints run from Astro's bundled copy of this module, the integration from its own.
 */
export const cardCacheStats: CardCacheStats = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('syengage.socialCardStats')
] ??= {
  rendered: 0,
  cached: 0,
  used: new Map<string, Set<string>>(),
}) as CardCacheStats;

interface CardCacheStats {
  rendered: number;
  cached: number;
  /** Cache files this process used, per cache folder: the build removes the others afterwards. */
  used: Map<string, Set<string>>;
  /** Where cards were rendered, for the build log. */
  thread?: string;
}

/**
 * The card's PNG file in the cache, rendered (by `render`, default renderSocialCard) and stored
 * when it is not there yet.
 */
export async function cachedSocialCardFile(
  content: SocialCardContent,
  {
    dir = defaultCardCacheDir(),
    render = renderSocialCard,
  }: { dir?: string; render?: (content: SocialCardContent) => Promise<Uint8Array> } = {},
): Promise<string> {
  const name = `${cardCacheKey(content)}.png`;
  if (!cardCacheStats.used.has(dir)) cardCacheStats.used.set(dir, new Set());
  cardCacheStats.used.get(dir)!.add(name);
  const { file, produced } = await cachedFile(dir, name, () => render(content));
  if (produced) cardCacheStats.rendered += 1;
  else cardCacheStats.cached += 1;
  return file;
}

/** The card's PNG from the cache, or rendered and stored (see cachedSocialCardFile). */
export async function cachedSocialCard(
  content: SocialCardContent,
  options: { dir?: string; render?: (content: SocialCardContent) => Promise<Uint8Array> } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await readFile(await cachedSocialCardFile(content, options)));
}

/** How long a card no build used stays in the cache. */
export const CARD_CACHE_MAX_AGE_MS = CACHE_MAX_AGE_MS;

/**
 * Remove the cards of `dir` that this build did not use and no build has used for
 * CARD_CACHE_MAX_AGE_MS (see pruneCache).
 */
export function pruneCardCache(dir: string, used: ReadonlySet<string>, now = Date.now()): Promise<number> {
  return pruneCache(dir, used, now, CARD_CACHE_MAX_AGE_MS);
}
