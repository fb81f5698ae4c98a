import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { locales, type Locale } from '../../i18n/locales.ts';
import { localePath, staticPaths } from '../../routes/table.ts';
import { getSiteRoutes } from '../../routes/site-content.ts';
import { useTranslations } from '../../i18n/translate.ts';
import { postSlug, type Post } from '../../blog/collection.ts';
import { siteConfig } from '../../site.config.ts';
import { withCacheKeys } from '../../blog/cache-key.ts';

export const getStaticPaths = withCacheKeys(async () => staticPaths((await getSiteRoutes()).rss));

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One feed per language: `/rss.xml` and `/zh-cn/rss.xml`. */
export async function GET(context: APIContext) {
  const { locale, posts } = context.props as { locale: Locale; posts: Post[] };
  const t = useTranslations(locale);
  const site = context.site ?? siteConfig.siteUrl;
  return rss({
    // Browsers show the feed through this XSL page (src/feed/stylesheet.ts); feed readers ignore it.
    stylesheet: localePath('feedStylesheet', locale),
    title: t('rss.title', { brand: siteConfig.brand }),
    description: t('rss.description'),
    site: new URL(localePath('home', locale), site).href,
    // atom:link rel="self": the feed's own address, which feed validators ask for and the XSL page shows.
    customData: `<language>${locales[locale].lang}</language><atom:link href="${escapeXml(new URL(localePath('rss', locale), site).href)}" rel="self" type="application/rss+xml"/>`,
    // RSS's own <author> must be an e-mail address; Dublin Core carries a plain name.
    xmlns: { dc: 'http://purl.org/dc/elements/1.1/', atom: 'http://www.w3.org/2005/Atom' },
    items: posts.map((post) => ({
      title: post.data.title,
      description: post.data.description,
      pubDate: post.data.pubDate,
      link: localePath('post', locale, { slug: postSlug(post) }),
      categories: post.data.tags,
      customData: `<dc:creator>${escapeXml(post.data.author)}</dc:creator>`,
    })),
  });
}
