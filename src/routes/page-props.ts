/**
 * The head of a page (title, description, path, noindex: what BaseLayout needs besides its content)
 * for the pages whose title and description are fixed strings: derived from the route table and the
 * string files, so that each of those pages names only its route.
 */
import type { Locale } from '../i18n/locales.ts';
import { useTranslations, type UiKey } from '../i18n/translate.ts';
import { siteConfig } from '../site.config.ts';
import { ROUTES, unprefixedPath, type LocalizedRoute, type ParamsArg } from './table.ts';

/** Each such page's title and description in the string files. */
const PAGE_STRINGS = {
  tags: { title: 'tags.title', description: 'tags.intro' },
  tag: { title: 'tags.tagTitle', description: 'tags.tagDescription' },
  search: { title: 'search.title', description: 'search.description' },
  follow: { title: 'follow.title', description: 'follow.description' },
  translations: { title: 'translations.title', description: 'translations.description' },
  notFound: { title: 'notFound.title', description: 'notFound.body' },
} as const satisfies Partial<Record<LocalizedRoute, { title: UiKey; description: UiKey }>>;

export type TitledRoute = keyof typeof PAGE_STRINGS;

/** BaseLayout's props for one of those pages (add `available` where the page is not in every locale). */
export interface PageProps {
  locale: Locale;
  title: string;
  description: string;
  path: string;
  noindex: boolean;
}

/** For a route with parameters, the parameters of its path. */
type PathParams<R extends TitledRoute> =
  ParamsArg<R> extends [infer Params] ? { params: Params } : { params?: undefined };
/** Its path's parameters, and what fills the page's strings (the brand is always there). */
type PageOptions<R extends TitledRoute> = PathParams<R> & { values?: Record<string, string | number> };

/**
 * The props of `route`'s page in `locale`, e.g. `pageProps('zh-cn', 'tag', { params: { tag }, values: { tag: label } })`.
 * A page the sitemap leaves out is noindex.
 */
export function pageProps<R extends TitledRoute>(
  locale: Locale,
  route: R,
  ...[options]: ParamsArg<R> extends [] ? [PageOptions<R>?] : [PageOptions<R>]
): PageProps {
  const t = useTranslations(locale);
  const strings: { title: UiKey; description: UiKey } = PAGE_STRINGS[route];
  const values = { brand: siteConfig.brand, ...options?.values };
  const params = (options?.params === undefined ? [] : [options.params]) as ParamsArg<R>;
  return {
    locale,
    title: t(strings.title, values),
    description: t(strings.description, values),
    // The 404 page stands at any missing address: its links to the other languages go to their home pages.
    path: route === 'notFound' ? unprefixedPath('home') : unprefixedPath(route, ...params),
    noindex: !ROUTES[route].sitemap,
  };
}
