import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { localeStaticPaths } from '../../i18n/routes.ts';
import { locales, type Locale } from '../../i18n/locales.ts';
import { localizePath, postPath } from '../../i18n/urls.ts';
import { useTranslations } from '../../i18n/translate.ts';
import { getPostsInLocale, postSlug } from '../../blog/collection.ts';
import { siteConfig } from '../../site.config.ts';
import { withCacheKeys } from '../../blog/cache-key.ts';

export const getStaticPaths = withCacheKeys(localeStaticPaths, ({ props }) => getPostsInLocale(props.locale));

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One feed per language: `/rss.xml` and `/zh-cn/rss.xml`. */
export async function GET(context: APIContext) {
  const { locale } = context.props as { locale: Locale };
  const t = useTranslations(locale);
  const posts = await getPostsInLocale(locale);
  const site = context.site ?? siteConfig.siteUrl;
  return rss({
    // Browsers show the feed through this XSL page (src/feed/stylesheet.ts); feed readers ignore it.
    stylesheet: localizePath('/rss.xsl', locale),
    title: t('rss.title', { brand: siteConfig.brand }),
    description: t('rss.description'),
    site: new URL(localizePath('/', locale), site).href,
    // atom:link rel="self": the feed's own address, which feed validators ask for and the XSL page shows.
    customData: `<language>${locales[locale].lang}</language><atom:link href="${escapeXml(new URL(localizePath('/rss.xml', locale), site).href)}" rel="self" type="application/rss+xml"/>`,
    // RSS's own <author> must be an e-mail address; Dublin Core carries a plain name.
    xmlns: { dc: 'http://purl.org/dc/elements/1.1/', atom: 'http://www.w3.org/2005/Atom' },
    items: posts.map((post) => ({
      title: post.data.title,
      description: post.data.description,
      pubDate: post.data.pubDate,
      link: postPath(locale, postSlug(post)),
      categories: post.data.tags,
      customData: `<dc:creator>${escapeXml(post.data.author)}</dc:creator>`,
    })),
  });
}
