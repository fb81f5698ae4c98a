/**
 * The comment section and the comment form, defined once: the build writes the section into every
 * post page (Comments.astro), the server writes it again with the approved comments and a fresh
 * form token when it serves a post (src/server/post-comments.ts), and the thread page of the API
 * uses the same form (src/server/comments-view.ts). The look is src/styles/comments.css.
 */
import { localeKeys, locales, type Locale } from '../i18n/locales.ts';
import { uiStrings, useTranslations } from '../i18n/translate.ts';
import { HONEYPOT_FIELD } from './input.ts';
import { COMMENT_LIMITS } from './limits.ts';
import { h, toHtml, type MarkupElement } from './markup.ts';
import { commentItem, commentSectionStrings, threadViewHref, type CommentView } from './presentation.ts';
import type { PublicComment } from './public.ts';

/** How comments show on `locale`'s pages, on the server. */
export function commentView(locale: Locale): CommentView {
  return {
    t: useTranslations(locale),
    dateLocale: locales[locale].dateLocale,
    langs: Object.fromEntries(localeKeys.map((key) => [key, locales[key].lang])),
  };
}

/** The fields a reader types, in form order. */
const FIELDS = [
  { name: 'body', required: true },
  { name: 'name', type: 'text', autocomplete: 'name', required: true },
  { name: 'email', type: 'email', autocomplete: 'email', required: true },
  { name: 'url', type: 'text', autocomplete: 'url', required: false },
] as const;
export type CommentField = (typeof FIELDS)[number]['name'];

/** What the comment form shows: where it posts for, what the reader typed, and any message. */
export interface CommentFormState {
  locale: Locale;
  thread: string;
  /** The post page to go back to after sending, or null (the thread page then is the way back). */
  returnTo: string | null;
  /** A signed form token, or '' (the script fetches one; without either the server asks to send once more). */
  token: string;
  values?: Partial<Record<CommentField | 'parent', string>> | undefined;
  errors?: Partial<Record<string, string>> | undefined;
  message?: string | undefined;
  /** "info" for a request that is not the reader's mistake (send once more), else an error. */
  messageKind?: 'info' | 'error' | undefined;
  /** The heading of the form: "Leave a comment", or "Leave a reply to …". */
  heading: string;
  headingLevel: 'h2' | 'h3';
  /** Replying without JavaScript: the link that cancels the reply. With null the cancel button is for the script. */
  cancelHref?: string | null | undefined;
}

/** The reply form, `#respond`. Every problem is reported by the server in the reader's language (novalidate). */
export function commentForm(state: CommentFormState): MarkupElement {
  const t = useTranslations(state.locale);
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const invalid = Object.keys(errors).length > 0;
  const replying = Boolean(values.parent);
  const field = (spec: (typeof FIELDS)[number]) => {
    const error = errors[spec.name];
    const errorId = `comment-error-${spec.name}`;
    const common = {
      id: `comment-${spec.name}`,
      name: spec.name,
      maxlength: COMMENT_LIMITS[spec.name],
      required: spec.required,
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': error ? errorId : undefined,
    };
    const value = values[spec.name] ?? '';
    return h(
      'p',
      { class: 'comment-field' },
      h(
        'label',
        { for: `comment-${spec.name}` },
        t(`comments.field.${spec.name}`),
        spec.required && [' ', h('span', { class: 'comment-required', 'aria-hidden': 'true' }, '*')],
      ),
      spec.name === 'body'
        ? h('textarea', { ...common, rows: 6 }, value)
        : h('input', {
            ...common,
            type: spec.type,
            autocomplete: spec.autocomplete,
            ...(spec.name === 'url' ? { inputmode: 'url', autocapitalize: 'none', spellcheck: 'false' } : {}),
            value: value || undefined,
          }),
      h('span', { class: 'comment-error', id: errorId, 'data-error-for': spec.name, hidden: !error }, error ?? ''),
    );
  };
  return h(
    'div',
    { id: 'respond', class: 'comment-respond' },
    h(state.headingLevel, { id: 'respond-heading', 'data-respond-heading': true }, state.heading),
    h(
      'p',
      { 'data-replying': true, hidden: !replying },
      state.cancelHref
        ? h('a', { href: state.cancelHref }, t('comments.cancelReply'))
        : h(
            'button',
            { type: 'button', class: 'comment-button-secondary', 'data-cancel-reply': true },
            t('comments.cancelReply'),
          ),
    ),
    h(
      'form',
      {
        method: 'post',
        action: '/api/comments',
        'aria-labelledby': 'respond-heading',
        'data-form': true,
        novalidate: true,
      },
      h(
        'p',
        {
          class: `comment-summary${state.messageKind === 'info' && !invalid ? ' comment-summary-info' : ''}`,
          role: 'alert',
          'data-summary': true,
        },
        state.message ?? '',
      ),
      h('p', { class: 'muted' }, t('comments.required')),
      h('input', { type: 'hidden', name: 'thread', value: state.thread }),
      h('input', { type: 'hidden', name: 'locale', value: state.locale }),
      state.returnTo !== null && h('input', { type: 'hidden', name: 'returnTo', value: state.returnTo }),
      h('input', { type: 'hidden', name: 'parent', value: values.parent ?? '' }),
      h('input', { type: 'hidden', name: 'token', value: state.token }),
      FIELDS.map(field),
      // Reply notifications by mail, double opt-in (src/notify/); works with and without JavaScript.
      h(
        'p',
        { class: 'comment-remember comment-notify' },
        h('input', { id: 'comment-notify', name: 'notify', type: 'checkbox', value: '1' }),
        h('label', { for: 'comment-notify' }, t('notify.field.optIn')),
      ),
      h(
        'p',
        { class: 'comment-trap', 'aria-hidden': 'true' },
        h('label', { for: `comment-${HONEYPOT_FIELD}` }, t('comments.field.honeypot')),
        h('input', {
          id: `comment-${HONEYPOT_FIELD}`,
          name: HONEYPOT_FIELD,
          type: 'text',
          tabindex: '-1',
          autocomplete: 'off',
        }),
      ),
      // Shown by the script: without JavaScript nothing could be saved.
      h(
        'p',
        { class: 'comment-remember', 'data-remember': true, hidden: true },
        h('input', { id: 'comment-remember', name: 'remember', type: 'checkbox', value: '1' }),
        h('label', { for: 'comment-remember' }, t('comments.field.remember')),
      ),
      h('p', {}, h('button', { type: 'submit', class: 'button comment-submit' }, t('comments.submit'))),
      h('p', { class: 'comment-notice', role: 'status', 'data-notice': true }),
    ),
  );
}

/** One page of a thread's approved comments, as the API's reads return it. */
export interface ThreadPageData {
  page: number;
  pages: number;
  total: number;
  comments: PublicComment[];
}

/** What the post page's comment section shows. */
export interface CommentSectionOptions {
  locale: Locale;
  thread: string;
  /** The post's title (the heading names it). */
  title: string;
  /** The post page's path ("/zh-cn/blog/x/"). */
  path: string;
  /**
   * The approved comments, when the server writes them in (then also `token`). Without them (the
   * build, for a static host) the list is empty and the script fills it.
   */
  data?: ThreadPageData | undefined;
  token?: string | undefined;
}

/** The query parameter of a post page that selects a page of its comments ("?comments=2#comments"). */
export const COMMENTS_PAGE_PARAM = 'comments';

/** The comment section of a post page, `#comments`. */
export function commentSection(options: CommentSectionOptions): MarkupElement {
  const { locale, thread, title, path, data } = options;
  const t = useTranslations(locale);
  const viewHref = threadViewHref(thread, locale, path);
  const replyHref = (comment: PublicComment) =>
    `${threadViewHref(thread, locale, path, { replyto: String(comment.id) })}#respond`;
  const pageHref = (page: number) => `${path}${page > 1 ? `?${COMMENTS_PAGE_PARAM}=${page}` : ''}#comments`;
  return h(
    'section',
    {
      id: 'comments',
      class: 'comments',
      'aria-labelledby': 'comments-heading',
      'data-comments': true,
      'data-thread': thread,
      'data-locale': locale,
      'data-lang': locales[locale].lang,
      'data-title': title,
      // What the script needs of the locale table (it does not load the table, which holds every language's strings).
      'data-date-locale': locales[locale].dateLocale,
      'data-langs': JSON.stringify(commentView(locale).langs),
      ...uiStrings(locale, commentSectionStrings(localeKeys)),
      // The server wrote the comments in: the script keeps them and pages on from here.
      'data-page': data ? data.page : undefined,
      'data-pages': data ? data.pages : undefined,
    },
    h(
      'h2',
      { id: 'comments-heading', 'data-heading': true },
      data ? t('comments.heading', { count: data.total, title }) : t('comments.title'),
    ),
    h('p', { id: 'comment-pending', class: 'comment-status', tabindex: '-1' }, t('comments.status.pending')),
    h(
      'p',
      { id: 'comment-approved', class: 'comment-status', tabindex: '-1' },
      t('comments.status.approved'),
      // Written in by the server, the comment is in the list below; a static page can only link to it.
      !data && [' ', h('a', { href: viewHref }, t('comments.readAll'))],
    ),
    !data && h('noscript', {}, h('p', {}, h('a', { href: viewHref }, t('comments.readAll')))),
    h('p', { class: 'muted', 'data-loading': true, hidden: true }, t('comments.loading')),
    h(
      'ol',
      { class: 'comment-list', 'data-list': true },
      (data?.comments ?? []).map((comment) => commentItem(comment, commentView(locale), replyHref)),
    ),
    data &&
      data.pages > 1 &&
      h(
        'nav',
        { class: 'comment-pages', 'aria-label': t('comments.title'), 'data-pager': true },
        data.page > 1 && h('a', { href: pageHref(data.page - 1) }, t('comments.older')),
        data.page > 1 && data.page < data.pages && ' ',
        data.page < data.pages && h('a', { href: pageHref(data.page + 1) }, t('comments.newer')),
      ),
    h(
      'p',
      { 'data-more': true, hidden: true },
      h('button', { type: 'button', class: 'comment-button-secondary' }, t('comments.newer')),
    ),
    commentForm({
      locale,
      thread,
      returnTo: path,
      token: options.token ?? '',
      heading: t('comments.leaveReply'),
      headingLevel: 'h3',
    }),
  );
}

/** `commentSection` as HTML. */
export function commentSectionHtml(options: CommentSectionOptions): string {
  return toHtml(commentSection(options));
}

/** Around the section in the built post page: the server replaces what lies between (src/server/post-comments.ts). */
export const COMMENT_SECTION_START = '<!--comments-section-->';
export const COMMENT_SECTION_END = '<!--/comments-section-->';
