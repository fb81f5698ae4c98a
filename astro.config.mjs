// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { locales, defaultLocale, localeKeys } from './src/i18n/locales.ts';
import { siteUrl } from './src/site.config.ts';
import { localizePath } from './src/i18n/urls.ts';
import { TRANSLATION_STATUS_PATH } from './src/blog/translation-status.ts';

// The editors' translation status page, in every locale: not for search engines.
const editorsPages = new Set(localeKeys.map((locale) => localizePath(TRANSLATION_STATUS_PATH, locale)));
import { precompress } from './src/build/precompress.ts';
import { contentSecurityPolicy } from './src/build/csp.ts';
import { pagefindSearch } from './src/build/pagefind.ts';
import { commentsDevApi } from './src/server/dev-integration.ts';

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
    // The comment API under /api/ in `npm run dev` (production: src/server/main.ts).
    commentsDevApi(),
    sitemap({
      // Translations share their path below the locale prefix, so the sitemap can pair them.
      i18n: {
        defaultLocale,
        locales: Object.fromEntries(localeKeys.map((key) => [key, locales[key].lang])),
      },
      filter: (page) => !/\/404\/?$/.test(page) && !editorsPages.has(new URL(page).pathname),
    }),
    // Indexes the built pages; before precompress, so the index's JS and JSON get .br/.gz too.
    pagefindSearch(),
    // After the HTML is final and before it is compressed.
    contentSecurityPolicy(),
    // Last, so it sees every file the other integrations wrote.
    precompress(),
  ],
  vite: {
    build: {
      // Pages ship a few small scripts and no code-split chunks; without the preload helper a
      // runtime import() (the search page loading Pagefind) stays a plain import().
      modulePreload: false,
      rollupOptions: {
        onwarn(warning, warn) {
          // MDX pages carry Astro's own "use astro:head-inject" directive; the bundler's notice about it is noise for editors.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
