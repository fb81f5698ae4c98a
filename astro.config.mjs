// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { locales, defaultLocale, localeKeys } from './src/i18n/locales.ts';
import { siteUrl } from './src/site.config.ts';
import { finishBuiltSite } from './src/build/post-build.ts';
import { inSitemap, SITEMAP_ENTRY_LIMIT } from './src/routes/table.ts';
import { commentsDevApi } from './src/server/dev-integration.ts';
import { socialCards } from './src/social/integration.ts';
import { postFiles } from './src/build/post-files.ts';
import { serverPageFrames } from './src/server-page/build-frames.ts';

export default defineConfig({
  site: siteUrl,
  output: 'static',
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Pages render in one thread either way; with several in flight, one page's file writes (to dist/ and
    // to the incremental cache) overlap with the next page's render instead of leaving the thread idle.
    // At 250 posts per language the route step went from 14.2 s to 9.5 s (docs/performance.md).
    concurrency: 16,
  },
  // Pages whose cacheKey (src/blog/cache-key.ts) and code are unchanged are copied from the last
  // build's cache in cacheDir (node_modules/.astro) instead of rendered: keep that folder between builds.
  experimental: { incrementalBuild: true },
  i18n: {
    locales: localeKeys,
    defaultLocale,
    routing: { prefixDefaultLocale: false },
  },
  integrations: [
    mdx(),
    // The comment API under /api/ in `npm run dev` (production: src/server/main.ts).
    commentsDevApi(),
    // Each post's share-code PNG and social card, produced beside the render and cached by content (src/build/post-files.ts).
    postFiles(),
    // og:image cards, cached by content in cacheDir (src/social/).
    socialCards(),
    // The frame of the pages the server renders, into dist/server-pages.json (src/server-page/); before
    // the steps below, which then never see its pages.
    serverPageFrames(),
    sitemap({
      // Translations share their path below the locale prefix, so the sitemap can pair them.
      i18n: {
        defaultLocale,
        locales: Object.fromEntries(localeKeys.map((key) => [key, locales[key].lang])),
      },
      // The route table says which pages are for search engines (not 404s, scan forwards or the editors' page).
      filter: (page) => inSitemap(new URL(page).pathname),
      entryLimit: SITEMAP_ENTRY_LIMIT,
    }),
    // Each page's Content-Security-Policy and the Pagefind search index, reusing what did not change.
    // Nothing is precompressed here: the server compresses a file on its first request (src/server/compress-on-demand.ts).
    finishBuiltSite(),
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
