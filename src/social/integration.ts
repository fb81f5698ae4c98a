import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { cardCacheStats } from './cache.ts';

/**
 * Astro integration: tells the card endpoints where Astro's cacheDir is (cards are cached there by
 * content) and reports after the build how many cards were rendered and how many came from the cache.
 */
export function socialCards(): AstroIntegration {
  return {
    name: 'syengage:social-cards',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const dir = fileURLToPath(new URL('social-cards/', config.cacheDir));
        updateConfig({ vite: { define: { __SOCIAL_CARD_CACHE_DIR__: JSON.stringify(dir) } } });
      },
      'astro:build:done': ({ logger }) => {
        logger.info(`social cards: ${cardCacheStats.rendered} rendered, ${cardCacheStats.cached} from the cache`);
      },
    },
  };
}
