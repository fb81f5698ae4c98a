import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** Where the search index lands in the built site; the search page loads `pagefind.js` from here. */
export const PAGEFIND_DIR = 'pagefind';

/** Pagefind's ready-made UIs: the search page has its own small UI in the site's strings, so these are not shipped. */
const UNUSED_UI_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

/** Post chrome inside the indexed article: searchable words live in the title and the body. */
const EXCLUDED_FROM_INDEX = ['.post-meta', '.byline', '.tags'];

/** Pages indexed per language, from the index's own entry file (`{ languages: { en: { page_count } } }`). */
export async function indexedPagesPerLanguage(outputPath: string): Promise<Record<string, number>> {
  const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.fromEntries(Object.entries(entry.languages).map(([lang, info]) => [lang, info.page_count]));
}

/**
 * Astro integration: index the built site with Pagefind. Pagefind reads `<html lang>` and writes one
 * index per language; only elements marked `data-pagefind-body` (post articles) are indexed, so
 * lists, tag pages and site chrome stay out of results. Put it before precompression so the
 * index's JS and JSON are precompressed too (its `.pf_*` files are gzip already).
 */
export function pagefindSearch(): AstroIntegration {
  return {
    name: 'syengage:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const outputPath = join(site, PAGEFIND_DIR);
        try {
          // The post header's date, reading time, byline and tags would otherwise fill every excerpt.
          const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED_FROM_INDEX });
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
        } finally {
          await pagefind.close();
        }
        await Promise.all(UNUSED_UI_FILES.map((file) => rm(join(outputPath, file), { force: true })));
        const counts = await indexedPagesPerLanguage(outputPath);
        logger.info(`search index: ${Object.entries(counts).map(([lang, count]) => `${count} ${lang} pages`).join(', ')}`);
      },
    },
  };
}
