import type { CommentStatus } from '../comments/store.ts';
import type { Locale } from '../i18n/locales.ts';
import { mailEnabled, type NotifyConfig } from './config.ts';
import type { NotifyPlan, OutboxDraft } from './notification-store.ts';

/**
 * The notifications a new comment queues, decided before it is stored and written in the same
 * transaction (`InsertRules.notify`): a mail to each moderator and the webhook when the comment is
 * held (and, with COMMENTS_NOTIFY_ON=held,published, when it is published at once); a `reply` job
 * for a reply (sent to subscribers once it is approved); an `optin` job when the author ticked
 * "Email me when someone replies".
 */
export function notifyPlan(
  comment: { status: CommentStatus; parentId: number | null; locale: Locale },
  optIn: boolean,
  config: NotifyConfig,
): NotifyPlan {
  const outbox: OutboxDraft[] = [];
  const event = comment.status === 'pending' ? 'held' : comment.status === 'approved' ? 'published' : null;
  const mail = mailEnabled(config);
  if (event && config.notifyOn.has(event)) {
    if (mail) for (const recipient of config.moderatorEmails) outbox.push({ kind: 'moderator', event, recipient });
    if (config.webhookUrl) outbox.push({ kind: 'webhook', event });
  }
  if (mail && comment.parentId !== null) outbox.push({ kind: 'reply' });
  const wantsReplies = mail && optIn;
  if (wantsReplies) outbox.push({ kind: 'optin', locale: comment.locale });
  return { outbox, optIn: wantsReplies };
}
