/**
 * The route table: every page and file the site publishes, per locale, in one place. Route files
 * take their `getStaticPaths` from it, components and the server build their links with it, the
 * content check and the sitemap ask it what exists, and a test over `dist/` holds it to what the
 * build writes (tests/built/route-table.test.ts). A new page is a row here and its file in
 * src/pages/; nothing else lists pages. Pure: no Astro, no I/O.
 */
import { defaultLocale, isLocale, localeKeys, type Locale } from '../i18n/locales.ts';
import { paginate, POSTS_PER_PAGE, type ListPage } from '../blog/pagination.ts';
import { parsePostId, postsInLocale, tagCounts, type PostLike } from '../blog/posts.ts';
import { postsWithTag } from '../blog/tags.ts';
import { followChannels, type FollowChannel } from '../follow/channels.ts';
import { qrPngSizes, type QrPngSize } from '../follow/qr-sizes.ts';

/** One row of the table. */
interface RouteSpec {
  /** The path below the locale prefix; `[name]` is a parameter, named as in the route file. */
  pattern: string;
  /** Once per locale (under the locale's prefix) or once for the whole site. */
  localized: boolean;
  /** A page for search engines: listed in the sitemap. */
  sitemap: boolean;
  /** What writes it: files of src/pages/ or public/, or the tool that does (tests hold both to the table). */
  sources: readonly string[];
}

/** A page in every locale, for search engines: listed in the sitemap. */
const listedPage = <P extends string>(pattern: P, ...sources: string[]) =>
  ({ pattern, localized: true, sitemap: true, sources }) as const;
/** A page or file in every locale that the sitemap leaves out (files, editors' and error pages). */
const localized = <P extends string>(pattern: P, ...sources: string[]) =>
  ({ pattern, localized: true, sitemap: false, sources }) as const;
/** A page or file the site publishes once, whatever the locale. */
const siteWide = <P extends string>(pattern: P, ...sources: string[]) =>
  ({ pattern, localized: false, sitemap: false, sources }) as const;

export const ROUTES = {
  home: listedPage('/', 'src/pages/[...lang]/index.astro'),
  listPage: listedPage('/page/[page]/', 'src/pages/[...lang]/page/[page].astro'),
  post: listedPage('/blog/[slug]/', 'src/pages/[...lang]/blog/[slug].astro'),
  /** A post's share code; written beside Astro's render by the post-files step, not an Astro route. */
  postQr: localized('/blog/[slug]/qr.png', 'src/build/post-files.ts'),
  /** A post's social card (og:image); written by the post-files step like postQr. */
  postSocialCard: localized('/blog/[slug]/social-card.png', 'src/build/post-files.ts'),
  tags: listedPage('/tags/', 'src/pages/[...lang]/tags/index.astro'),
  tag: listedPage('/tags/[tag]/', 'src/pages/[...lang]/tags/[tag].astro'),
  search: listedPage('/search/', 'src/pages/[...lang]/search.astro'),
  follow: listedPage('/follow/', 'src/pages/[...lang]/follow.astro'),
  rss: localized('/rss.xml', 'src/pages/[...lang]/rss.xml.ts'),
  /** The feed's XSL page, which browsers show instead of raw XML. */
  feedStylesheet: localized('/rss.xsl', 'src/pages/[...lang]/rss.xsl.ts'),
  /** The default social card (og:image) of every page that is not a post. */
  socialCard: localized('/social-card.png', 'src/pages/[...lang]/social-card.png.ts'),
  /** The editors' translation status page: not linked, noindex. */
  translations: localized('/translations/', 'src/pages/[...lang]/translations.astro'),
  /** The 404 page; the default locale's is `/404.html` (see `localePath`), where static hosts look for it. */
  notFound: localized('/404/', 'src/pages/404.astro', 'src/pages/[...lang]/404.astro'),
  followQr: siteWide('/follow/qr/[channel]-[size].png', 'src/pages/follow/qr/[channel]-[size].png.ts'),
  /** What a printed code encodes; the site's server counts and redirects, a static host forwards. */
  scanPage: siteWide('/q/[code]/', 'src/pages/q/[code].astro'),
  /** A flyer code of content/codes.yml as a print PNG. */
  scanQr: siteWide('/q/[code]/qr.png', 'src/pages/q/[code]/qr.png.ts'),
  /** Published comment threads, read by the comment API. */
  commentThreads: siteWide('/comment-threads.json', 'src/pages/comment-threads.json.ts'),
  /** The scan codes of this build, read by the server and `npm run codes`. */
  scanCodes: siteWide('/scan-codes.json', 'src/pages/scan-codes.json.ts'),
  /**
   * The frame of the pages the server renders (src/server-page/): rendered per locale and variant,
   * read into `serverPages` and removed from dist/ by the build, so never published as a page.
   */
  serverPageFrame: localized('/server-page-frame/[variant]/', 'src/pages/[...lang]/server-page-frame/[variant].astro'),
  /** The server pages' frames with their styles inlined, read by the server (src/server-page/build-frames.ts). */
  serverPages: siteWide('/server-pages.json', 'src/server-page/build-frames.ts'),
  robots: siteWide('/robots.txt', 'src/pages/robots.txt.ts'),
  sitemapIndex: siteWide('/sitemap-index.xml', '@astrojs/sitemap'),
  sitemapPart: siteWide('/sitemap-[part].xml', '@astrojs/sitemap'),
  favicon: siteWide('/favicon.svg', 'public/favicon.svg'),
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof ROUTES;
export type LocalizedRoute = { [R in RouteId]: (typeof ROUTES)[R]['localized'] extends true ? R : never }[RouteId];
type SiteWideRoute = Exclude<RouteId, LocalizedRoute>;

/** The parameter names of a pattern: "/q/[code]/qr.png" → "code". */
type ParamNames<P extends string> = P extends `${string}[${infer Name}]${infer Rest}` ? Name | ParamNames<Rest> : never;
/** The parameters of a route, by name. */
export type RouteParams<R extends RouteId> = Record<ParamNames<(typeof ROUTES)[R]['pattern']>, string | number>;
/** A route's parameters as the last argument of a path builder: none for a route without any. */
export type ParamsArg<R extends RouteId> = [ParamNames<(typeof ROUTES)[R]['pattern']>] extends [never]
  ? []
  : [RouteParams<R>];

/**
 * Directories the build tools fill with files whose names they choose: the table knows the
 * directory, not each file. Nothing links into them by hand.
 */
export const TOOL_DIRECTORIES = {
  /** Astro: bundled scripts, styles and optimised images (names carry a content hash). */
  astro: '/_astro/',
  /** Pagefind: the search index and its script, `pagefind.js` (src/build/pagefind.ts). */
  pagefind: '/pagefind/',
} as const;

/** URLs per sitemap file; passed to @astrojs/sitemap, so the table knows how many `sitemap-N.xml` it writes. */
export const SITEMAP_ENTRY_LIMIT = 45_000;

// ---- locale prefixes ----

/** The locale a site path belongs to: its first segment when that is a locale prefix, else the default. */
export function localeFromPath(pathname: string): Locale {
  const first = pathname.split('/')[1];
  return isLocale(first) && first !== defaultLocale ? first : defaultLocale;
}

/** The path without its locale prefix, always starting with "/". */
export function stripLocale(pathname: string): string {
  const locale = localeFromPath(pathname);
  if (locale === defaultLocale) return pathname || '/';
  const rest = pathname.slice(locale.length + 1);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** A site path in `locale`: "/blog/x/" → "/zh-cn/blog/x/" (the default locale has no prefix). */
export function localizePath(path: string, locale: Locale): string {
  const bare = path.startsWith('/') ? path : `/${path}`;
  return locale === defaultLocale ? bare : `/${locale}${bare === '/' ? '/' : bare}`;
}

/**
 * The URL of the same page in another locale. Translations share their path below the locale
 * prefix, so switching swaps the prefix and keeps query and hash.
 */
export function switchLocaleUrl(url: string | URL, target: Locale): string {
  const parsed = new URL(url, 'http://x');
  const path = localizePath(stripLocale(parsed.pathname), target);
  const tail = `${parsed.search}${parsed.hash}`;
  return typeof url === 'string' && !/^[a-z]+:/i.test(url) ? `${path}${tail}` : new URL(`${path}${tail}`, parsed).href;
}

// ---- building and matching paths ----

function fill(pattern: string, params: Record<string, string | number>): string {
  return pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = String(params[name] ?? '');
    if (value === '' || value.includes('/'))
      throw new Error(`Route ${pattern}: "${name}" must be one path segment, got "${value}"`);
    return value;
  });
}

/** The path of a route below the locale prefix, e.g. `routePattern('tag', { tag: 'wechat' })` → "/tags/wechat/". */
export function unprefixedPath<R extends LocalizedRoute>(route: R, ...params: ParamsArg<R>): string {
  return fill(ROUTES[route].pattern, params[0] ?? {});
}

/** A page of the home list: page 1 is the home page itself, so its URL never changes; then /page/2/, … */
export function listPagePath(locale: Locale, number: number): string {
  return number <= 1 ? localePath('home', locale) : localePath('listPage', locale, { page: number });
}

/** The path of a page or file in a locale: `localePath('post', 'zh-cn', { slug })` → "/zh-cn/blog/<slug>/". */
export function localePath<R extends LocalizedRoute>(route: R, locale: Locale, ...params: ParamsArg<R>): string {
  // Astro writes the default locale's 404 page as /404.html (src/pages/404.astro): static hosts serve that file.
  if (route === 'notFound' && locale === defaultLocale) return '/404.html';
  return localizePath(fill(ROUTES[route].pattern, params[0] ?? {}), locale);
}

/** The path of a post page: `postPath('zh-cn', 'x')` → "/zh-cn/blog/x/". */
export function postPath(locale: Locale, slug: string): string {
  return localePath('post', locale, { slug });
}

/** The path of a file the site publishes once: `sitePath('followQr', { channel: 'wechat', size: 'print' })`. */
export function sitePath<R extends SiteWideRoute>(route: R, ...params: ParamsArg<R>): string {
  return fill(ROUTES[route].pattern, params[0] ?? {});
}

const matchers = (Object.keys(ROUTES) as RouteId[]).map((route) => {
  const names: string[] = [];
  const source = ROUTES[route].pattern.replace(/[.*+?^${}()|\\]/g, '\\$&').replace(/\\?\[(\w+)\\?\]/g, (_, name) => {
    names.push(name as string);
    return '([^/]+?)';
  });
  return { route, names, regex: new RegExp(`^${source}$`) };
});

/** What the table says a path is. */
export interface RouteMatch {
  route: RouteId;
  /** For a localized route, its locale. */
  locale: Locale | undefined;
  params: Record<string, string>;
}

/**
 * The route a site path belongs to ("/zh-cn/tags/line/" → tag, zh-cn, { tag: 'line' }), by its
 * shape alone: whether that page exists depends on the content (`publishedPaths`).
 */
export function matchRoute(pathname: string): RouteMatch | undefined {
  const locale = localeFromPath(pathname);
  const below = stripLocale(pathname);
  if (locale === defaultLocale && pathname === '/404.html') return { route: 'notFound', locale, params: {} };
  for (const { route, names, regex } of matchers) {
    const spec: RouteSpec = ROUTES[route];
    if (route === 'notFound' && locale === defaultLocale) continue;
    const match = regex.exec(spec.localized ? below : pathname);
    if (!match || (!spec.localized && locale !== defaultLocale)) continue;
    const params = Object.fromEntries(names.map((name, index) => [name, match[index + 1] ?? '']));
    return { route, locale: spec.localized ? locale : undefined, params };
  }
  return undefined;
}

/** Whether a path belongs in the sitemap: a page for search engines, not a file, a forward page or an editors' page. */
export function inSitemap(pathname: string): boolean {
  const match = matchRoute(pathname);
  return match !== undefined && ROUTES[match.route].sitemap;
}

/** The file of `dist/` that answers a path: "/blog/x/" → "blog/x/index.html", "/rss.xml" → "rss.xml". */
export function distFileOf(path: string): string {
  return `${path.replace(/^\//, '')}${path.endsWith('/') ? 'index.html' : ''}`;
}

// ---- what exists ----

/** What the table needs to know about the content of a build. */
export interface SiteContent<T extends PostLike = PostLike> {
  /** The published posts, newest first. */
  posts: readonly T[];
  /** The scan codes the build prints (src/codes/code-table.ts, `buildCodeTable`). */
  codes: readonly { name: string; kind: 'post' | 'follow' | 'flyer' }[];
  /** Posts per list page (default POSTS_PER_PAGE). */
  pageSize?: number;
}

/** One page or file the build writes. */
export interface RouteEntry<Props> {
  path: string;
  locale: Locale | undefined;
  /** The route file's `getStaticPaths` params: `lang` (undefined for the default locale) and the pattern's. */
  params: Record<string, string | undefined>;
  /** The locales that have this page (a post's translations, a tag used in both languages): links, hreflang. */
  available: Locale[];
  props: Props;
}

interface Draft<Props> {
  locale?: Locale;
  params?: Record<string, string | number>;
  /** Entries of one group are the same page in different locales (default: same params). */
  group?: string;
  props: Props;
}

function entriesOf<Props>(route: RouteId, drafts: readonly Draft<Props>[]): RouteEntry<Props>[] {
  const spec: RouteSpec = ROUTES[route];
  const groupOf = (draft: Draft<Props>) => draft.group ?? JSON.stringify(draft.params ?? {});
  const locales = new Map<string, Locale[]>();
  for (const draft of drafts) {
    if (draft.locale) locales.set(groupOf(draft), [...(locales.get(groupOf(draft)) ?? []), draft.locale]);
  }
  return drafts.map((draft) => {
    const params = Object.fromEntries(Object.entries(draft.params ?? {}).map(([name, value]) => [name, String(value)]));
    const bare = fill(spec.pattern, params);
    const path =
      draft.locale === undefined
        ? bare
        : route === 'notFound' && draft.locale === defaultLocale
          ? '/404.html'
          : localizePath(bare, draft.locale);
    const available = draft.locale ? localeKeys.filter((loc) => locales.get(groupOf(draft))?.includes(loc)) : [];
    return {
      path,
      locale: draft.locale,
      params: spec.localized ? { lang: draft.locale === defaultLocale ? undefined : draft.locale, ...params } : params,
      available,
      props: draft.props,
    };
  });
}

const perLocale = <Props>(props: (locale: Locale) => Props): Draft<Props>[] =>
  localeKeys.map((locale) => ({ locale, props: props(locale) }));

const builtRoutes = new WeakMap<object, unknown>();

/**
 * Every page and file of a build of `site`, by route, with the props its route file renders from.
 * Computed once per `site` object (every route file asks for the same build).
 */
export function siteRoutes<T extends PostLike>(site: SiteContent<T>) {
  const known = builtRoutes.get(site);
  if (known) return known as ReturnType<typeof buildRoutes<T>>;
  const routes = buildRoutes(site);
  builtRoutes.set(site, routes);
  return routes;
}

function buildRoutes<T extends PostLike>(site: SiteContent<T>) {
  const byLocale = new Map(localeKeys.map((locale) => [locale, postsInLocale(site.posts, locale)]));
  const postsIn = (locale: Locale) => byLocale.get(locale) ?? [];
  const lists = new Map(
    localeKeys.map((locale) => [locale, paginate(postsIn(locale), site.pageSize ?? POSTS_PER_PAGE)]),
  );
  const listsIn = (locale: Locale): ListPage<T>[] => lists.get(locale) ?? [];
  const postDrafts = site.posts.map((post) => {
    const { locale, slug } = parsePostId(post.id);
    return { locale, params: { slug }, group: post.data.translationKey, props: { locale, post } };
  });
  const flyers = site.codes.filter((code) => code.kind === 'flyer');
  // A page every locale has, showing nothing that depends on the content; a file the site has once.
  const localeOnly = (route: LocalizedRoute) =>
    entriesOf(
      route,
      perLocale((locale) => ({ locale })),
    );
  const once = (route: SiteWideRoute) => entriesOf(route, [{ props: {} }]);

  const pages = {
    home: entriesOf(
      'home',
      perLocale((locale) => ({ locale, page: listsIn(locale)[0] as ListPage<T> })),
    ),
    listPage: entriesOf(
      'listPage',
      localeKeys.flatMap((locale) =>
        listsIn(locale)
          .slice(1)
          .map((page) => ({ locale, params: { page: page.number }, props: { locale, page } })),
      ),
    ),
    post: entriesOf('post', postDrafts),
    postQr: entriesOf('postQr', postDrafts),
    postSocialCard: entriesOf('postSocialCard', postDrafts),
    tags: entriesOf(
      'tags',
      perLocale((locale) => ({ locale, tags: tagCounts(postsIn(locale)) })),
    ),
    tag: entriesOf(
      'tag',
      localeKeys.flatMap((locale) =>
        tagCounts(postsIn(locale)).map(({ tag }) => ({
          locale,
          params: { tag },
          props: { locale, tag, posts: postsWithTag(postsIn(locale), tag) },
        })),
      ),
    ),
    search: entriesOf(
      'search',
      perLocale((locale) => ({ locale, posts: postsIn(locale) })),
    ),
    follow: localeOnly('follow'),
    rss: entriesOf(
      'rss',
      perLocale((locale) => ({ locale, posts: postsIn(locale) })),
    ),
    feedStylesheet: localeOnly('feedStylesheet'),
    socialCard: localeOnly('socialCard'),
    translations: localeOnly('translations'),
    notFound: localeOnly('notFound'),
    followQr: entriesOf(
      'followQr',
      followChannels.flatMap((channel: FollowChannel) =>
        (Object.keys(qrPngSizes) as QrPngSize[]).map((size) => ({
          params: { channel, size },
          props: { channel, size },
        })),
      ),
    ),
    scanPage: entriesOf(
      'scanPage',
      site.codes.map((code) => ({ params: { code: code.name }, props: { code: code.name } })),
    ),
    scanQr: entriesOf(
      'scanQr',
      flyers.map((code) => ({ params: { code: code.name }, props: { code: code.name } })),
    ),
    commentThreads: once('commentThreads'),
    scanCodes: once('scanCodes'),
    // The frame pages are read and removed by the build: only their file stays.
    serverPageFrame: [] as RouteEntry<{ locale: Locale }>[],
    serverPages: once('serverPages'),
    robots: once('robots'),
    favicon: once('favicon'),
  };
  // @astrojs/sitemap writes one index and a file per SITEMAP_ENTRY_LIMIT pages.
  const listed = Object.values(pages)
    .flat()
    .filter((entry) => inSitemap(entry.path)).length;
  const parts = Math.max(1, Math.ceil(listed / SITEMAP_ENTRY_LIMIT));
  return {
    ...pages,
    sitemapIndex: once('sitemapIndex'),
    sitemapPart: entriesOf(
      'sitemapPart',
      Array.from({ length: parts }, (_, part) => ({ params: { part }, props: { part } })),
    ),
  } satisfies Record<RouteId, RouteEntry<unknown>[]>;
}

/** Every path the build of `site` publishes (tool directories aside): what a link may point to. */
export function publishedPaths(site: SiteContent): Set<string> {
  return new Set(
    Object.values(siteRoutes(site))
      .flat()
      .map((entry: RouteEntry<unknown>) => entry.path),
  );
}

/** A route's entries as Astro's `getStaticPaths` wants them: params, and props with `locale` and `available`. */
export function staticPaths<Props>(
  entries: readonly RouteEntry<Props>[],
): { params: Record<string, string | undefined>; props: Props & { available: Locale[] } }[] {
  return entries.map((entry) => ({ params: entry.params, props: { ...entry.props, available: entry.available } }));
}
