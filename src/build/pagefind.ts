import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the search index lands in the built site; the search page loads `pagefind.js` from here. */
export const PAGEFIND_DIR = 'pagefind';

/** Pagefind's ready-made UIs: the search page has its own small UI in the site's strings, so these are not shipped. */
export const UNUSED_UI_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

/** Post chrome inside the indexed article: searchable words live in the title and the body. */
export const EXCLUDED_FROM_INDEX = ['.post-meta', '.byline', '.tags'];

/** Pages indexed per language, from the index's own entry file (`{ languages: { en: { page_count } } }`). */
export async function indexedPagesPerLanguage(outputPath: string): Promise<Record<string, number>> {
  const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.fromEntries(Object.entries(entry.languages).map(([lang, info]) => [lang, info.page_count]));
}
