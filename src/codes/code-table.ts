/**
 * Scan codes: every QR code that can carry a web address encodes a short first-party URL
 * `<siteUrl>/q/<name>` instead of its target. The site's server counts a scan of that URL and
 * redirects to the target with its UTM tags; on a static host `/q/<name>/` is a page that forwards
 * at once. Short payloads also make sparser codes (docs/performance.md, "Scan codes").
 *
 * WeChat's follow code is the exception: it must encode WeChat's own URL, or WeChat opens a web
 * page instead of following the account. Pure: no Astro, no I/O.
 */
import { z } from 'zod';
import { defaultLocale, type Locale } from '../i18n/locales.ts';
import { buildFollowUrl, lineAddFriendUrl, type FollowChannel, type FollowConfig } from '../follow/channels.ts';
import { buildShareUrl } from '../follow/share.ts';
import { distFileOf, localePath, matchRoute, sitePath } from '../routes/table.ts';
import { parsePostId, type PostLike } from '../blog/posts.ts';

/** What a code name may be: lower-case letters, digits and inner hyphens, up to 60 characters (a URL path segment, no encoding). */
export const CODE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

/** The name of LINE's add-friend code. */
export const LINE_CODE_NAME = 'line';

/** Where a code comes from, for listings and error messages. */
export type CodeKind = 'post' | 'follow' | 'flyer';

/** UTM tags a scan's redirect adds to the target. */
export interface UtmTags {
  source: string;
  medium: string;
  campaign: string;
}

/** One code: the name in its URL and where a scan lands (UTM tags already in). */
export interface ScanCode {
  name: string;
  kind: CodeKind;
  /** The absolute URL a scan is redirected to. */
  target: string;
}

/**
 * The short URL a code encodes: `<siteUrl>/q/<name>`, the forward page's path without its final
 * slash (one character less in every printed code; the site's server answers both).
 */
export function scanUrl(siteUrl: string, name: string): string {
  if (!CODE_NAME.test(name)) throw new Error(`Not a code name: "${name}" (lower-case letters, digits and hyphens)`);
  return new URL(scanPagePath(name).replace(/\/$/, ''), siteUrl).href;
}

/** The site path of a code's static forward page (the build writes `/q/<name>/index.html`). */
export function scanPagePath(name: string): string {
  return sitePath('scanPage', { code: name });
}

/**
 * The code name a request path asks for: "/q/spring-flyer" and "/q/spring-flyer/" give
 * "spring-flyer"; anything else (deeper paths such as the flyer PNG, bad names) gives null.
 */
export function codeNameFromPath(pathname: string): string | null {
  const match = matchRoute(pathname.endsWith('/') ? pathname : `${pathname}/`);
  const name = match?.route === 'scanPage' ? match.params['code'] : undefined;
  return name !== undefined && CODE_NAME.test(name) ? name : null;
}

/**
 * `target` (a site path or an absolute URL) as an absolute URL with the UTM tags set. Tags already
 * in the target are replaced, other query parameters and the hash are kept.
 */
export function tagTarget(siteUrl: string, target: string, utm: UtmTags | null): string {
  const url = new URL(target, siteUrl);
  if (utm) {
    url.searchParams.set('utm_source', utm.source);
    url.searchParams.set('utm_medium', utm.medium);
    url.searchParams.set('utm_campaign', utm.campaign);
  }
  return url.href;
}

/** A post's share code name: its translation key, with the locale after it for every locale but the default. */
export function postCodeName(locale: Locale, translationKey: string): string {
  return locale === defaultLocale ? translationKey : `${translationKey}-${locale}`;
}

/** What a channel's follow QR code encodes: LINE's goes through `/q/line`; WeChat's stays WeChat's own URL. */
export function followCodePayload(channel: FollowChannel, config: FollowConfig, siteUrl: string): string {
  return channel === 'line' ? scanUrl(siteUrl, LINE_CODE_NAME) : buildFollowUrl('wechat', config);
}

// ---- content/codes.yml: flyer codes editors define ----

/** Where editors define printable codes. */
export const CODES_FILE = 'content/codes.yml';

const utmValue = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,60}$/, 'letters, digits, ".", "_" or "-" (at most 60)');

/** One entry of `content/codes.yml`, keyed by the code's name. */
export const flyerCodeSchema = z
  .object({
    /** Where a scan lands: a site path ("/zh-cn/follow/") or an http(s) URL. */
    target: z
      .string({ error: 'expected a site path such as "/follow/" or a URL such as "https://example.com/"' })
      .trim()
      .refine((value) => (value.startsWith('/') && !value.startsWith('//')) || /^https?:\/\/[^/\s]+/.test(value), {
        error: 'expected a site path such as "/follow/" or a URL such as "https://example.com/"',
      })
      .refine((value) => URL.canParse(value, 'https://x.invalid'), { error: 'not a valid URL' }),
    /** utm_source; default "print". */
    source: utmValue.default('print'),
    /** utm_medium; default "qr". */
    medium: utmValue.default('qr'),
    /** utm_campaign; default the code's name. */
    campaign: utmValue.optional(),
    /** `false` sends the target without UTM tags (e.g. a partner's page that rejects unknown parameters). */
    utm: z.boolean().default(true),
  })
  .strict();

/** A flyer code from `content/codes.yml`. */
export interface FlyerCode {
  name: string;
  target: string;
  utm: UtmTags | null;
}

/**
 * The entries of `content/codes.yml` (already parsed from YAML). A problem throws one error that
 * names the file, the code and the field, e.g. `content/codes.yml: spring-fair.target: expected …`.
 */
export function parseFlyerCodes(data: unknown, file = CODES_FILE): FlyerCode[] {
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(
      `${file}: expected code names as keys, each with a "target", e.g.\n  spring-fair:\n    target: /zh-cn/follow/`,
    );
  }
  const problems: string[] = [];
  const codes: FlyerCode[] = [];
  for (const [name, entry] of Object.entries(data)) {
    if (!CODE_NAME.test(name)) {
      problems.push(
        `${name}: the code name must be lower-case letters, digits and hyphens (at most 60), e.g. "spring-fair"`,
      );
      continue;
    }
    const result = flyerCodeSchema.safeParse(entry ?? {});
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.length ? issue.path.join('.') : '(entry)';
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (expected target, source, medium, campaign, utm)`
            : issue.message;
        problems.push(`${name}.${issue.code === 'unrecognized_keys' ? '(entry)' : field}: ${message}`);
      }
      continue;
    }
    const { target, source, medium, campaign, utm } = result.data;
    codes.push({ name, target, utm: utm ? { source, medium, campaign: campaign ?? name } : null });
  }
  if (problems.length > 0)
    throw new Error(`${file} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  return codes;
}

// ---- the whole table ----

/** A published post, as the code table needs it. */
export interface CodePost {
  locale: Locale;
  translationKey: string;
  /** The post page's site path ("/zh-cn/blog/x/"). */
  path: string;
}

export interface CodeTableInput {
  siteUrl: string;
  follow: FollowConfig;
  posts: readonly CodePost[];
  flyers: readonly FlyerCode[];
}

/** The share codes' posts of a set of published posts (entry id and frontmatter, as Astro and the content check read them). */
export function codePosts(posts: readonly PostLike[]): CodePost[] {
  return posts.map((post) => {
    const { locale, slug } = parsePostId(post.id);
    return { locale, translationKey: post.data.translationKey, path: localePath('post', locale, { slug }) };
  });
}

/**
 * Every code the site prints, sorted by name: each post's share code, LINE's add-friend code and
 * the flyer codes. Two codes with one name fail with both named (a scan must have one target).
 */
export function buildCodeTable({ siteUrl, follow, posts, flyers }: CodeTableInput): ScanCode[] {
  const codes = new Map<string, ScanCode & { origin: string }>();
  const add = (code: ScanCode, origin: string) => {
    const existing = codes.get(code.name);
    if (existing)
      throw new Error(
        `Two QR codes are named "${code.name}": ${existing.origin} and ${origin}. Rename the one in ${CODES_FILE}.`,
      );
    codes.set(code.name, { ...code, origin });
  };
  // LINE's add-friend URL carries no UTM tags: LINE opens the account, no analytics sees them.
  add(
    { name: LINE_CODE_NAME, kind: 'follow', target: lineAddFriendUrl(follow.line.account) },
    "LINE's add-friend code",
  );
  for (const post of posts) {
    const name = postCodeName(post.locale, post.translationKey);
    // The tagged URL the share code encoded before scan counting: analytics stay comparable.
    add(
      { name, kind: 'post', target: buildShareUrl(siteUrl, post.path, post.translationKey) },
      `the share code of ${post.path}`,
    );
  }
  for (const flyer of flyers) {
    add(
      { name: flyer.name, kind: 'flyer', target: tagTarget(siteUrl, flyer.target, flyer.utm) },
      `${CODES_FILE} → ${flyer.name}`,
    );
  }
  return [...codes.values()].map(({ origin: _origin, ...code }) => code).sort((a, b) => a.name.localeCompare(b.name));
}

// ---- the table the build writes for the server ----

/** Where the build writes the code table for the server (src/pages/scan-codes.json.ts). */
export const CODES_JSON_FILE = distFileOf(sitePath('scanCodes'));

const codeTableJson = z.object({
  codes: z.array(
    z.object({
      name: z.string().regex(CODE_NAME),
      kind: z.enum(['post', 'follow', 'flyer']),
      target: z.url({ protocol: /^https?$/ }),
    }),
  ),
});

export function codeTableJsonText(codes: readonly ScanCode[]): string {
  return `${JSON.stringify({ codes }, null, 2)}\n`;
}

/** The code table from a build's `scan-codes.json` text; a malformed file throws with the problem. */
export function parseCodeTableJson(text: string, file: string): ScanCode[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  const result = codeTableJson.safeParse(parsed);
  if (!result.success)
    throw new Error(
      `${file} is invalid: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  return result.data.codes;
}
