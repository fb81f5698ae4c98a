/** Each flyer code of `content/codes.yml` as a print-size PNG: `/q/<name>/qr.png` (posts and LINE have theirs already). */
import type { APIRoute } from 'astro';
import { withCacheKeys } from '../../../blog/cache-key.ts';
import { getSiteRoutes } from '../../../routes/site-content.ts';
import { scanUrl } from '../../../codes/code-table.ts';
import { siteConfig } from '../../../site.config.ts';
import { qrPngSizes, renderQrPng } from '../../../follow/qr.ts';

export const getStaticPaths = withCacheKeys(
  async () => (await getSiteRoutes()).scanQr.map(({ params }) => ({ params })),
  () => siteConfig.siteUrl,
);

export const GET: APIRoute = async ({ params }) => {
  const png = await renderQrPng(scanUrl(siteConfig.siteUrl, params.code ?? ''), qrPngSizes.print);
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
