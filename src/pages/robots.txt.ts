import type { APIContext } from 'astro';
import { siteConfig } from '../site.config.ts';
import { sitePath } from '../routes/table.ts';

export function GET(context: APIContext) {
  const sitemap = new URL(sitePath('sitemapIndex'), context.site ?? siteConfig.siteUrl).href;
  return new Response(`User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
