import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { locales, localeKeys, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { siteConfig } from '../site.config.ts';
import type { CommentRecord } from '../comments/store.ts';
import type { PostsOfThread } from './mail.ts';
import { renderServerPage } from '../server-page/frame.ts';

/**
 * The pages behind the links in mails (confirm a moderation action, confirm reply notifications,
 * unsubscribe), in the site's frame. Every value passes through `html`'s escaping. Their forms
 * have no `action`: they post back to the page's own address, so the token is not written into
 * the page a second time.
 */
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The site's frame (header, language links, footer, stylesheet) around `main`; never indexed. */
export function notifyPage(locale: Locale, title: string, main: Html): string {
  return renderServerPage({ locale, title, main: String(main) });
}

/** A page with one message (a link that is invalid, expired or used; a done action) and links to the post. */
export function messagePage(locale: Locale, title: string, message: string, posts?: PostsOfThread): string {
  return notifyPage(
    locale,
    title,
    html`<h1>${title}</h1>
<p role="status">${message}</p>
${postLinks(locale, posts)}`,
  );
}

/** Links to the post in every language it is published in. */
function postLinks(locale: Locale, posts: PostsOfThread): Html | '' {
  const t = useTranslations(locale);
  const entries = localeKeys.flatMap((key) => {
    const post = posts?.[key];
    return post ? [{ key, post }] : [];
  });
  if (entries.length === 0) return '';
  return html`<ul class="notify-posts">${entries.map(
    ({ key, post }) =>
      html`<li><a href="${post.path}" hreflang="${locales[key].lang}">${t('notify.page.viewPost', { language: locales[key].label })}: <span lang="${locales[key].lang}">${post.title}</span></a></li>`,
  )}</ul>`;
}

/** A comment's text as paragraphs and line breaks, every piece escaped. */
function paragraphs(text: string): Html[] {
  return text
    .split(/\n{2,}/)
    .map(
      (paragraph) => html`<p>${paragraph.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`,
    );
}

/** The confirmation page of a one-click moderation link: the comment, the question, one button. */
export function moderationPage(
  locale: Locale,
  comment: CommentRecord,
  action: 'approve' | 'spam' | 'trash',
  posts: PostsOfThread,
): string {
  const t = useTranslations(locale);
  const title = t('notify.page.moderate.title');
  const post = posts?.[locale] ?? posts?.[comment.locale];
  return notifyPage(
    locale,
    title,
    html`<h1>${t(`notify.page.moderate.question.${action}`)}</h1>
<dl>
<dt>${t('notify.label.post')}</dt><dd>${post ? post.title : comment.thread}</dd>
<dt>${t('notify.label.author')}</dt><dd><bdi>${comment.authorName}</bdi></dd>
<dt>${t('notify.label.language')}</dt><dd>${t(`comments.lang.${comment.locale}`)}</dd>
<dt>${t('notify.label.status')}</dt><dd>${t(`notify.status.${comment.status}`)}</dd>
</dl>
<h2>${t('notify.label.comment')}</h2>
<blockquote class="comment-body" lang="${locales[comment.locale].lang}" dir="auto">${paragraphs(comment.body)}</blockquote>
<form method="post">
<p><button type="submit" class="button">${t(`notify.action.${action}`)}</button></p>
</form>`,
  );
}

/** The double opt-in page: one button confirms (a mail scanner opening the link confirms nothing). */
export function confirmPage(locale: Locale): string {
  const t = useTranslations(locale);
  const title = t('notify.page.confirm.title');
  return notifyPage(
    locale,
    title,
    html`<h1>${title}</h1>
<p>${t('notify.page.confirm.question')}</p>
<form method="post">
<p><button type="submit" class="button">${t('notify.page.confirm.button')}</button></p>
</form>`,
  );
}

/** The unsubscribe page: this post only (when the link is for one), or every mail from the site. */
export function unsubscribePage(locale: Locale, thread: string | null, posts: PostsOfThread): string {
  const t = useTranslations(locale);
  const title = t('notify.page.unsubscribe.title');
  const brand = siteConfig.brand;
  const postTitle = posts?.[locale]?.title;
  return notifyPage(
    locale,
    title,
    html`<h1>${title}</h1>
<p>${t('notify.page.unsubscribe.intro')}</p>
${
  thread
    ? html`<form method="post">
<input type="hidden" name="scope" value="thread">
<p><button type="submit" class="button">${postTitle ? t('notify.page.unsubscribe.thread', { title: postTitle }) : t('notify.page.unsubscribe.threadUntitled')}</button></p>
</form>`
    : ''
}
<form method="post">
<input type="hidden" name="scope" value="all">
<p><button type="submit" class="button">${t('notify.page.unsubscribe.all', { brand })}</button></p>
</form>`,
  );
}
