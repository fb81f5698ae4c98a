/**
 * How the card endpoints get their PNGs during a build: each card starts as soon as the endpoint's
 * getStaticPaths lists it (Astro collects every route's paths before it renders any page), from
 * the cache or rendered in a worker thread, so cards render while Astro renders the pages.
 */
import { cachedSocialCard, cardCacheKey, cardCacheStats } from './cache.ts';
import { renderSocialCard, type SocialCardContent } from './card.ts';
import { sharedCardPool, useCardWorker } from './card-pool.ts';

// Set by the social-cards integration (src/social/integration.ts): card-worker.ts's absolute path.
declare const __SOCIAL_CARD_WORKER__: string | undefined;

/** Render in the worker when the build provides one and useCardWorker() agrees; else on this thread. */
function render(content: SocialCardContent): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof __SOCIAL_CARD_WORKER__ === 'string' && useCardWorker()) {
    cardCacheStats.thread = 'a worker thread';
    return sharedCardPool(__SOCIAL_CARD_WORKER__).render(content);
  }
  cardCacheStats.thread = 'the main thread';
  return renderSocialCard(content);
}

const started = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/**
 * Start producing a card now (from the cache or rendered) without waiting for it. Builds only: the
 * dev server calls getStaticPaths on every request and would start every card each time.
 */
export function startSocialCard(content: SocialCardContent): void {
  if (import.meta.env.MODE !== 'production') return;
  const key = cardCacheKey(content);
  if (started.has(key)) return;
  const png = cachedSocialCard(content, { render });
  // A failure is reported where the endpoint awaits the card; this only keeps Node from calling it unhandled meanwhile.
  png.catch(() => {});
  started.set(key, png);
}

/** The card's PNG: the one started earlier (then forgotten, so finished PNGs do not pile up in memory), or a new one. */
export async function socialCardPng(content: SocialCardContent): Promise<Uint8Array<ArrayBuffer>> {
  const key = cardCacheKey(content);
  const png = started.get(key) ?? cachedSocialCard(content, { render });
  started.delete(key);
  return png;
}
