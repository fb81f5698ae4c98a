/** The follow QR codes as PNG files: `/follow/qr/<channel>-<size>.png`, for screens and for print. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteConfig } from '../../../site.config.ts';
import { isFollowChannel } from '../../../follow/channels.ts';
import { followCodePayload } from '../../../codes/code-table.ts';
import { isQrPngSize, qrPngSizes, renderQrPng } from '../../../follow/qr.ts';
import { withCacheKeys } from '../../../blog/cache-key.ts';
import { getSiteRoutes } from '../../../routes/site-content.ts';

// What the codes show comes from site.config.ts, which is code: the params are the whole key.
export const getStaticPaths = withCacheKeys(async () =>
  (await getSiteRoutes()).followQr.map(({ params }) => ({ params })),
) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { channel, size } = params;
  if (!isFollowChannel(channel) || !isQrPngSize(size)) return new Response(null, { status: 404 });
  const png = await renderQrPng(followCodePayload(channel, siteConfig.follow, siteConfig.siteUrl), qrPngSizes[size]);
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
