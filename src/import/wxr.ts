import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';

/**
 * A WordPress export (WXR: "WordPress eXtended RSS", Tools → Export) read into plain objects.
 * Only what the importer uses is kept; values are strings as WordPress wrote them.
 */

export interface WxrCategory {
  /** `category`, `post_tag`, Polylang's `language` and `post_translations`, … */
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrComment {
  id: number;
  /** 0 for a top-level comment. */
  parent: number;
  author: string;
  email: string;
  url: string;
  /** Kept only to be left out: the importer never stores it. */
  ip: string;
  /** UTC. */
  date: Date;
  content: string;
  /** WordPress's `comment_approved`: "1", "0", "spam", "trash", "post-trashed". */
  approved: string;
  /** "" or "comment" for comments; "pingback", "trackback", … for others. */
  type: string;
}

export interface WxrItem {
  id: number;
  title: string;
  link: string;
  /** `wp:post_name`, as exported (may be percent-encoded). */
  slug: string;
  /** `post`, `page`, `attachment`, … */
  type: string;
  /** `publish`, `draft`, `private`, `future`, `trash`, … */
  status: string;
  /** UTC when WordPress recorded it, otherwise the site's local time. */
  date: Date;
  creator: string;
  contentHtml: string;
  excerptHtml: string;
  categories: WxrCategory[];
  meta: Map<string, string>;
  /** For attachments: the file's URL. */
  attachmentUrl: string;
  comments: WxrComment[];
}

export interface WxrTerm {
  id: number;
  taxonomy: string;
  slug: string;
  name: string;
  description: string;
}

export interface WxrExport {
  title: string;
  /** The site's address (`<link>`). */
  link: string;
  /** `<language>`, e.g. "en-US". */
  language: string;
  /** Author login → display name. */
  authors: Map<string, string>;
  items: WxrItem[];
  /** Categories, tags and other terms (Polylang keeps its translation groups here). */
  terms: WxrTerm[];
}

/** The file cannot be imported as it is; nothing has been written. */
export class WxrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WxrError';
  }
}

type Node = Record<string, unknown>;

const LISTS = new Set([
  'item',
  'category',
  'wp:comment',
  'wp:postmeta',
  'wp:term',
  'wp:category',
  'wp:tag',
  'wp:author',
]);

/** Text of an element that may carry attributes, CDATA or nothing. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return text((value as Node)['#text']);
  return String(value);
}

function int(value: unknown): number {
  const number = Number.parseInt(text(value), 10);
  return Number.isFinite(number) ? number : 0;
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : value === undefined || value === '' ? [] : [value as Node];
}

/**
 * "2012-07-01 10:30:00" → Date, read as UTC; WordPress writes "0000-00-00 00:00:00" for "none". The
 * `_gmt` fields are UTC; the local-time fields (used only when those are empty) carry no zone, so
 * they are read as UTC too.
 */
function wpDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match || match[1] === '0000') return undefined;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses a WXR file; throws `WxrError` naming the line when it is not well-formed XML or not a WordPress export. */
export function parseWxr(xml: string): WxrExport {
  try {
    // The parser itself forgives a truncated file; the validator does not.
    SyntaxValidator.validate(xml, { allowBooleanAttributes: true });
  } catch (error) {
    const { line, col } = error as { line?: number; col?: number };
    throw new WxrError(
      `not well-formed XML${line ? ` at line ${line}, column ${col}` : ''}: ${(error as Error).message} (a truncated or damaged export? Export it again from WordPress: Tools → Export)`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => LISTS.has(name),
  });
  const doc = parser.parse(xml) as Node;
  const channel = (doc['rss'] as Node | undefined)?.['channel'] as Node | undefined;
  if (!channel || typeof channel !== 'object' || text(channel['wp:wxr_version']).trim() === '') {
    throw new WxrError(
      'not a WordPress export: expected an <rss> file with <channel> and <wp:wxr_version> (WordPress: Tools → Export → All content)',
    );
  }
  const authors = new Map<string, string>();
  for (const author of list(channel['wp:author'])) {
    authors.set(text(author['wp:author_login']).trim(), text(author['wp:author_display_name']).trim());
  }
  const terms: WxrTerm[] = [];
  for (const term of list(channel['wp:term'])) {
    terms.push({
      id: int(term['wp:term_id']),
      taxonomy: text(term['wp:term_taxonomy']).trim(),
      slug: text(term['wp:term_slug']).trim(),
      name: text(term['wp:term_name']).trim(),
      description: text(term['wp:term_description']),
    });
  }
  // Categories and tags also come as elements of their own, each naming its slug and name its way.
  const ownElements = [
    { element: 'wp:category', taxonomy: 'category', slug: 'wp:category_nicename', name: 'wp:cat_name' },
    { element: 'wp:tag', taxonomy: 'post_tag', slug: 'wp:tag_slug', name: 'wp:tag_name' },
  ] as const;
  for (const own of ownElements)
    for (const term of list(channel[own.element]))
      terms.push({
        id: int(term['wp:term_id']),
        taxonomy: own.taxonomy,
        slug: text(term[own.slug]).trim(),
        name: text(term[own.name]).trim(),
        description: '',
      });

  const items = list(channel['item']).map((item): WxrItem => {
    const meta = new Map<string, string>();
    for (const entry of list(item['wp:postmeta']))
      meta.set(text(entry['wp:meta_key']).trim(), text(entry['wp:meta_value']));
    const comments = list(item['wp:comment']).map((comment): WxrComment => ({
      id: int(comment['wp:comment_id']),
      parent: int(comment['wp:comment_parent']),
      author: text(comment['wp:comment_author']).trim(),
      email: text(comment['wp:comment_author_email']).trim(),
      url: text(comment['wp:comment_author_url']).trim(),
      ip: text(comment['wp:comment_author_IP']).trim(),
      date: wpDate(text(comment['wp:comment_date_gmt'])) ?? wpDate(text(comment['wp:comment_date'])) ?? new Date(0),
      content: text(comment['wp:comment_content']),
      approved: text(comment['wp:comment_approved']).trim(),
      type: text(comment['wp:comment_type']).trim(),
    }));
    return {
      id: int(item['wp:post_id']),
      title: text(item['title']).trim(),
      link: text(item['link']).trim(),
      slug: text(item['wp:post_name']).trim(),
      type: text(item['wp:post_type']).trim(),
      status: text(item['wp:status']).trim(),
      date: wpDate(text(item['wp:post_date_gmt'])) ?? wpDate(text(item['wp:post_date'])) ?? new Date(0),
      creator: text(item['dc:creator']).trim(),
      contentHtml: text(item['content:encoded']),
      excerptHtml: text(item['excerpt:encoded']),
      categories: list(item['category']).map((category) => ({
        domain: text(category['@_domain']),
        nicename: text(category['@_nicename']),
        name: text(category).trim(),
      })),
      meta,
      attachmentUrl: text(item['wp:attachment_url']).trim(),
      comments,
    };
  });

  return {
    title: text(channel['title']).trim(),
    link: text(channel['link']).trim(),
    language: text(channel['language']).trim(),
    authors,
    items,
    terms,
  };
}
