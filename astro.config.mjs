// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { locales, defaultLocale, localeKeys } from './src/i18n/locales.ts';
import { siteUrl } from './src/site.config.ts';
import { precompress } from './src/build/precompress.ts';
import { pagefindSearch } from './src/build/pagefind.ts';

export default defineConfig({
  site: siteUrl,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  i18n: {
    locales: localeKeys,
    defaultLocale,
    routing: { prefixDefaultLocale: false },
  },
  integrations: [
    mdx(),
    sitemap({
      // Translations share their path below the locale prefix, so the sitemap can pair them.
      i18n: {
        defaultLocale,
        locales: Object.fromEntries(localeKeys.map((key) => [key, locales[key].lang])),
      },
      filter: (page) => !/\/404\/?$/.test(page),
    }),
    // Indexes the built pages; before precompress, so the index's JS and JSON get .br/.gz too.
    pagefindSearch(),
    // Last, so it sees every file the other integrations wrote.
    precompress(),
  ],
});
