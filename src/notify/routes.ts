import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CommentStatus, CommentStore } from '../comments/store.ts';
import type { ThreadPosts } from '../comments/threads.ts';
import { localeFromAcceptLanguage } from '../i18n/accept-language.ts';
import type { Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { siteConfig } from '../site.config.ts';
import { linkKey, verifyConfirmToken, verifyModerationToken, verifyUnsubscribeToken } from './links.ts';
import { confirmPage, messagePage, moderationPage, unsubscribePage } from './pages.ts';

export interface NotifyRoutesOptions {
  store: CommentStore;
  secret: string;
  threadPosts?: ThreadPosts | undefined;
  /** Called after a one-click approval, so the outbox sends the reply notifications at once. */
  onApproved?: ((commentId: number) => void) | undefined;
  now?: (() => number) | undefined;
}

const STATUS_OF: Record<'approve' | 'spam' | 'trash', CommentStatus> = {
  approve: 'approved',
  spam: 'spam',
  trash: 'trash',
};

/**
 * The pages behind the links in mails, as two sub-apps of the comment API (mounted at /api/moderate
 * and /api/subscriptions):
 *
 * - `GET /moderate/:token` shows the comment and one button; `POST` does the action (approve, spam,
 *   trash). A GET changes nothing, so a mail scanner that opens links approves nothing. Links
 *   expire and work once.
 * - `GET /subscriptions/confirm/:token` shows one button; `POST` confirms the address (double opt-in).
 * - `GET /subscriptions/unsubscribe/:token` offers this post or every mail; `POST` unsubscribes.
 *   A POST with `List-Unsubscribe=One-Click` (RFC 8058, sent by mail providers) unsubscribes from
 *   what the link names at once.
 *
 * Answers are never cached or indexed, and their pages send no referrer (the token is in the address).
 */
export function createNotifyRoutes(options: NotifyRoutesOptions) {
  const { store, secret } = options;
  const now = options.now ?? Date.now;
  const moderate = new Hono();
  const subscriptions = new Hono();
  for (const app of [moderate, subscriptions]) {
    app.use('*', async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
      c.header('X-Robots-Tag', 'noindex');
    });
  }
  const small = bodyLimit({ maxSize: 4096, onError: (c) => c.text('Too large', 413) });

  const pageLocale = (c: Context) => localeFromAcceptLanguage(c.req.header('accept-language'));
  const linkProblem = (c: Context, locale: Locale, reason: 'invalid' | 'expired' | 'used' | 'gone') => {
    const t = useTranslations(locale);
    const message = {
      invalid: t('notify.page.link.invalid'),
      expired: t('notify.page.link.expired'),
      used: t('notify.page.link.used'),
      gone: t('notify.page.comment.gone'),
    }[reason];
    return c.html(messagePage(locale, message, message), reason === 'invalid' || reason === 'gone' ? 404 : 410);
  };

  // Moderation links: the page in the moderator's browser language.
  moderate.get('/:token', async (c) => {
    const locale = pageLocale(c);
    const check = verifyModerationToken(c.req.param('token'), secret, now());
    if (!check.ok) return linkProblem(c, locale, check.reason);
    const comment = await store.get(check.value.commentId);
    if (!comment) return linkProblem(c, locale, 'gone');
    return c.html(moderationPage(locale, comment, check.value.action, options.threadPosts?.get(comment.thread)));
  });

  moderate.post('/:token', small, async (c) => {
    const locale = pageLocale(c);
    const token = c.req.param('token');
    const check = verifyModerationToken(token, secret, now());
    if (!check.ok) return linkProblem(c, locale, check.reason);
    const { commentId, action } = check.value;
    const comment = await store.get(commentId);
    if (!comment) return linkProblem(c, locale, 'gone');
    const key = `moderate:${linkKey(token)}`;
    if (!(await store.notifications.useLink(key, now()))) return linkProblem(c, locale, 'used');
    try {
      if (!(await store.setStatus(commentId, STATUS_OF[action]))) {
        await store.notifications.releaseLink(key);
        return linkProblem(c, locale, 'gone');
      }
    } catch (error) {
      // The action did not happen: the link stays usable.
      await store.notifications.releaseLink(key).catch(() => {});
      throw error;
    }
    if (action === 'approve') {
      await store.notifications.wake(commentId, now());
      options.onApproved?.(commentId);
    }
    const t = useTranslations(locale);
    return c.html(
      messagePage(
        locale,
        t('notify.page.moderate.title'),
        t(`notify.page.moderate.done.${action}`),
        options.threadPosts?.get(comment.thread),
      ),
    );
  });

  subscriptions.get('/confirm/:token', async (c) => {
    const check = verifyConfirmToken(c.req.param('token'), secret, now());
    if (!check.ok) return linkProblem(c, pageLocale(c), check.reason);
    const address = await store.notifications.address(check.value.addressId);
    if (!address) return linkProblem(c, pageLocale(c), 'invalid');
    return c.html(confirmPage(address.locale));
  });

  subscriptions.post('/confirm/:token', small, async (c) => {
    const check = verifyConfirmToken(c.req.param('token'), secret, now());
    if (!check.ok) return linkProblem(c, pageLocale(c), check.reason);
    const address = await store.notifications.address(check.value.addressId);
    if (!address) return linkProblem(c, pageLocale(c), 'invalid');
    const t = useTranslations(address.locale);
    // An address that unsubscribed from everything stays so: confirming an old mail does not undo it.
    if (address.unsubscribedAt !== null)
      return c.html(messagePage(address.locale, t('notify.page.confirm.title'), t('notify.page.confirm.unsubscribed')));
    await store.notifications.confirmAddress(address.id, now());
    return c.html(messagePage(address.locale, t('notify.page.confirm.title'), t('notify.page.confirm.done')));
  });

  subscriptions.get('/unsubscribe/:token', async (c) => {
    const check = verifyUnsubscribeToken(c.req.param('token'), secret);
    if (!check.ok) return linkProblem(c, pageLocale(c), check.reason);
    const address = await store.notifications.address(check.value.addressId);
    if (!address) return linkProblem(c, pageLocale(c), 'invalid');
    const { thread } = check.value;
    return c.html(unsubscribePage(address.locale, thread, thread ? options.threadPosts?.get(thread) : undefined));
  });

  subscriptions.post('/unsubscribe/:token', small, async (c) => {
    const check = verifyUnsubscribeToken(c.req.param('token'), secret);
    if (!check.ok) return linkProblem(c, pageLocale(c), check.reason);
    const address = await store.notifications.address(check.value.addressId);
    if (!address) return linkProblem(c, pageLocale(c), 'invalid');
    let form: Record<string, unknown> = {};
    const type = c.req.header('content-type') ?? '';
    if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      try {
        form = await c.req.parseBody();
      } catch {
        form = {};
      }
    }
    const oneClick = form['List-Unsubscribe'] === 'One-Click';
    // One-click (RFC 8058) unsubscribes from what the link names; the page's buttons choose.
    const thread = oneClick ? check.value.thread : form['scope'] === 'thread' ? check.value.thread : null;
    await store.notifications.unsubscribe(address.email, thread, now());
    const t = useTranslations(address.locale);
    if (oneClick) return c.text('Unsubscribed.', 200);
    return c.html(
      messagePage(
        address.locale,
        t('notify.page.unsubscribe.title'),
        thread
          ? t('notify.page.unsubscribe.doneThread')
          : t('notify.page.unsubscribe.doneAll', { brand: siteConfig.brand }),
      ),
    );
  });

  return { moderate, subscriptions };
}
