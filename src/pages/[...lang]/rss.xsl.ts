/** The feed's stylesheet per language: `/rss.xsl`, `/zh-cn/rss.xsl` (see src/feed/stylesheet.ts). */
import type { APIRoute } from 'astro';
import siteCss from '../../styles/global.css?raw';
import { feedStylesheet } from '../../feed/stylesheet.ts';
import { locales, type Locale } from '../../i18n/locales.ts';
import { staticPaths } from '../../routes/table.ts';
import { getSiteRoutes } from '../../routes/site-content.ts';
import { withCacheKeys } from '../../blog/cache-key.ts';
import { useTranslations } from '../../i18n/translate.ts';
import { siteConfig } from '../../site.config.ts';

export const getStaticPaths = withCacheKeys(
  async () => staticPaths((await getSiteRoutes()).feedStylesheet),
  () => siteCss,
);

export const GET: APIRoute<{ locale: Locale }> = ({ props }) => {
  const t = useTranslations(props.locale);
  const brand = siteConfig.brand;
  const xsl = feedStylesheet({
    lang: locales[props.locale].lang,
    brand,
    siteCss,
    strings: {
      title: t('feed.title', { brand }),
      heading: t('feed.heading', { brand }),
      explain: t('feed.explain'),
      addressLabel: t('feed.addressLabel'),
      postsHeading: t('feed.postsHeading'),
      empty: t('home.empty'),
      visitSite: t('feed.visitSite', { brand }),
    },
  });
  return new Response(xsl, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
