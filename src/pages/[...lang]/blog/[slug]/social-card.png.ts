/** Each post's social card (og:image) next to the post: `/blog/<slug>/social-card.png`, `/zh-cn/blog/<slug>/social-card.png`. */
import type { APIRoute } from 'astro';
import { withCacheKeys } from '../../../../blog/cache-key.ts';
import { getSiteRoutes } from '../../../../routes/site-content.ts';
import { socialCardPng, startSocialCard } from '../../../../social/renderer.ts';
import { postCardContent } from '../../../../social/content.ts';
import type { SocialCardContent } from '../../../../social/card.ts';

// The cacheKey is the card's content: an unchanged title restores the card without a render.
export const getStaticPaths = withCacheKeys(async () =>
  (await getSiteRoutes()).postSocialCard.map(({ params, props }) => {
    const card = postCardContent(props.locale, props.post.data.title);
    // Cards start rendering now, beside the pages Astro renders before it reaches this route.
    startSocialCard(card);
    return { params, props: { card } };
  }),
);

export const GET: APIRoute<{ card: SocialCardContent }> = async ({ props }) =>
  new Response(await socialCardPng(props.card), { headers: { 'Content-Type': 'image/png' } });
