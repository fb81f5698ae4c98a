import { defineBrowserStrings } from '../i18n/browser-strings.ts';

/** Longest query the search page runs; anything longer is cut (a pasted paragraph is not a query). */
export const MAX_QUERY_LENGTH = 100;

/** The query of a search page URL (`?q=`), trimmed and cut to a sensible length; "" when there is none. */
export function queryFromUrl(url: string | URL): string {
  const raw = new URL(url, 'http://x').searchParams.get('q') ?? '';
  return raw.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
}

/** What the search page's script says: "Searching…", the count of results (zero, one, other) and the fallback. */
export const searchStrings = defineBrowserStrings('search', [
  'search.searching',
  'search.results',
  'search.unavailable',
]);

/** One excerpt piece: plain text, or text Pagefind marked as a match. */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  nbsp: '\u00a0',
};

/**
 * Split a Pagefind excerpt ("… the <mark>WeChat</mark> app …", HTML-escaped text) into parts the
 * page renders as text nodes and <mark> elements: no HTML from the index reaches innerHTML.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const decode = (text: string) =>
    text.replace(/<[^>]*>/g, '').replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole);
  const parts: ExcerptPart[] = [];
  let last = 0;
  for (const match of excerpt.matchAll(/<mark>([\s\S]*?)<\/mark>/g)) {
    if (match.index > last) parts.push({ text: decode(excerpt.slice(last, match.index)), mark: false });
    parts.push({ text: decode(match[1] ?? ''), mark: true });
    last = match.index + match[0].length;
  }
  if (last < excerpt.length) parts.push({ text: decode(excerpt.slice(last)), mark: false });
  return parts.filter((part) => part.text !== '');
}
