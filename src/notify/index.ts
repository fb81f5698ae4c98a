import type { CommentStatus, CommentStore } from '../comments/store.ts';
import type { ThreadPosts } from '../comments/threads.ts';
import type { Locale } from '../i18n/locales.ts';
import { mailEnabled, type NotifyConfig } from './config.ts';
import { smtpMailer, type Mailer } from './mailer.ts';
import type { NotifyPlan } from './notification-store.ts';
import { notifyPlan } from './plan.ts';
import { createNotifyRoutes } from './routes.ts';
import { OutboxWorker, type OutboxWorkerOptions } from './worker.ts';

/** The form field of the "Email me when someone replies" box. */
export const OPT_IN_FIELD = 'notify';

/** Whether a posted form or JSON body ticked the box (a checkbox sends "1"; JSON may send true). */
export function wantsReplies(raw: Record<string, unknown>): boolean {
  const value = raw[OPT_IN_FIELD];
  return value === true || value === '1' || value === 'on' || value === 'true';
}

/** What the comment API needs from notifications: the plan for a new comment, the link pages, the worker. */
export interface Notifications {
  /** The outbox rows for a comment about to be stored (`InsertRules.notify`). */
  plan(comment: { status: CommentStatus; parentId: number | null; locale: Locale }, optIn: boolean): NotifyPlan;
  /** A comment with notifications was stored: send them now rather than at the next poll. */
  queued(): void;
  /** /moderate/… and /subscriptions/… (mounted under /api). */
  routes: ReturnType<typeof createNotifyRoutes>;
  worker: OutboxWorker;
}

/** Wires notifications for one API process: the plan, the routes and the outbox worker (not yet started). */
export function createNotifications(options: {
  store: CommentStore;
  secret: string;
  config: NotifyConfig;
  threadPosts?: ThreadPosts | undefined;
  mailer?: Mailer | null | undefined;
  worker?: Partial<OutboxWorkerOptions> | undefined;
  now?: (() => number) | undefined;
}): Notifications {
  const { store, secret, config } = options;
  const mailer =
    options.mailer !== undefined
      ? options.mailer
      : mailEnabled(config) && config.smtpUrl
        ? smtpMailer(config.smtpUrl, config.mailFrom)
        : null;
  const worker = new OutboxWorker({
    store,
    config,
    secret,
    mailer,
    threadPosts: options.threadPosts,
    now: options.now,
    ...options.worker,
  });
  return {
    plan: (comment, optIn) => notifyPlan(comment, optIn, config),
    queued: () => worker.wake(),
    routes: createNotifyRoutes({
      store,
      secret,
      threadPosts: options.threadPosts,
      now: options.now,
      onApproved: () => worker.wake(),
    }),
    worker,
  };
}
