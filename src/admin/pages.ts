import { html } from 'hono/html';
import { locales, otherLocale, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { siteConfig } from '../site.config.ts';
import { COMMENT_LIMITS } from '../comments/limits.ts';
import { COMMENT_STATUSES, type CommentRecord, type CommentStatus } from '../comments/store.ts';
import type { ThreadPosts } from '../comments/threads.ts';
import { SITE_AUTHOR_EMAIL } from '../comments/site-author.ts';
import { formatCommentTime } from '../comments/presentation.ts';
import { commentView } from '../comments/section.ts';
import { adminFrame, type Html } from './frame.ts';

/** What the list shows: a status (or all), a search, a page; carried through every link and form of the page. */
export interface ListView {
  locale: Locale;
  status: CommentStatus | null;
  q: string;
  page: number;
}

/** Actions on one comment or many; `restore` puts a comment back to pending. */
export const ACTIONS = ['approve', 'unapprove', 'spam', 'trash', 'restore', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** A message at the top of the page: what the last action did, or why it did nothing. */
export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/** The address of the list in `view`, with `extra` parameters (e.g. the outcome of an action). */
export function listHref(view: ListView, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ locale: view.locale });
  if (view.status) query.set('status', view.status);
  if (view.q) query.set('q', view.q);
  if (view.page > 1) query.set('page', String(view.page));
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  return `/admin/?${query}`;
}

function noticeBlock(notice: Notice | undefined): Html | '' {
  if (!notice) return '';
  return html`<p class="admin-notice${notice.kind === 'error' ? ' admin-notice-error' : ''}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${notice.text}</p>`;
}

/** The sign-in form (password or admin token). */
export function renderSignIn(locale: Locale, notice?: Notice): Promise<string> {
  const t = useTranslations(locale);
  const main = html`<h1>${t('admin.signIn.heading')}</h1>
${noticeBlock(notice)}
<form method="post" action="/admin/sign-in">
<input type="hidden" name="locale" value="${locale}">
<p class="admin-field"><label for="admin-secret">${t('admin.signIn.secret')}</label>
<input id="admin-secret" name="secret" type="password" autocomplete="current-password" required maxlength="1000"></p>
<p><button type="submit" class="button">${t('admin.signIn.submit')}</button></p>
</form>`;
  return adminFrame(locale, t('admin.signIn.heading'), main, (l) => `/admin/?locale=${l}`);
}

/** A page with one message and a way back to the list (refused requests, unknown comments). */
export function renderMessage(locale: Locale, message: string): Promise<string> {
  const t = useTranslations(locale);
  const main = html`<h1>${message}</h1>
<p><a href="/admin/?locale=${locale}">${t('admin.title')}</a></p>`;
  return adminFrame(locale, message, main, (l) => `/admin/?locale=${l}`);
}

/** Which actions make sense for a comment in `status`. */
function actionsFor(status: CommentStatus): Action[] {
  switch (status) {
    case 'pending':
      return ['approve', 'spam', 'trash'];
    case 'approved':
      return ['unapprove', 'spam', 'trash'];
    case 'spam':
    case 'trash':
      return ['restore', 'delete'];
  }
}

/** Where a comment was left: its post's title in the moderator's language (or the other), else the thread key. */
function postLine(comment: CommentRecord, posts: ThreadPosts | undefined, locale: Locale): Html {
  const t = useTranslations(locale);
  const byLocale = posts?.get(comment.thread);
  const post = byLocale?.[locale] ?? byLocale?.[comment.locale] ?? byLocale?.[otherLocale(locale)];
  if (!post) return html`${t('admin.thread', { thread: comment.thread })}`;
  return html`${t('admin.post', { title: post.title })} (<a href="${post.path}#comment-${comment.id}">${t('admin.viewPost')}</a>)`;
}

function renderComment(comment: CommentRecord, view: ListView, posts: ThreadPosts | undefined): Html {
  const t = useTranslations(view.locale);
  const bySite = comment.authorEmail === SITE_AUTHOR_EMAIL;
  const status = t(`admin.status.${comment.status}`);
  const heading = `c${comment.id}-author`;
  return html`<li class="admin-comment" id="c${comment.id}" data-status="${comment.status}">
<article aria-labelledby="${heading}">
<p class="admin-select"><input type="checkbox" name="id" value="${comment.id}" id="select-${comment.id}"> <label for="select-${comment.id}">${t('admin.select', { name: comment.authorName })}</label></p>
<h3 id="${heading}"><bdi>${comment.authorName}</bdi>${bySite ? html`<span class="admin-badge">${t('admin.bySite')}</span>` : ''}<span class="admin-badge">${status}</span></h3>
<p class="admin-meta">#${comment.id} · <time datetime="${new Date(comment.createdAt).toISOString()}">${formatCommentTime(new Date(comment.createdAt).toISOString(), commentView(view.locale))}</time> · ${t('admin.writtenIn', { language: locales[comment.locale].label })}${comment.parentId !== null ? html` · ${t('admin.inReplyTo', { id: comment.parentId })}` : ''}</p>
<p class="admin-meta">${postLine(comment, posts, view.locale)}</p>
${bySite ? '' : html`<p class="admin-meta">${t('admin.email', { email: comment.authorEmail })}${comment.authorUrl ? html` · ${t('admin.website', { url: comment.authorUrl })}` : ''}</p>`}
<div class="admin-body" lang="${locales[comment.locale].lang}" dir="auto">${comment.body}</div>
<p class="admin-actions" role="group" aria-label="${t('admin.actionsFor', { name: comment.authorName })}">${actionsFor(
    comment.status,
  ).map(
    (action) =>
      html`<button type="submit" class="button${action === 'delete' || action === 'spam' || action === 'trash' ? ' button-secondary' : ''}" name="one" value="${action}:${comment.id}">${t(`admin.action.${action}`)}</button> `,
  )}${
    comment.status === 'approved' && !bySite
      ? html`<a href="/admin/reply?${new URLSearchParams({ id: String(comment.id), ...returnFields(view) })}">${t('admin.reply.label', { brand: siteConfig.brand })}</a>`
      : ''
  }</p>
</article>
</li>`;
}

/** The list's state as form fields (and query parameters of the reply link), so an action returns to the same view. */
function returnFields(view: ListView): Record<string, string> {
  return { locale: view.locale, rstatus: view.status ?? '', rq: view.q, rpage: String(view.page) };
}

function hiddenFields(view: ListView, csrf: string): Html {
  return html`<input type="hidden" name="csrf" value="${csrf}">${Object.entries(returnFields(view)).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}`;
}

function signOutForm(view: ListView, csrf: string): Html {
  const t = useTranslations(view.locale);
  return html`<form method="post" action="/admin/sign-out">${hiddenFields(view, csrf)}<button type="submit" class="button button-secondary">${t('admin.signOut')}</button></form>`;
}

/** The moderation list: filters, search, bulk actions, the comments of one page (pending first) and the pager. */
export function renderList(options: {
  view: ListView;
  csrf: string;
  total: number;
  perPage: number;
  comments: CommentRecord[];
  posts: ThreadPosts | undefined;
  notice?: Notice | undefined;
}): Promise<string> {
  const { view, csrf, total, perPage, comments, posts } = options;
  const t = useTranslations(view.locale);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const tab = (status: CommentStatus | null) => {
    const label = t(status ? `admin.status.${status}` : 'admin.status.all');
    const current = status === view.status;
    return html`<li><a href="${listHref({ ...view, status, page: 1 })}"${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  };
  const main = html`<h1>${t('admin.title')}</h1>
${noticeBlock(options.notice)}
<div class="admin-bar">
<nav aria-label="${t('admin.filter')}"><ul class="admin-tabs">${tab(null)}${COMMENT_STATUSES.map((status) => tab(status))}</ul></nav>
<form method="get" action="/admin/" role="search" aria-label="${t('admin.search.label')}">
<input type="hidden" name="locale" value="${view.locale}">
${view.status ? html`<input type="hidden" name="status" value="${view.status}">` : ''}
<label for="admin-q">${t('admin.search.label')}</label>
<input id="admin-q" name="q" type="search" value="${view.q}" maxlength="200">
<button type="submit" class="button">${t('admin.search.submit')}</button>
${view.q ? html`<a href="${listHref({ ...view, q: '', page: 1 })}">${t('admin.search.clear')}</a>` : ''}
</form>
${signOutForm(view, csrf)}
</div>
<form method="post" action="/admin/actions">
${hiddenFields(view, csrf)}
<div class="admin-bar">
<label for="admin-bulk">${t('admin.bulk.label')}</label>
<select id="admin-bulk" name="bulk"><option value="">${t('admin.bulk.choose')}</option>${ACTIONS.map(
    (action) => html`<option value="${action}">${t(`admin.action.${action}`)}</option>`,
  )}</select>
<button type="submit" class="button" name="one" value="bulk">${t('admin.bulk.submit')}</button>
<span class="muted" role="status">${t('admin.results', { count: total })}</span>
</div>
<h2 class="muted">${t('admin.list')}</h2>
${comments.length === 0 ? html`<p>${t('admin.empty')}</p>` : html`<ol class="admin-list">${comments.map((comment) => renderComment(comment, view, posts))}</ol>`}
</form>
${
  pages > 1
    ? html`<nav class="admin-pages" aria-label="${t('admin.pages')}">${view.page > 1 ? html`<a href="${listHref({ ...view, page: view.page - 1 })}" rel="prev">${t('admin.pages.previous')}</a>` : ''}<span>${t('admin.pages.current', { page: view.page, pages })}</span>${view.page < pages ? html`<a href="${listHref({ ...view, page: view.page + 1 })}" rel="next">${t('admin.pages.next')}</a>` : ''}</nav>`
    : ''
}`;
  return adminFrame(view.locale, t('admin.title'), main, (l) => listHref({ ...view, locale: l }));
}

/** The reply form under the comment it answers; the reply is published at once, as the site. */
export function renderReply(options: {
  view: ListView;
  csrf: string;
  comment: CommentRecord;
  posts: ThreadPosts | undefined;
  body?: string;
  error?: string | undefined;
}): Promise<string> {
  const { view, csrf, comment } = options;
  const t = useTranslations(view.locale);
  const label = t('admin.reply.label', { brand: siteConfig.brand });
  const main = html`<p><a href="${listHref(view)}">← ${t('admin.title')}</a></p>
<h1>${label}</h1>
<ol class="admin-list"><li class="admin-comment" data-status="${comment.status}">
<h2 class="admin-meta"><bdi>${comment.authorName}</bdi> · ${postLine(comment, options.posts, view.locale)}</h2>
<div class="admin-body" lang="${locales[comment.locale].lang}" dir="auto">${comment.body}</div>
</li></ol>
<form method="post" action="/admin/reply">
${hiddenFields(view, csrf)}
<input type="hidden" name="id" value="${comment.id}">
${options.error ? html`<p class="admin-notice admin-notice-error" role="alert" id="admin-reply-error">${options.error}</p>` : ''}
<p class="admin-field"><label for="admin-reply">${label}</label>
<textarea id="admin-reply" name="body" rows="8" maxlength="${COMMENT_LIMITS.body}" required lang="${locales[comment.locale].lang}"${options.error ? html` aria-invalid="true" aria-describedby="admin-reply-error"` : ''}>${options.body ?? ''}</textarea></p>
<p><button type="submit" class="button">${t('admin.reply.submit')}</button></p>
</form>`;
  return adminFrame(
    view.locale,
    label,
    main,
    (l) => `/admin/reply?${new URLSearchParams({ id: String(comment.id), ...returnFields({ ...view, locale: l }) })}`,
  );
}
