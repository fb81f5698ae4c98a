import type { APIContext } from 'astro';
import { siteConfig } from '../site.config.ts';

export function GET(context: APIContext) {
  const sitemap = new URL('/sitemap-index.xml', context.site ?? siteConfig.siteUrl).href;
  return new Response(`User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /admin/\n\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
