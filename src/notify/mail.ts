import { defaultLocale, localeKeys, locales, otherLocale, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { siteConfig } from '../site.config.ts';
import type { CommentRecord } from '../comments/store.ts';
import type { ThreadPost } from '../comments/threads.ts';
import type { ModerationAction } from './links.ts';

/**
 * The mails, as plain text plus simple HTML. Every string a reader typed (name, comment) and
 * every title goes into the HTML through `escapeHtml`, and into headers only after line breaks
 * are taken out, so nothing typed becomes markup or a header.
 */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe for commenters). */
  headers: Record<string, string>;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML (element content and quoted attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** One line for a Subject: no line breaks or control characters, at most 150 characters. */
function headerText(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return [...line].length > 150 ? `${[...line].slice(0, 149).join('')}…` : line;
}

/** The post of a thread in each locale, as the build listed it; the thread key when the server has no list. */
export type PostsOfThread = Partial<Record<Locale, ThreadPost>> | undefined;

const titleIn = (posts: PostsOfThread, locale: Locale, thread: string) =>
  posts?.[locale]?.title ?? posts?.[otherLocale(locale)]?.title ?? thread;

const postUrl = (posts: PostsOfThread, locale: Locale, publicUrl: string) => {
  const path = posts?.[locale]?.path;
  return path ? `${publicUrl}${path}` : null;
};

const layout = (lang: string, body: string) =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>` +
  `<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,'Noto Sans SC','PingFang SC',sans-serif;line-height:1.6;color:#1d2330;max-width:40rem;margin:0 auto;padding:1rem">${body}</body></html>`;

const quote = (text: string) =>
  `<blockquote style="margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #0b6b53;background:#f3f5f8;white-space:pre-wrap">${escapeHtml(text)}</blockquote>`;

const button = (href: string, label: string) =>
  `<a href="${escapeHtml(href)}" style="display:inline-block;margin:.25rem .5rem .25rem 0;padding:.5em 1em;border-radius:.4rem;background:#0b6b53;color:#fff;text-decoration:none;font-weight:600">${escapeHtml(label)}</a>`;

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

/** The mail to the moderators about a new comment: in both languages, the comment as text, the one-click links. */
export function moderatorMail(input: {
  comment: CommentRecord;
  event: 'held' | 'published';
  posts: PostsOfThread;
  publicUrl: string;
  /** One-click links (held comments); null when the comment is published already. */
  links: Record<ModerationAction, string> | null;
  linkDays: number;
}): MailContent {
  const { comment, event, posts, links } = input;
  const both = localeKeys.map((locale) => ({ locale, t: useTranslations(locale) }));
  const label = (key: Parameters<ReturnType<typeof useTranslations>>[0]) => both.map(({ t }) => t(key)).join(' / ');
  const subject = headerText(
    `[${siteConfig.brand}] ${both.map(({ locale, t }) => t(`notify.moderator.subject.${event}`, { title: titleIn(posts, locale, comment.thread) })).join(' / ')}`,
  );
  const language = both.map(({ t }) => t(`comments.lang.${comment.locale}`)).join(' / ');
  const postLines = both.map(({ locale }) => {
    const url = postUrl(posts, locale, input.publicUrl);
    return { locale, title: titleIn(posts, locale, comment.thread), url };
  });
  const actions = links ? both.map(({ t }) => t('notify.moderator.actions', { days: input.linkDays })).join('\n') : '';
  const actionLabel = (action: ModerationAction) => label(`notify.action.${action}`);

  const text = [
    ...both.map(({ t }) => t(`notify.moderator.intro.${event}`)),
    '',
    `${label('notify.label.post')}:`,
    ...postLines.map((p) => `  ${locales[p.locale].label}: ${p.title}${p.url ? ` <${p.url}>` : ''}`),
    `${label('notify.label.author')}: ${comment.authorName}`,
    `${label('notify.label.language')}: ${language}`,
    `${label('notify.label.comment')}:`,
    indent(comment.body),
    '',
    ...(links
      ? [
          actions,
          ...(['approve', 'spam', 'trash'] as const).map((action) => `  ${actionLabel(action)}: ${links[action]}`),
          '',
        ]
      : []),
    '--',
    both.map(({ t }) => t('notify.moderator.why')).join('\n'),
  ].join('\n');

  // Both languages in one mail: the page's language is the default one, each part says its own.
  const html = layout(
    locales[defaultLocale].lang,
    [
      ...both.map(
        ({ locale, t }) => `<p lang="${locales[locale].lang}">${escapeHtml(t(`notify.moderator.intro.${event}`))}</p>`,
      ),
      `<p><strong>${escapeHtml(label('notify.label.post'))}:</strong></p><ul>`,
      ...postLines.map(
        (p) =>
          `<li>${escapeHtml(locales[p.locale].label)}: ${p.url ? `<a href="${escapeHtml(p.url)}" lang="${locales[p.locale].lang}">${escapeHtml(p.title)}</a>` : `<span lang="${locales[p.locale].lang}">${escapeHtml(p.title)}</span>`}</li>`,
      ),
      `</ul>`,
      `<p><strong>${escapeHtml(label('notify.label.author'))}:</strong> ${escapeHtml(comment.authorName)}<br><strong>${escapeHtml(label('notify.label.language'))}:</strong> ${escapeHtml(language)}</p>`,
      `<p><strong>${escapeHtml(label('notify.label.comment'))}:</strong></p>`,
      quote(comment.body),
      links
        ? `<p>${escapeHtml(actions).replace(/\n/g, '<br>')}</p><p>${(['approve', 'spam', 'trash'] as const).map((action) => button(links[action], actionLabel(action))).join(' ')}</p>`
        : '',
      `<hr><p style="color:#4d5566;font-size:.9em">${both.map(({ t }) => escapeHtml(t('notify.moderator.why'))).join('<br>')}</p>`,
    ].join('\n'),
  );
  return { subject, text, html, headers: {} };
}

/** Links at the foot of every mail to a commenter, and the RFC 8058 headers that go with them. */
export interface UnsubscribeLinks {
  /** This thread only: also the List-Unsubscribe target (one-click POST unsubscribes from the thread). */
  thread: string;
  all: string;
}

function commenterFooter(locale: Locale, links: UnsubscribeLinks) {
  const t = useTranslations(locale);
  const brand = siteConfig.brand;
  return {
    text: [
      '--',
      t('notify.footer.why', { brand }),
      `${t('notify.unsubscribe.thread')}: ${links.thread}`,
      `${t('notify.unsubscribe.all', { brand })}: ${links.all}`,
    ].join('\n'),
    html: `<hr><p style="color:#4d5566;font-size:.9em">${escapeHtml(t('notify.footer.why', { brand }))}<br><a href="${escapeHtml(links.thread)}">${escapeHtml(t('notify.unsubscribe.thread'))}</a> · <a href="${escapeHtml(links.all)}">${escapeHtml(t('notify.unsubscribe.all', { brand }))}</a></p>`,
    headers: { 'List-Unsubscribe': `<${links.thread}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** The double opt-in mail: the one mail an address gets before it confirms. */
export function confirmMail(input: {
  locale: Locale;
  thread: string;
  posts: PostsOfThread;
  confirmUrl: string;
  unsubscribe: UnsubscribeLinks;
}): MailContent {
  const t = useTranslations(input.locale);
  const title = titleIn(input.posts, input.locale, input.thread);
  const footer = commenterFooter(input.locale, input.unsubscribe);
  const brand = siteConfig.brand;
  return {
    subject: headerText(t('notify.confirm.subject', { brand })),
    text: [
      t('notify.confirm.intro', { title }),
      '',
      `${t('notify.confirm.action')}: ${input.confirmUrl}`,
      '',
      t('notify.confirm.ignore'),
      '',
      footer.text,
    ].join('\n'),
    html: layout(
      locales[input.locale].lang,
      [
        `<p>${escapeHtml(t('notify.confirm.intro', { title }))}</p>`,
        `<p>${button(input.confirmUrl, t('notify.confirm.action'))}</p>`,
        `<p>${escapeHtml(t('notify.confirm.ignore'))}</p>`,
        footer.html,
      ].join('\n'),
    ),
    headers: footer.headers,
  };
}

/** The mail telling a confirmed subscriber of a reply, in the language of the subscriber's comment. */
export function replyMail(input: {
  locale: Locale;
  reply: CommentRecord;
  posts: PostsOfThread;
  publicUrl: string;
  unsubscribe: UnsubscribeLinks;
}): MailContent {
  const t = useTranslations(input.locale);
  const { reply } = input;
  const title = titleIn(input.posts, input.locale, reply.thread);
  const url = postUrl(input.posts, input.locale, input.publicUrl);
  const link = url ? `${url}#comment-${reply.id}` : null;
  const footer = commenterFooter(input.locale, input.unsubscribe);
  return {
    subject: headerText(t('notify.reply.subject', { name: reply.authorName, title })),
    text: [
      t('notify.reply.intro', { name: reply.authorName, title }),
      '',
      indent(reply.body),
      '',
      ...(link ? [`${t('notify.reply.read')}: ${link}`, ''] : []),
      footer.text,
    ].join('\n'),
    html: layout(
      locales[input.locale].lang,
      [
        `<p>${escapeHtml(t('notify.reply.intro', { name: reply.authorName, title }))}</p>`,
        quote(reply.body),
        link ? `<p>${button(link, t('notify.reply.read'))}</p>` : '',
        footer.html,
      ].join('\n'),
    ),
    headers: footer.headers,
  };
}
