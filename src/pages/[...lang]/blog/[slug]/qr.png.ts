/** Each post's share QR code as a PNG next to the post: `/blog/<slug>/qr.png`, `/zh-cn/blog/<slug>/qr.png`. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getPublishedPosts } from '../../../../blog/collection.ts';
import { parsePostId } from '../../../../blog/posts.ts';
import { defaultLocale } from '../../../../i18n/locales.ts';
import { postShareUrl } from '../../../../follow/post-share.ts';
import { qrPngSizes, renderQrPng } from '../../../../follow/qr.ts';
import { withCacheKeys } from '../../../../blog/cache-key.ts';

// The PNG shows only its share URL: the cacheKey of its props is enough.
export const getStaticPaths = withCacheKeys(async () => {
  const posts = await getPublishedPosts();
  return posts.map((post) => {
    const { locale, slug } = parsePostId(post.id);
    return {
      params: { lang: locale === defaultLocale ? undefined : locale, slug },
      props: { shareUrl: postShareUrl(post) },
    };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ shareUrl: string }> = async ({ props }) => {
  const png = await renderQrPng(props.shareUrl, qrPngSizes.screen);
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
