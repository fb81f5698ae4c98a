/** One piece of a line of comment text: plain text, or a link the reader wrote. */
export type BodyInline = { type: 'text'; text: string } | { type: 'link'; href: string; text: string };

/** A paragraph: lines of inline pieces (a single newline in the text starts a new line). */
export type BodyParagraph = BodyInline[][];

// A URL runs to the next whitespace or character that cannot be part of one in running text.
const URL_PATTERN =
  /\bhttps?:\/\/[^\s<>"'`\u0000-\u001f\u007f\u00a0\u2000-\u200f\u2028-\u202f\u3000-\u303f\uff01-\uff5e]+/giu;
// Sentence punctuation after a URL belongs to the sentence, not to the URL.
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '’', '”', ']', '}', '*']);

/** Strips trailing punctuation from a matched URL, keeping a ")" that closes a "(" inside the URL (Wikipedia-style links). */
function trimUrl(candidate: string): string {
  let url = candidate;
  while (url) {
    const last = url.at(-1) ?? '';
    if (last === ')') {
      const opens = url.split('(').length - 1;
      const closes = url.split(')').length - 1;
      if (opens >= closes) return url;
    } else if (!TRAILING.has(last)) {
      return url;
    }
    url = url.slice(0, -1);
  }
  return url;
}

/** The http(s) URL `text` stands for, or null. Only http and https ever become links. */
export function safeHttpUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// A bare host name as people type it ("example.com", "www.例子.中国/about"): dot-separated labels
// ending in a top-level name of letters, an optional port, then a path, query or fragment.
const BARE_HOST =
  /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})(?::\d{1,5})?(?:[/?#]\S*)?$/iu;

/**
 * The website a commenter typed, as an http(s) URL, or null. Like WordPress, a bare host
 * ("example.com") gets "https://" in front; anything with another scheme (javascript:, data:,
 * ftp:) stays refused, and so does text that does not look like a host name.
 */
export function websiteUrl(text: string): string | null {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) return safeHttpUrl(trimmed);
  return BARE_HOST.test(trimmed) ? safeHttpUrl(`https://${trimmed}`) : null;
}

/** Splits one line into text and links. */
function linkifyLine(line: string): BodyInline[] {
  const pieces: BodyInline[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const text = trimUrl(match[0]);
    const href = text ? safeHttpUrl(text) : null;
    if (!href) continue;
    if (match.index > last) pieces.push({ type: 'text', text: line.slice(last, match.index) });
    pieces.push({ type: 'link', href, text });
    last = match.index + text.length;
  }
  if (last < line.length) pieces.push({ type: 'text', text: line.slice(last) });
  return pieces;
}

/**
 * Turns a comment's plain text into paragraphs of text and links, as data. Nothing here is
 * HTML: the page and the server render it with text nodes and `<a>` elements they create, so
 * a comment can never add markup. Blank lines separate paragraphs; single newlines are line breaks.
 */
export function renderCommentBody(text: string): BodyParagraph[] {
  return normalizeCommentText(text)
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => paragraph.split('\n').map(linkifyLine));
}

/** Number of http(s) links in a comment: many links are the mark of link spam. */
export function countLinks(text: string): number {
  return renderCommentBody(text)
    .flat(2)
    .filter((piece) => piece.type === 'link').length;
}

/**
 * Canonical form of typed text: Unix newlines, no control characters other than newline and tab,
 * no trailing spaces on lines, no blank lines at either end. Other Unicode (emoji, zero-width
 * joiners, right-to-left marks) is kept: the page isolates it with `dir="auto"`/`<bdi>`.
 */
export function normalizeCommentText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\n+$/g, '');
}
