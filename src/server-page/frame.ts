/**
 * Pages the server renders (the no-JavaScript comment page, and any other page the API process
 * answers with HTML) in the site's own frame: the build renders `BaseLayout` once per locale with
 * markers in place of the title, the language links and `<main>`
 * (src/pages/[...lang]/server-page-frame/[variant].astro), inlines its stylesheet and writes the
 * result to `dist/server-pages.json` (./build-frames.ts). The server loads that file once and only
 * fills the markers: no copy of the site's markup or CSS lives in server code.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { HtmlEscapedString } from 'hono/utils/html';
import { escapeHtml } from '../comments/markup.ts';
import { localeKeys, locales, type Locale } from '../i18n/locales.ts';
import { localizePath } from '../routes/table.ts';
import { siteConfig } from '../site.config.ts';

/** Where the build writes the frames, next to comment-threads.json. */
export const SERVER_PAGES_FILE_NAME = 'server-pages.json';

/** The route of the frame pages the build renders and then removes from dist/ (after reading them). */
export const SERVER_PAGE_FRAME_ROUTE = '/server-page-frame/';

/** The marker texts the frame page renders, which the server replaces. */
export const FRAME_MARKERS = {
  title: 'SERVER-PAGE-TITLE',
  /** The `path` the frame page gives BaseLayout: its language links point to it, localized. */
  path: '/server-page-alternate/',
  main: '<!--server-page-main-->',
  robots: '<meta name="robots" content="noindex">',
} as const;

/**
 * "translated": the language switcher links to the same page in each other language;
 * "untranslated": to each other language's home page, saying the page is not translated.
 */
export const FRAME_VARIANTS = ['translated', 'untranslated'] as const;
export type FrameVariant = (typeof FRAME_VARIANTS)[number];

/** What `dist/server-pages.json` holds: per locale and variant, the whole page with its markers. */
export interface ServerPagesFile {
  version: 1;
  frames: Record<Locale, Record<FrameVariant, string>>;
}

/** What a server page shows. */
export interface ServerPageOptions {
  locale: Locale;
  /** The page's title, as text ("Comments: My post"); the frame adds the brand as the site's pages do. */
  title: string;
  /** The content of `<main>`: HTML the caller built and escaped (hono/html's `html` does both). */
  main: string | HtmlEscapedString;
  /** Keep search engines away (default true: pages the server renders are answers, not content). */
  noindex?: boolean | undefined;
  /**
   * The same page in the other languages, by locale. With an address for every other language the
   * language switcher links there; otherwise it links to each language's home page and says the
   * page is not translated (as on a post without a translation).
   */
  alternates?: Partial<Record<Locale, string>> | undefined;
}

type Slot = { kind: 'title' } | { kind: 'main' } | { kind: 'robots' } | { kind: 'alternate'; locale: Locale };
type Part = string | Slot;

/** A loaded frame set: each frame split at its markers once, so rendering is one join. */
export interface ServerPageFrames {
  parts: Record<Locale, Record<FrameVariant, Part[]>>;
  /** CSP hashes ('sha256-…') of the frames' inline stylesheets, for the API's style-src. */
  styleHashes: string[];
  /** Where the frames came from (a file, or the built-in plain frame). */
  source: string;
}

const alternateHref = new Map(localeKeys.map((locale) => [localizePath(FRAME_MARKERS.path, locale), locale]));
const SLOT_PATTERN = new RegExp(
  [
    FRAME_MARKERS.title,
    FRAME_MARKERS.main,
    FRAME_MARKERS.robots,
    ...[...alternateHref.keys()].map((href) => `href="${href}"`),
  ]
    .map((text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
  'g',
);

function splitFrame(html: string, name: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of html.matchAll(SLOT_PATTERN)) {
    parts.push(html.slice(last, match.index));
    const text = match[0];
    if (text === FRAME_MARKERS.title) parts.push({ kind: 'title' });
    else if (text === FRAME_MARKERS.main) parts.push({ kind: 'main' });
    else if (text === FRAME_MARKERS.robots) parts.push({ kind: 'robots' });
    else parts.push({ kind: 'alternate', locale: alternateHref.get(text.slice(6, -1))! });
    last = match.index + text.length;
  }
  parts.push(html.slice(last));
  if (parts.filter((part) => typeof part !== 'string' && part.kind === 'main').length !== 1)
    throw new Error(`${name}: the frame must have exactly one ${FRAME_MARKERS.main}`);
  return parts;
}

const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/** Splits the frames of a `server-pages.json` and hashes their inline styles. */
export function framesFromFile(file: ServerPagesFile, source: string): ServerPageFrames {
  const hashes = new Set<string>();
  const parts = Object.fromEntries(
    localeKeys.map((locale) => [
      locale,
      Object.fromEntries(
        FRAME_VARIANTS.map((variant) => {
          const html = file.frames?.[locale]?.[variant];
          if (typeof html !== 'string') throw new Error(`${source}: no ${variant} frame for ${locale}`);
          for (const [, css] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) hashes.add(styleHash(css ?? ''));
          return [variant, splitFrame(html, `${source} (${locale}, ${variant})`)];
        }),
      ),
    ]),
  ) as ServerPageFrames['parts'];
  return { parts, styleHashes: [...hashes], source };
}

/**
 * Reads the frames the build wrote. A missing or unreadable file is an error naming the file and
 * the fix; callers decide whether to fall back to `PLAIN_FRAMES`.
 */
export function loadServerPageFrames(path: string): ServerPageFrames {
  let file: ServerPagesFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as ServerPagesFile;
  } catch (error) {
    throw new Error(`Cannot read the server page frames ${path}: ${(error as Error).message}. Run "npm run build".`);
  }
  if (file?.version !== 1) throw new Error(`${path}: not a server page frame file of this version; rebuild`);
  return framesFromFile(file, path);
}

/**
 * The frame when the build's file is not there (`npm run dev`, the API alone without the file):
 * a valid, accessible page without the site's header, footer or stylesheet. Deliberately plain,
 * so that it is no second copy of the site's look.
 */
export const PLAIN_FRAMES: ServerPageFrames = framesFromFile(
  {
    version: 1,
    frames: Object.fromEntries(
      localeKeys.map((locale) => {
        const html = `<!DOCTYPE html>\n<html lang="${locales[locale].lang}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n${FRAME_MARKERS.robots}\n<title>${FRAME_MARKERS.title} | ${siteConfig.brand}</title>\n</head>\n<body>\n<main id="main">\n${FRAME_MARKERS.main}\n</main>\n</body>\n</html>\n`;
        return [locale, { translated: html, untranslated: html }];
      }),
    ) as ServerPagesFile['frames'],
  },
  'the plain built-in frame',
);

let current: ServerPageFrames = PLAIN_FRAMES;

/** Makes `frames` the ones every `renderServerPage` call uses (the server does this once at start). */
export function useServerPageFrames(frames: ServerPageFrames): void {
  current = frames;
}

/** The frames in use (for the API's style-src). */
export function currentServerPageFrames(): ServerPageFrames {
  return current;
}

/**
 * A whole HTML page in the site's frame: its header, language links, footer and stylesheet, with
 * `main` as the content. The title and the addresses are escaped here; `main` is inserted as given.
 */
export function renderServerPage(options: ServerPageOptions, frames: ServerPageFrames = current): string {
  const { locale, title, main, noindex = true, alternates = {} } = options;
  const others = localeKeys.filter((other) => other !== locale);
  const variant: FrameVariant = others.every((other) => alternates[other]) ? 'translated' : 'untranslated';
  let out = '';
  for (const part of frames.parts[locale][variant]) {
    if (typeof part === 'string') out += part;
    else if (part.kind === 'title') out += escapeHtml(title);
    else if (part.kind === 'main') out += String(main);
    else if (part.kind === 'robots') out += noindex ? FRAME_MARKERS.robots : '';
    else out += `href="${escapeHtml(alternates[part.locale] ?? localizePath('/', part.locale))}"`;
  }
  return out;
}
