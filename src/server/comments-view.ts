import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { locales, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { localizePath } from '../i18n/urls.ts';
import type { BodyParagraph } from '../comments/body.ts';
import { HONEYPOT_FIELD } from '../comments/input.ts';
import { COMMENT_LIMITS, COMMENTS_PER_PAGE } from '../comments/limits.ts';
import { toPublicComment, type PublicComment } from '../comments/public.ts';
import type { ThreadPage } from '../comments/store.ts';

/** What the no-JavaScript page shows in its form: what the reader typed, a fresh token, and any message. */
export interface FormState {
  locale: Locale;
  thread: string;
  /** The post page to go back to (validated by `isReturnPath`), or null. */
  returnTo: string | null;
  values: { body: string; name: string; email: string; url: string; parent: string };
  token: string;
  message?: string | undefined;
  errors?: Partial<Record<string, string>> | undefined;
  page?: number | undefined;
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

function viewHref(state: FormState, extra: Record<string, string>): string {
  const query = new URLSearchParams({ thread: state.thread, locale: state.locale, ...extra });
  if (state.returnTo) query.set('post', state.returnTo);
  return `/api/comments/view?${query}`;
}

function renderBody(paragraphs: BodyParagraph[]): Html[] {
  return paragraphs.map(
    (lines) =>
      html`<p>${lines.map(
        (pieces, index) =>
          html`${index > 0 ? html`<br>` : ''}${pieces.map((piece) =>
            piece.type === 'link' ? html`<a href="${piece.href}" rel="nofollow ugc">${piece.text}</a>` : piece.text,
          )}`,
      )}</p>`,
  );
}

function renderComment(comment: PublicComment, state: FormState, isReply: boolean): Html {
  const t = useTranslations(state.locale);
  const lang = locales[state.locale].lang;
  const time = new Intl.DateTimeFormat(state.locale === 'en' ? 'en-GB' : lang, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(
    new Date(comment.createdAt),
  );
  const author = comment.url ? html`<a href="${comment.url}" rel="nofollow ugc">${comment.name}</a>` : comment.name;
  return html`<li id="comment-${comment.id}" class="comment">
  <article>
    <p class="comment-meta"><bdi class="comment-author">${author}</bdi> · <time datetime="${comment.createdAt}">${time}</time> · <span class="comment-lang">${t('comments.writtenIn', { language: t(`comments.lang.${comment.locale}`) })}</span></p>
    <div class="comment-body" lang="${locales[comment.locale].lang}" dir="auto">${renderBody(comment.paragraphs)}</div>
    ${isReply ? '' : html`<p><a class="comment-reply" href="${viewHref(state, { replyto: String(comment.id) })}#respond" aria-label="${t('comments.replyLabel', { name: comment.name })}">${t('comments.reply')}</a></p>`}
  </article>
  ${comment.replies && comment.replies.length > 0 ? html`<ol class="comment-replies">${comment.replies.map((reply) => renderComment(reply, state, true))}</ol>` : ''}
</li>`;
}

function field(
  state: FormState,
  name: 'body' | 'name' | 'email' | 'url',
  label: string,
  required: boolean,
  control: (errorAttributes: Html | '') => Html,
): Html {
  const error = state.errors?.[name];
  const errorId = `error-${name}`;
  return html`<p class="comment-field">
  <label for="comment-${name}">${label}${required ? html` <span aria-hidden="true">*</span>` : ''}</label>
  ${control(error ? html` aria-invalid="true" aria-describedby="${errorId}"` : '')}
  ${error ? html`<span class="comment-error" id="${errorId}">${error}</span>` : ''}
</p>`;
}

/**
 * The whole thread as a server-rendered page: the heading with the count, approved comments
 * with reply links, and the comment form. Every value from a reader passes through `html`'s
 * escaping, so it is text, never markup.
 */
export function renderThreadPage(state: FormState, data: ThreadPage): Html {
  const t = useTranslations(state.locale);
  const lang = locales[state.locale].lang;
  const page = state.page ?? 1;
  const pages = Math.max(1, Math.ceil(data.topLevel / COMMENTS_PER_PAGE));
  const comments = data.comments.map((comment) => toPublicComment(comment));
  const heading = t('comments.count', { count: data.total });
  const replyTo = state.values.parent ? comments.find((comment) => String(comment.id) === state.values.parent) : undefined;

  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${heading} · syENGAGE</title>
<style>
body{font:1rem/1.6 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;color:#1a1a1a}
a{color:#0b5cad}.comment-list,.comment-replies{list-style:none;padding:0}.comment-replies{margin-left:1.5rem;border-left:3px solid #ddd;padding-left:1rem}
.comment{margin:1rem 0}.comment-meta{color:#555;font-size:.9rem;margin:0}.comment-body{overflow-wrap:anywhere}
.comment-field{display:flex;flex-direction:column;gap:.25rem}.comment-field input,.comment-field textarea{font:inherit;padding:.4rem;border:1px solid #767676;border-radius:.3rem}
.comment-error,.comment-message{color:#a00000}.comment-trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{font:inherit;padding:.5rem 1rem;background:#0b5cad;color:#fff;border:0;border-radius:.3rem}
</style>
</head>
<body>
<main>
${state.returnTo ? html`<p><a href="${state.returnTo}">← ${t('comments.backToPost')}</a></p>` : ''}
<h1>${heading}</h1>
<ol class="comment-list">${comments.map((comment) => renderComment(comment, state, false))}</ol>
${
  pages > 1
    ? html`<nav class="comment-pages" aria-label="${t('comments.title')}">${page > 1 ? html`<a href="${viewHref(state, { page: String(page - 1) })}">${t('comments.older')}</a> ` : ''}${page < pages ? html`<a href="${viewHref(state, { page: String(page + 1) })}">${t('comments.newer')}</a>` : ''}</nav>`
    : ''
}
<section id="respond" aria-labelledby="respond-heading">
<h2 id="respond-heading">${replyTo ? t('comments.replyTo', { name: replyTo.name }) : t('comments.leaveReply')}</h2>
${replyTo ? html`<p><a href="${viewHref(state, {})}#respond">${t('comments.cancelReply')}</a></p>` : ''}
${state.message ? html`<p class="comment-message" role="alert">${state.message}</p>` : ''}
<form method="post" action="/api/comments">
<p>${t('comments.required')}</p>
<input type="hidden" name="thread" value="${state.thread}">
<input type="hidden" name="locale" value="${state.locale}">
<input type="hidden" name="parent" value="${replyTo ? String(replyTo.id) : ''}">
<input type="hidden" name="token" value="${state.token}">
${state.returnTo ? html`<input type="hidden" name="returnTo" value="${state.returnTo}">` : ''}
${field(state, 'body', t('comments.field.body'), true, (attrs) => html`<textarea id="comment-body" name="body" rows="8" maxlength="${COMMENT_LIMITS.body}" required${attrs}>${state.values.body}</textarea>`)}
${field(state, 'name', t('comments.field.name'), true, (attrs) => html`<input id="comment-name" name="name" type="text" autocomplete="name" maxlength="${COMMENT_LIMITS.name}" required value="${state.values.name}"${attrs}>`)}
${field(state, 'email', t('comments.field.email'), true, (attrs) => html`<input id="comment-email" name="email" type="email" autocomplete="email" maxlength="${COMMENT_LIMITS.email}" required value="${state.values.email}"${attrs}>`)}
${field(state, 'url', t('comments.field.url'), false, (attrs) => html`<input id="comment-url" name="url" type="url" autocomplete="url" maxlength="${COMMENT_LIMITS.url}" value="${state.values.url}"${attrs}>`)}
<p class="comment-trap" aria-hidden="true"><label for="comment-${HONEYPOT_FIELD}">${t('comments.field.honeypot')}</label><input id="comment-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off"></p>
<p><button type="submit">${t('comments.submit')}</button></p>
</form>
</section>
</main>
</body>
</html>`;
}

/** A short page for a form post or a thread view that cannot go anywhere (a thread that does not exist): the message and a way home. */
export function renderErrorPage(locale: Locale, message: string): Html {
  const t = useTranslations(locale);
  return html`<!doctype html>
<html lang="${locales[locale].lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${message} · syENGAGE</title>
<style>body{font:1rem/1.6 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;color:#1a1a1a}a{color:#0b5cad}</style>
</head>
<body>
<main>
<h1>${message}</h1>
<p><a href="${localizePath('/', locale)}">${t('notFound.home')}</a></p>
</main>
</body>
</html>`;
}
