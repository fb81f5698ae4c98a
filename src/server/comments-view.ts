/**
 * The pages of the comment API for readers without JavaScript: a thread with its form, and a short
 * error page. The comments and the form are the ones of the post page (src/comments/presentation.ts,
 * section.ts); the page around them is the site's own frame (src/server-page/frame.ts).
 */
import { otherLocale, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { localizePath } from '../routes/table.ts';
import { COMMENTS_PER_PAGE } from '../comments/limits.ts';
import { fragment, h, toHtml } from '../comments/markup.ts';
import { commentItem, threadViewHref } from '../comments/presentation.ts';
import { toPublicComment, type PublicComment } from '../comments/public.ts';
import { commentForm, commentView } from '../comments/section.ts';
import type { ThreadPage } from '../comments/store.ts';
import type { ThreadPost } from '../comments/threads.ts';
import { renderServerPage } from '../server-page/frame.ts';

/** What the no-JavaScript page shows in its form: what the reader typed, a fresh token, and any message. */
export interface FormState {
  locale: Locale;
  thread: string;
  /** The post page to go back to (validated by `isReturnPath`), or null. */
  returnTo: string | null;
  values: { body: string; name: string; email: string; url: string; parent: string };
  token: string;
  message?: string | undefined;
  /** "info" for a request that is not the reader's mistake (send once more), else an error. */
  messageKind?: 'info' | 'error' | undefined;
  /** The thread's post in each locale, when the server knows them (comment-threads.json): titles and the language link. */
  posts?: Partial<Record<Locale, ThreadPost>> | undefined;
  errors?: Partial<Record<string, string>> | undefined;
  page?: number | undefined;
}

function viewHref(state: FormState, extra: Record<string, string>): string {
  return threadViewHref(state.thread, state.locale, state.returnTo, extra);
}

/**
 * This thread's page in the other language, when the post is published there (or when the server
 * does not know the posts); otherwise none, and the frame links to that language's home page.
 */
function alternates(state: FormState): Partial<Record<Locale, string>> {
  const target = otherLocale(state.locale);
  if (state.posts && !state.posts[target]) return {};
  return { [target]: threadViewHref(state.thread, target, state.posts?.[target]?.path ?? null) };
}

/**
 * The whole thread as a server-rendered page in the site's frame: the heading naming the post
 * with the count, approved comments with reply links, and the comment form. Every value from a
 * reader is escaped by the markup renderer, so it is text, never markup.
 */
export function renderThreadPage(state: FormState, data: ThreadPage): string {
  const t = useTranslations(state.locale);
  const current = state.page ?? 1;
  const pages = Math.max(1, Math.ceil(data.topLevel / COMMENTS_PER_PAGE));
  const comments = data.comments.map((comment) => toPublicComment(comment));
  const post = state.posts?.[state.locale];
  // Without the build's thread list (npm run dev, the API alone) the post's title is unknown: a plain count.
  const heading = post
    ? t('comments.heading', { count: data.total, title: post.title })
    : t('comments.count', { count: data.total });
  const title = post ? t('comments.pageTitle', { title: post.title }) : t('comments.title');
  const replyTo = state.values.parent
    ? comments.find((comment) => String(comment.id) === state.values.parent)
    : undefined;
  const replyHref = (comment: PublicComment) => `${viewHref(state, { replyto: String(comment.id) })}#respond`;

  const main = fragment(
    state.returnTo && h('p', {}, h('a', { href: state.returnTo }, `← ${t('comments.backToPost')}`)),
    h('h1', {}, heading),
    h(
      'ol',
      { class: 'comment-list' },
      comments.map((comment) => commentItem(comment, commentView(state.locale), replyHref)),
    ),
    pages > 1 &&
      h(
        'nav',
        { class: 'comment-pages', 'aria-label': t('comments.title') },
        current > 1 && h('a', { href: viewHref(state, { page: String(current - 1) }) }, t('comments.older')),
        current > 1 && current < pages && ' ',
        current < pages && h('a', { href: viewHref(state, { page: String(current + 1) }) }, t('comments.newer')),
      ),
    commentForm({
      locale: state.locale,
      thread: state.thread,
      returnTo: state.returnTo,
      token: state.token,
      values: { ...state.values, parent: replyTo ? String(replyTo.id) : '' },
      errors: state.errors,
      message: state.message,
      messageKind: state.messageKind,
      heading: replyTo ? t('comments.replyTo', { name: replyTo.name }) : t('comments.leaveReply'),
      headingLevel: 'h2',
      cancelHref: replyTo ? `${viewHref(state, {})}#respond` : null,
    }),
  );
  return renderServerPage({ locale: state.locale, title, main: toHtml(main), alternates: alternates(state) });
}

/** A short page for a form post or a thread view that cannot go anywhere (a thread that does not exist): the message and a way home. */
export function renderErrorPage(locale: Locale, message: string): string {
  const t = useTranslations(locale);
  return renderServerPage({
    locale,
    title: message,
    main: toHtml(
      fragment(h('h1', {}, message), h('p', {}, h('a', { href: localizePath('/', locale) }, t('notFound.home')))),
    ),
  });
}
