/** Each locale's default social card (home, tags, search, follow): `/social-card.png`, `/zh-cn/social-card.png`. */
import type { APIRoute } from 'astro';
import { localeStaticPaths } from '../../i18n/routes.ts';
import type { Locale } from '../../i18n/locales.ts';
import { cachedSocialCard } from '../../social/cache.ts';
import { defaultCardContent } from '../../social/content.ts';

export const getStaticPaths = localeStaticPaths;

export const GET: APIRoute<{ locale: Locale }> = async ({ props }) =>
  new Response(await cachedSocialCard(defaultCardContent(props.locale)), { headers: { 'Content-Type': 'image/png' } });
