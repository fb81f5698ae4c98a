/**
 * How a comment looks, defined once for every surface: the post page as the server serves it, the
 * comment script in the browser (through `toDom`) and the server-rendered thread page (through
 * `toHtml`). Pure and free of i18next, so the browser script stays small: callers pass the strings.
 */
import { fillTemplate } from '../i18n/template.ts';
import { h, type MarkupElement, type MarkupNode } from './markup.ts';
import type { PublicComment } from './public.ts';

/** The UI strings a comment needs, in the page's language (built by `commentStrings` in section.ts). */
export interface CommentStrings {
  reply: string;
  /** "Reply to {{name}}": the reply link's accessible name. */
  replyLabel: string;
  /** Per comment locale: "Written in English". */
  writtenIn: Record<string, string>;
  /** Per comment locale: its BCP 47 tag, for the body's `lang`. */
  langs: Record<string, string>;
  /** How a date and a time are joined: "{{date}}, {{time}} UTC". */
  dateTime: string;
  /** The Intl locale of dates ("en-GB", "zh-CN"). */
  dateLocale: string;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * When a comment was written, as every surface shows it: the date in the page's language and the
 * time of day in UTC, marked as such ("2 January 2026, 14:05 UTC" / "2026年1月2日 14:05 UTC").
 * UTC everywhere, not the reader's time zone: the server writes comments into the post page before
 * any script runs and cannot know the reader's zone, and a time that changed when the script
 * re-rendered the list would be two truths about one comment. `<time datetime>` keeps the instant.
 */
export function formatCommentTime(iso: string, strings: Pick<CommentStrings, 'dateTime' | 'dateLocale'>): string {
  const date = new Date(iso);
  let format = dateFormats.get(strings.dateLocale);
  if (!format) {
    format = new Intl.DateTimeFormat(strings.dateLocale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(strings.dateLocale, format);
  }
  const time = [date.getUTCHours(), date.getUTCMinutes()].map((part) => String(part).padStart(2, '0')).join(':');
  return fillTemplate(strings.dateTime, { date: format.format(date), time });
}

/** A comment body: paragraphs of lines; links only where the API made http(s) links. */
function commentBody(comment: PublicComment, strings: CommentStrings): MarkupElement {
  return h(
    'div',
    { class: 'comment-body', lang: strings.langs[comment.locale] ?? '', dir: 'auto' },
    comment.paragraphs.map((lines) =>
      h(
        'p',
        {},
        lines.flatMap((pieces, index) => [
          ...(index > 0 ? [h('br')] : []),
          ...pieces.map((piece) =>
            piece.type === 'link' ? h('a', { href: piece.href, rel: 'nofollow ugc' }, piece.text) : piece.text,
          ),
        ]),
      ),
    ),
  );
}

/**
 * One comment with its replies. The reply link leads to the thread page's form for this comment
 * (`replyHref`), which works without JavaScript; the comment script answers in place instead.
 */
export function commentItem(
  comment: PublicComment,
  strings: CommentStrings,
  replyHref: (comment: PublicComment) => string,
): MarkupElement {
  const author: MarkupNode = comment.url
    ? h('a', { href: comment.url, rel: 'nofollow ugc' }, comment.name)
    : comment.name;
  return h(
    'li',
    { id: `comment-${comment.id}`, class: 'comment' },
    h(
      'article',
      {},
      h(
        'p',
        { class: 'comment-meta' },
        h('bdi', { class: 'comment-author' }, author),
        ' · ',
        h('time', { datetime: comment.createdAt }, formatCommentTime(comment.createdAt, strings)),
        ' · ',
        h('span', { class: 'comment-lang' }, strings.writtenIn[comment.locale] ?? ''),
      ),
      commentBody(comment, strings),
      comment.parentId === null &&
        h(
          'p',
          {},
          h(
            'a',
            {
              class: 'comment-reply',
              href: replyHref(comment),
              'aria-label': fillTemplate(strings.replyLabel, { name: comment.name }),
            },
            strings.reply,
          ),
        ),
    ),
    comment.replies &&
      comment.replies.length > 0 &&
      h(
        'ol',
        { class: 'comment-replies' },
        comment.replies.map((reply) => commentItem(reply, strings, replyHref)),
      ),
  );
}

/** The address of a thread's no-JavaScript page; `extra` adds e.g. `replyto` or `page`. */
export function threadViewHref(
  thread: string,
  locale: string,
  post: string | null,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams({ thread, locale });
  if (post) query.set('post', post);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  return `/api/comments/view?${query}`;
}
