import { createHash } from 'node:crypto';
import type { CommentStore } from '../comments/store.ts';
import type { ThreadPosts } from '../comments/threads.ts';
import { useTranslations } from '../i18n/translate.ts';
import type { NotifyConfig } from './config.ts';
import {
  MODERATION_ACTIONS,
  linkPaths,
  signConfirmToken,
  signModerationToken,
  signUnsubscribeToken,
  type ModerationAction,
} from './links.ts';
import { confirmMail, moderatorMail, replyMail, type MailContent, type UnsubscribeLinks } from './mail.ts';
import { redactError, type Mailer } from './mailer.ts';
import type { OutboxJob } from './notification-record.ts';
import { sendWebhook, webhookPayload } from './webhook.ts';

/** How long a reply waits for approval before its notifications are dropped. */
const REPLY_WAIT_LIMIT_MS = 30 * 86_400_000;
/** How often a reply waiting for approval is looked at again (approval by a one-click link wakes it at once). */
const REPLY_RECHECK_MS = 60_000;
/** Days a double opt-in link works. */
const CONFIRM_DAYS = 14;
const MAX_BACKOFF_MS = 6 * 3_600_000;

export interface OutboxWorkerOptions {
  store: CommentStore;
  config: NotifyConfig;
  /** Signs the links in mails (the comments secret). */
  secret: string;
  /** null when no SMTP server is set: mail jobs then fail (they are only queued when one is). */
  mailer: Mailer | null;
  threadPosts?: ThreadPosts | undefined;
  /** Jobs sent at once (default 4): one slow or failing send never holds up the others. */
  concurrency?: number | undefined;
  /** Idle polling interval (default 1000 ms); a new comment wakes the worker at once. */
  pollMs?: number | undefined;
  now?: (() => number) | undefined;
  /** One line per failure; never an address, token or secret (default console.error). */
  log?: ((line: string) => void) | undefined;
  /** Webhook sending (tests swap it). */
  sendWebhook?: typeof sendWebhook | undefined;
}

/** The delay before try `attempt + 1` (attempt counts from 1): base · 2^(attempt−1), ±20 %, at most 6 hours. */
export function backoffMs(attempt: number, baseMs: number, random = Math.random): number {
  const delay = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/** What a job came to. */
type Outcome = { done: 'sent' } | { done: 'skipped'; why: string } | { wait: number };

/** The job's name in logs and the CLI: its kind and comment, never its recipient. */
export const describeJob = (job: Pick<OutboxJob, 'id' | 'kind' | 'event' | 'commentId'>) =>
  `#${job.id} ${job.kind}${job.event ? ` (${job.event})` : ''} about comment #${job.commentId}`;

/**
 * Sends what the outbox holds: claims due jobs (leased, so a worker that dies leaves them to the
 * next after the lease), sends each, and records the outcome. A failed send goes back to the queue
 * with exponential backoff, until `maxAttempts`; then it is `failed` and shows in
 * `npm run comments -- outbox`. Every mail carries its job's idempotency key as Message-ID (and
 * every webhook as X-Comments-Delivery): after a crash between sending and recording, a job may be
 * sent again, always under the same id, so receivers can drop the copy.
 */
export class OutboxWorker {
  readonly #o: {
    store: CommentStore;
    config: NotifyConfig;
    secret: string;
    threadPosts: ThreadPosts | undefined;
    concurrency: number;
    pollMs: number;
    now: () => number;
    log: (line: string) => void;
    sendWebhook: typeof sendWebhook;
  };
  readonly #mailer: Mailer | null;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #woken = false;

  constructor(options: OutboxWorkerOptions) {
    this.#mailer = options.mailer;
    this.#o = {
      store: options.store,
      config: options.config,
      secret: options.secret,
      threadPosts: options.threadPosts,
      concurrency: options.concurrency ?? 4,
      pollMs: options.pollMs ?? 1000,
      now: options.now ?? Date.now,
      log: options.log ?? ((line) => console.error(line)),
      sendWebhook: options.sendWebhook ?? sendWebhook,
    };
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Looks at the outbox now instead of at the next poll (a comment was just stored or approved). */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Stops taking jobs and waits for the ones in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#mailer?.close();
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let worked = 0;
      try {
        worked = await this.runOnce();
      } catch (error) {
        // The store is away (PostgreSQL restarting): try again at the next poll.
        this.#o.log(
          `outbox: cannot read the queue: ${redactError(error instanceof Error ? error.message : String(error))}`,
        );
      }
      if (worked > 0 || !this.#running) continue;
      if (this.#woken) {
        this.#woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#o.pollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
      this.#woken = false;
    }
  }

  /** Claims one batch of due jobs and works them off; resolves with how many it took. */
  async runOnce(): Promise<number> {
    const { store, config, concurrency, now } = this.#o;
    const jobs = await store.notifications.claimDue(now(), concurrency, config.leaseMs);
    await Promise.all(jobs.map((job) => this.#work(job)));
    return jobs.length;
  }

  async #work(job: OutboxJob): Promise<void> {
    const { store, config, now, log } = this.#o;
    let outcome: Outcome;
    try {
      outcome = await this.#process(job);
    } catch (error) {
      const message = redactError(error instanceof Error ? error.message : String(error));
      const attempt = job.attempts + 1;
      try {
        if (attempt >= config.maxAttempts) {
          await store.notifications.finish(job.id, 'failed', now(), message);
          log(`outbox: ${describeJob(job)} failed for good after ${attempt} tries: ${message}`);
        } else {
          await store.notifications.retryLater(job.id, now() + backoffMs(attempt, config.retryBaseMs), message, true);
          log(`outbox: ${describeJob(job)} failed (try ${attempt} of ${config.maxAttempts}), retrying: ${message}`);
        }
      } catch {
        // The store is away: the lease runs out and the job is taken again.
      }
      return;
    }
    try {
      if ('wait' in outcome) await store.notifications.retryLater(job.id, outcome.wait, null, false);
      else if (outcome.done === 'sent' && job.kind !== 'reply') await store.notifications.finish(job.id, 'sent', now());
      else if (outcome.done === 'skipped') await store.notifications.finish(job.id, 'skipped', now(), outcome.why);
    } catch {
      // Sent but not recorded (the store is away): it goes again after the lease, under the same Message-ID.
    }
  }

  #messageId(job: OutboxJob): string {
    return `<${job.key}@${new URL(this.#o.config.publicUrl).hostname}>`;
  }

  async #mail(job: OutboxJob, content: MailContent): Promise<void> {
    if (!this.#mailer) throw new Error('mail is not set up (COMMENTS_SMTP_URL)');
    if (!job.recipient) throw new Error('mail job without a recipient');
    await this.#mailer.send(job.recipient, this.#messageId(job), content);
  }

  #url(path: string): string {
    return `${this.#o.config.publicUrl}${path}`;
  }

  #unsubscribeLinks(addressId: number, thread: string): UnsubscribeLinks {
    const { secret } = this.#o;
    return {
      thread: this.#url(linkPaths.unsubscribe(signUnsubscribeToken(addressId, thread, secret))),
      all: this.#url(linkPaths.unsubscribe(signUnsubscribeToken(addressId, null, secret))),
    };
  }

  async #process(job: OutboxJob): Promise<Outcome> {
    const { store, config, secret, now } = this.#o;
    const notifications = store.notifications;
    const comment = await store.get(job.commentId);
    if (!comment) return { done: 'skipped', why: 'the comment was deleted' };
    const posts = this.#o.threadPosts?.get(comment.thread);

    switch (job.kind) {
      case 'moderator': {
        const event = job.event ?? 'held';
        // Links only while the comment still waits: a moderator may have acted already.
        const expires = now() + config.actionLinkDays * 86_400_000;
        const links =
          event === 'held' && comment.status === 'pending'
            ? (Object.fromEntries(
                MODERATION_ACTIONS.map((action) => [
                  action,
                  this.#url(linkPaths.moderate(signModerationToken(comment.id, action, expires, secret))),
                ]),
              ) as Record<ModerationAction, string>)
            : null;
        await this.#mail(
          job,
          moderatorMail({
            comment,
            event,
            posts,
            publicUrl: config.publicUrl,
            links,
            linkDays: config.actionLinkDays,
          }),
        );
        return { done: 'sent' };
      }
      case 'webhook': {
        if (!config.webhookUrl || !config.webhookSecret)
          throw new Error('the webhook is not set up (COMMENTS_WEBHOOK_URL)');
        const payload = webhookPayload(
          comment,
          job.event ?? 'held',
          job.key,
          posts,
          config.publicUrl,
          (locale, inLocale) => useTranslations(inLocale)(`comments.lang.${locale}`),
        );
        await this.#o.sendWebhook(config.webhookUrl, config.webhookSecret, payload, { now });
        return { done: 'sent' };
      }
      case 'optin': {
        const optIn = await notifications.optInOf(comment.id);
        if (!optIn) return { done: 'skipped', why: 'no opt-in' };
        if (comment.status === 'spam' || comment.status === 'trash')
          return { done: 'skipped', why: `the comment is ${comment.status}` };
        // The first opt-in of an address owns its one confirmation mail; later ones only add threads.
        const address = await notifications.claimAddress(optIn.email, optIn.locale, job.key, now());
        if (address.unsubscribedAt !== null) return { done: 'skipped', why: 'the address unsubscribed' };
        if (address.confirmedAt !== null) return { done: 'skipped', why: 'the address is confirmed already' };
        if (address.confirmationKey !== job.key) return { done: 'skipped', why: 'a confirmation was sent before' };
        const token = signConfirmToken(address.id, now() + CONFIRM_DAYS * 86_400_000, secret);
        await this.#mail(
          { ...job, recipient: optIn.email },
          confirmMail({
            locale: address.locale,
            thread: optIn.thread,
            posts,
            confirmUrl: this.#url(linkPaths.confirm(token)),
            unsubscribe: this.#unsubscribeLinks(address.id, optIn.thread),
          }),
        );
        return { done: 'sent' };
      }
      case 'reply': {
        if (comment.status === 'pending') {
          if (now() - comment.createdAt > REPLY_WAIT_LIMIT_MS)
            return { done: 'skipped', why: 'the reply was never approved' };
          return { wait: now() + REPLY_RECHECK_MS };
        }
        if (comment.status !== 'approved') return { done: 'skipped', why: `the reply is ${comment.status}` };
        const recipients = await notifications.replyRecipients(comment);
        // One mail job per subscriber, keyed by this job and the address: doing this twice adds nothing.
        await notifications.fanOut(
          job.id,
          comment.id,
          recipients.map((recipient) => ({
            kind: 'reply-mail' as const,
            recipient: recipient.email,
            locale: recipient.locale,
            key: `${job.key}-${createHash('sha256').update(recipient.email).digest('hex').slice(0, 16)}`,
          })),
          now(),
        );
        if (recipients.length > 0) this.wake();
        return { done: 'sent' };
      }
      case 'reply-mail': {
        if (comment.status !== 'approved') return { done: 'skipped', why: `the reply is ${comment.status}` };
        const email = job.recipient ?? '';
        if (await notifications.isUnsubscribed(email, comment.thread))
          return { done: 'skipped', why: 'the address unsubscribed' };
        const address = await notifications.addressByEmail(email);
        if (!address || address.confirmedAt === null) return { done: 'skipped', why: 'the address is not confirmed' };
        await this.#mail(
          job,
          replyMail({
            locale: job.locale ?? address.locale,
            reply: comment,
            posts,
            publicUrl: config.publicUrl,
            unsubscribe: this.#unsubscribeLinks(address.id, comment.thread),
          }),
        );
        return { done: 'sent' };
      }
    }
  }
}
