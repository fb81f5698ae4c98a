import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { cardCacheStats, pruneCardCache } from './cache.ts';

/**
 * Astro integration: tells the card endpoints where Astro's cacheDir is (cards are cached there by
 * content) and where the worker that renders them is, and reports after the build how many cards were rendered and how many came from the cache.
 */
export function socialCards(): AstroIntegration {
  return {
    name: 'syengage:social-cards',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const dir = fileURLToPath(new URL('social-cards/', config.cacheDir));
        // The worker runs from source (Node strips the types): Vite's bundle has no file to point a Worker at.
        const worker = fileURLToPath(new URL('src/social/card-worker.ts', config.root));
        updateConfig({
          vite: {
            define: { __SOCIAL_CARD_CACHE_DIR__: JSON.stringify(dir), __SOCIAL_CARD_WORKER__: JSON.stringify(worker) },
          },
        });
      },
      'astro:build:done': async ({ logger }) => {
        const where = cardCacheStats.rendered > 0 && cardCacheStats.thread ? ` (in ${cardCacheStats.thread})` : '';
        let removed = 0;
        for (const [dir, used] of cardCacheStats.used) removed += await pruneCardCache(dir, used);
        logger.info(
          `social cards: ${cardCacheStats.rendered} rendered${where}, ${cardCacheStats.cached} from the cache${removed ? `, ${removed} unused for two weeks removed from the cache` : ''}`,
        );
      },
    },
  };
}
