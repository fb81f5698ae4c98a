/** Each flyer code of `content/codes.yml` as a print-size PNG: `/q/<name>/qr.png` (posts and LINE have theirs already). */
import type { APIRoute } from 'astro';
import { withCacheKeys } from '../../../blog/cache-key.ts';
import { getCodeTable } from '../../../codes/site-codes.ts';
import { scanUrl } from '../../../codes/code-table.ts';
import { siteConfig } from '../../../site.config.ts';
import { qrPngSizes, renderQrPng } from '../../../follow/qr.ts';

export const getStaticPaths = withCacheKeys(
  async () =>
    (await getCodeTable()).filter((code) => code.kind === 'flyer').map((code) => ({ params: { code: code.name } })),
  () => siteConfig.siteUrl,
);

export const GET: APIRoute = async ({ params }) => {
  const png = await renderQrPng(scanUrl(siteConfig.siteUrl, params.code ?? ''), qrPngSizes.print);
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
