/** Each post's share QR code as a PNG next to the post: `/blog/<slug>/qr.png`, `/zh-cn/blog/<slug>/qr.png`. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { postShareUrl } from '../../../../follow/post-share.ts';
import { qrPngSizes, renderQrPng } from '../../../../follow/qr.ts';
import { withCacheKeys } from '../../../../blog/cache-key.ts';
import { getSiteRoutes } from '../../../../routes/site-content.ts';

// The PNG shows only its share URL: the cacheKey of its props is enough.
export const getStaticPaths = withCacheKeys(async () =>
  (await getSiteRoutes()).postQr.map(({ params, props }) => ({
    params,
    props: { shareUrl: postShareUrl(props.post) },
  })),
) satisfies GetStaticPaths;

export const GET: APIRoute<{ shareUrl: string }> = async ({ props }) => {
  const png = await renderQrPng(props.shareUrl, qrPngSizes.screen);
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
