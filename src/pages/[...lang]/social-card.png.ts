/** Each locale's default social card (home, tags, search, follow): `/social-card.png`, `/zh-cn/social-card.png`. */
import type { APIRoute } from 'astro';
import { staticPaths } from '../../routes/table.ts';
import { getSiteRoutes } from '../../routes/site-content.ts';
import { withCacheKeys } from '../../blog/cache-key.ts';
import type { Locale } from '../../i18n/locales.ts';
import { socialCardPng, startSocialCard } from '../../social/renderer.ts';
import { defaultCardContent } from '../../social/content.ts';

export const getStaticPaths = withCacheKeys(
  async () => {
    const paths = staticPaths((await getSiteRoutes()).socialCard);
    for (const { props } of paths) startSocialCard(defaultCardContent(props.locale));
    return paths;
  },
  (path) => defaultCardContent(path.props.locale),
);

export const GET: APIRoute<{ locale: Locale }> = async ({ props }) =>
  new Response(await socialCardPng(defaultCardContent(props.locale)), { headers: { 'Content-Type': 'image/png' } });
