// Minimal Astro baseline: MDX + built-in i18n routing (en default, unprefixed; zh-cn prefixed).
// Copied from ../shared/bench/astro-plain, with Astro 7's incremental build and a cacheKey per post
// (the baseline for a one-post rebuild in scripts/bench-build.mjs).
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  site: 'https://example.com',
  integrations: [mdx()],
  experimental: { incrementalBuild: true },
  i18n: { defaultLocale: 'en', locales: ['en', 'zh-cn'], routing: { prefixDefaultLocale: false } },
});
