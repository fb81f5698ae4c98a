import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { locales, otherLocale, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { localizePath } from '../i18n/urls.ts';
import { siteConfig } from '../site.config.ts';
import type { BodyParagraph } from '../comments/body.ts';
import { HONEYPOT_FIELD } from '../comments/input.ts';
import { COMMENT_LIMITS, COMMENTS_PER_PAGE } from '../comments/limits.ts';
import { toPublicComment, type PublicComment } from '../comments/public.ts';
import type { ThreadPage } from '../comments/store.ts';
import type { ThreadPost } from '../comments/threads.ts';

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
  const time = new Intl.DateTimeFormat(state.locale === 'en' ? 'en-GB' : lang, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(comment.createdAt));
  const author = comment.url ? html`<a href="${comment.url}" rel="nofollow ugc">${comment.name}</a>` : comment.name;
  return html`<li id="comment-${comment.id}" class="comment">
<article>
<p class="comment-meta"><bdi class="comment-author">${author}</bdi> · <time datetime="${comment.createdAt}">${time}</time> · <span class="comment-lang">${t('comments.writtenIn', { language: t(`comments.lang.${comment.locale}`) })}</span></p>
<div class="comment-body" lang="${locales[comment.locale].lang}" dir="auto">${renderBody(comment.paragraphs)}</div>${
    isReply
      ? ''
      : html`
<p><a class="comment-reply" href="${viewHref(state, { replyto: String(comment.id) })}#respond" aria-label="${t('comments.replyLabel', { name: comment.name })}">${t('comments.reply')}</a></p>`
  }
</article>${
    comment.replies && comment.replies.length > 0
      ? html`
<ol class="comment-replies">${comment.replies.map((reply) => renderComment(reply, state, true))}</ol>`
      : ''
  }
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
<label for="comment-${name}">${label}${required ? html` <span class="comment-required" aria-hidden="true">*</span>` : ''}</label>
${control(error ? html` aria-invalid="true" aria-describedby="${errorId}"` : '')}${
    error
      ? html`
<span class="comment-error" id="${errorId}">${error}</span>`
      : ''
  }
</p>`;
}

/**
 * The site's look for the pages the API renders: the colours, fonts and button of
 * src/styles/global.css and the header and footer of the static pages, in one small stylesheet
 * (tests/server/comments-view.test.ts checks the colours against global.css).
 */
export const STYLE = `:root{--font-latin:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Liberation Sans',sans-serif;--font-cjk-sc:'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif;--font-body:var(--font-latin);--line-height:1.65;--color-text:#1d2330;--color-muted:#4d5566;--color-bg:#ffffff;--color-surface:#f3f5f8;--color-border:#d5dae3;--color-brand:#0b6b53;--color-brand-dark:#084d3c;--color-link:#0a58a8;--color-focus:#c2410c;--color-error:#a00000;--color-error-bg:#fdf1f1;color-scheme:light}
:root:lang(zh-CN){--font-body:var(--font-latin),var(--font-cjk-sc);--line-height:1.85}
*,*::before,*::after{box-sizing:border-box}
html{font-family:var(--font-body);line-height:var(--line-height);color:var(--color-text);background:var(--color-bg)}
body{margin:0;min-height:100vh;display:flex;flex-direction:column}
main{flex:1;width:100%;max-width:42rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1,h2,h3{line-height:1.3;text-wrap:balance}
a{color:var(--color-link);text-underline-offset:.15em}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--color-focus);outline-offset:2px}
.skip-link{position:absolute;left:.5rem;top:-3rem;padding:.5rem .75rem;background:var(--color-bg);z-index:10}.skip-link:focus{top:.5rem}
.site-header,.site-footer{background:var(--color-surface);border:0 solid var(--color-border)}.site-header{border-bottom-width:1px}.site-footer{border-top-width:1px;font-size:.95rem}
.inner{max-width:64rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem}.site-footer p{margin:0}
.brand{display:flex;flex-direction:column;text-decoration:none;color:var(--color-text);margin-right:auto}
.brand-name{font-weight:800;font-size:1.4rem;color:var(--color-brand-dark);letter-spacing:-.01em}.brand-tagline{font-size:.85rem;color:var(--color-muted)}
.lang-switcher a{font-weight:600;color:inherit}.lang-switcher a[data-no-translation]{font-weight:400;font-size:.9em}
.muted{color:var(--color-muted)}
.comment-list,.comment-replies{list-style:none;padding:0}.comment-replies{margin-left:1.5rem;border-left:3px solid var(--color-border);padding-left:1rem}
.comment{margin:1.25rem 0}.comment-meta{color:var(--color-muted);font-size:.9rem;margin:0}.comment-body{overflow-wrap:anywhere}
.comment-reply{display:inline-block;padding:.2rem .7rem;border:1px solid var(--color-border);border-radius:.3rem;text-decoration:none}
.comment-field{display:flex;flex-direction:column;gap:.25rem}
.comment-field input,.comment-field textarea{font:inherit;padding:.45rem;border:1px solid var(--color-muted);border-radius:.3rem;max-width:100%}
.comment-field [aria-invalid=true]{border:2px solid var(--color-error)}
.comment-error{color:var(--color-error);font-weight:600}
.comment-message{padding:.75rem 1rem;border-left:4px solid var(--color-error);background:var(--color-error-bg)}
.comment-message-info{border-left-color:var(--color-brand);background:var(--color-surface)}
.comment-trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.button{display:inline-flex;align-items:center;gap:.4em;padding:.55em 1em;border-radius:.5rem;border:1px solid var(--color-brand);background:var(--color-brand);color:#fff;font:inherit;font-weight:600;cursor:pointer}.button:hover{background:var(--color-brand-dark)}`;

/** The post of this thread in the page's locale, if the server knows it. */
function postOf(state: FormState): ThreadPost | undefined {
  return state.posts?.[state.locale];
}

/**
 * The link to the other language: this thread's page in that language when the post is published
 * there (or when the server does not know the posts), else that language's home page, as the
 * static pages' language switcher does.
 */
function languageLink(state: FormState): Html {
  const target = otherLocale(state.locale);
  const t = useTranslations(state.locale);
  const language = locales[target].label;
  const lang = locales[target].lang;
  if (state.posts && !state.posts[target]) {
    return html`<a href="${localizePath('/', target)}" hreflang="${lang}" data-no-translation>${t('lang.noTranslation', { language })}</a>`;
  }
  const query = new URLSearchParams({ thread: state.thread, locale: target });
  const post = state.posts?.[target]?.path;
  if (post) query.set('post', post);
  return html`<a href="/api/comments/view?${query}" hreflang="${lang}" lang="${lang}" title="${t('lang.switchTo', { language })}">${language}</a>`;
}

/** The frame of every page the API renders: the site's header (brand, language link), main and footer. */
function page(locale: Locale, title: string, main: Html, languageNav: Html | ''): Html {
  const t = useTranslations(locale);
  return html`<!DOCTYPE html>
<html lang="${locales[locale].lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${siteConfig.brand}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip-link" href="#main">${t('skip.toContent')}</a>
<header class="site-header">
<div class="inner">
<a class="brand" href="${localizePath('/', locale)}"><span class="brand-name">${siteConfig.brand}</span><span class="brand-tagline">${t('site.tagline')}</span></a>
${languageNav ? html`<nav class="lang-switcher" aria-label="${t('lang.switcher')}">${languageNav}</nav>` : ''}
</div>
</header>
<main id="main">
${main}
</main>
<footer class="site-footer">
<div class="inner">
<p><a href="${localizePath('/follow/', locale)}">${t('footer.followPrompt')}</a></p>
<p><a href="${localizePath('/rss.xml', locale)}">${t('footer.rss')}</a></p>
<p class="muted">${t('footer.copyright', { year: new Date().getUTCFullYear(), brand: siteConfig.brand })}</p>
</div>
</footer>
</body>
</html>`;
}

/**
 * The whole thread as a server-rendered page in the site's frame: the heading naming the post
 * with the count, approved comments with reply links, and the comment form. Every value from a
 * reader passes through `html`'s escaping, so it is text, never markup.
 */
export function renderThreadPage(state: FormState, data: ThreadPage): Html {
  const t = useTranslations(state.locale);
  const current = state.page ?? 1;
  const pages = Math.max(1, Math.ceil(data.topLevel / COMMENTS_PER_PAGE));
  const comments = data.comments.map((comment) => toPublicComment(comment));
  const post = postOf(state);
  // Without the build's thread list (npm run dev, the API alone) the post's title is unknown: a plain count.
  const heading = post
    ? t('comments.heading', { count: data.total, title: post.title })
    : t('comments.count', { count: data.total });
  const title = post ? t('comments.pageTitle', { title: post.title }) : t('comments.title');
  const replyTo = state.values.parent
    ? comments.find((comment) => String(comment.id) === state.values.parent)
    : undefined;
  const invalid = Object.keys(state.errors ?? {}).length > 0;

  const main = html`${state.returnTo ? html`<p><a href="${state.returnTo}">← ${t('comments.backToPost')}</a></p>` : ''}
<h1>${heading}</h1>
<ol class="comment-list">${comments.map((comment) => renderComment(comment, state, false))}</ol>
${
  pages > 1
    ? html`<nav class="comment-pages" aria-label="${t('comments.title')}">${current > 1 ? html`<a href="${viewHref(state, { page: String(current - 1) })}">${t('comments.older')}</a> ` : ''}${current < pages ? html`<a href="${viewHref(state, { page: String(current + 1) })}">${t('comments.newer')}</a>` : ''}</nav>`
    : ''
}
<section id="respond" aria-labelledby="respond-heading">
<h2 id="respond-heading">${replyTo ? t('comments.replyTo', { name: replyTo.name }) : t('comments.leaveReply')}</h2>
${replyTo ? html`<p><a href="${viewHref(state, {})}#respond">${t('comments.cancelReply')}</a></p>` : ''}
<form method="post" action="/api/comments" novalidate>
${state.message ? html`<p class="comment-message${state.messageKind === 'info' && !invalid ? ' comment-message-info' : ''}" role="alert">${state.message}</p>` : ''}
<p class="muted">${t('comments.required')}</p>
<input type="hidden" name="thread" value="${state.thread}">
<input type="hidden" name="locale" value="${state.locale}">
<input type="hidden" name="parent" value="${replyTo ? String(replyTo.id) : ''}">
<input type="hidden" name="token" value="${state.token}">
${state.returnTo ? html`<input type="hidden" name="returnTo" value="${state.returnTo}">` : ''}
${field(state, 'body', t('comments.field.body'), true, (attrs) => html`<textarea id="comment-body" name="body" rows="8" maxlength="${COMMENT_LIMITS.body}" required${attrs}>${state.values.body}</textarea>`)}
${field(state, 'name', t('comments.field.name'), true, (attrs) => html`<input id="comment-name" name="name" type="text" autocomplete="name" maxlength="${COMMENT_LIMITS.name}" required value="${state.values.name}"${attrs}>`)}
${field(state, 'email', t('comments.field.email'), true, (attrs) => html`<input id="comment-email" name="email" type="email" autocomplete="email" maxlength="${COMMENT_LIMITS.email}" required value="${state.values.email}"${attrs}>`)}
${field(state, 'url', t('comments.field.url'), false, (attrs) => html`<input id="comment-url" name="url" type="text" inputmode="url" autocomplete="url" autocapitalize="none" spellcheck="false" maxlength="${COMMENT_LIMITS.url}" value="${state.values.url}"${attrs}>`)}
<p class="comment-notify"><input id="comment-notify" name="notify" type="checkbox" value="1"> <label for="comment-notify">${t('notify.field.optIn')}</label></p>
<p class="comment-trap" aria-hidden="true"><label for="comment-${HONEYPOT_FIELD}">${t('comments.field.honeypot')}</label><input id="comment-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off"></p>
<p><button type="submit" class="button">${t('comments.submit')}</button></p>
</form>
</section>`;
  return page(state.locale, title, main, languageLink(state));
}

/** A short page for a form post or a thread view that cannot go anywhere (a thread that does not exist): the message and a way home. */
export function renderErrorPage(locale: Locale, message: string): Html {
  const t = useTranslations(locale);
  return page(
    locale,
    message,
    html`<h1>${message}</h1>
<p><a href="${localizePath('/', locale)}">${t('notFound.home')}</a></p>`,
    '',
  );
}
