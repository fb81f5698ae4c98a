/**
 * How a comment looks, defined once for every surface: the post page as the server serves it, the
 * comment script in the browser (through `toDom`) and the server-rendered thread page (through
 * `toHtml`). Pure: callers pass the strings (`commentStrings`), through i18next on either side.
 */
// Types only from the locale table: importing it would bring every language's strings into the script.
import { defineBrowserStrings, type BrowserTranslate } from '../i18n/browser-strings.ts';
import type { Locale } from '../i18n/locales.ts';
import { h, type MarkupElement, type MarkupNode } from './markup.ts';
import type { PublicComment } from './public.ts';

/**
 * The UI strings a comment needs, for the site's locales (`localeKeys` on the server; in the script
 * the keys of the page's `data-langs`): the page passes them to the script with `uiStrings`.
 */
export function commentStrings(localeKeys: readonly Locale[]) {
  return defineBrowserStrings('comment', [
    'comments.reply',
    'comments.replyLabel',
    'comments.writtenIn',
    'comments.dateTime',
    ...localeKeys.map((key) => `comments.lang.${key}` as const),
    // The mark on the site's own replies (moderators' "Reply as …" on /admin/).
    'admin.bySite',
  ]);
}

/** The strings of the comment script (src/components/comments-client.ts): a comment's, and the section's. */
export function commentSectionStrings(localeKeys: readonly Locale[]) {
  return defineBrowserStrings('comment section', [
    ...commentStrings(localeKeys).keys,
    'comments.heading',
    'comments.replyTo',
    'comments.leaveReply',
    'comments.sending',
    'comments.error.network',
    'comments.loadFailed',
  ]);
}

/**
 * How a comment is shown: its strings (`useTranslations` on the server, `readBrowserStrings` in the
 * script), the page's date locale and each locale's language tag (from the locale table; the script
 * reads both from the section's data attributes).
 */
export interface CommentView {
  t: BrowserTranslate<ReturnType<typeof commentStrings>['keys'][number]>;
  dateLocale: string;
  langs: Readonly<Partial<Record<Locale, string>>>;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * When a comment was written, as every surface shows it: the date in the page's language and the
 * time of day in UTC, marked as such ("2 January 2026, 14:05 UTC" / "2026年1月2日 14:05 UTC").
 * UTC everywhere, not the reader's time zone: the server writes comments into the post page before
 * any script runs and cannot know the reader's zone, and a time that changed when the script
 * renders the list again would be two truths about one comment. `<time datetime>` keeps the instant.
 */
export function formatCommentTime(iso: string, view: CommentView): string {
  const date = new Date(iso);
  const { dateLocale } = view;
  let format = dateFormats.get(dateLocale);
  if (!format) {
    format = new Intl.DateTimeFormat(dateLocale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    dateFormats.set(dateLocale, format);
  }
  const time = [date.getUTCHours(), date.getUTCMinutes()].map((part) => String(part).padStart(2, '0')).join(':');
  return view.t('comments.dateTime', { date: format.format(date), time });
}

/** A comment body: paragraphs of lines; links only where the API made http(s) links. */
function commentBody(comment: PublicComment, view: CommentView): MarkupElement {
  return h(
    'div',
    { class: 'comment-body', lang: view.langs[comment.locale] ?? '', dir: 'auto' },
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
  view: CommentView,
  replyHref: (comment: PublicComment) => string,
): MarkupElement {
  const { t } = view;
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
        comment.bySite === true && ' ',
        comment.bySite === true && h('span', { class: 'comment-by-site' }, view.t('admin.bySite')),
        ' · ',
        h('time', { datetime: comment.createdAt }, formatCommentTime(comment.createdAt, view)),
        ' · ',
        h(
          'span',
          { class: 'comment-lang' },
          t('comments.writtenIn', { language: t(`comments.lang.${comment.locale}`) }),
        ),
      ),
      commentBody(comment, view),
      comment.parentId === null &&
        h(
          'p',
          {},
          h(
            'a',
            {
              class: 'comment-reply',
              href: replyHref(comment),
              'aria-label': t('comments.replyLabel', { name: comment.name }),
            },
            t('comments.reply'),
          ),
        ),
    ),
    comment.replies &&
      comment.replies.length > 0 &&
      h(
        'ol',
        { class: 'comment-replies' },
        comment.replies.map((reply) => commentItem(reply, view, replyHref)),
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
