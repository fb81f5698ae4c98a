import type { Locale } from '../i18n/locales.ts';
import type { CommentRecord } from '../comments/store.ts';
import type {
  NotifyAddress,
  OptIn,
  OutboxEvent,
  OutboxJob,
  OutboxKind,
  OutboxStatus,
  ReplyRecipient,
} from './notification-record.ts';

/** A job to put in the outbox. The comment is the one stored in the same transaction unless `commentId` is given. */
export interface OutboxDraft {
  kind: OutboxKind;
  event?: OutboxEvent | null | undefined;
  /** An email address (mail jobs). Never printed: the CLI and logs name the job's kind instead. */
  recipient?: string | null | undefined;
  /** The language of the mail (commenters' mails: the language of their comment). */
  locale?: Locale | null | undefined;
  /** Unique per job: the mail's Message-ID and the webhook's delivery id. Generated when not given. */
  key?: string | undefined;
}

/**
 * What `insertChecked` writes with the comment, in the same transaction: the outbox jobs, and
 * whether the commenter asked to be told of replies. Computed from the comment before it is stored.
 */
export interface NotifyPlan {
  outbox: OutboxDraft[];
  optIn: boolean;
}

/**
 * The notification side of a comment store (outbox, subscriptions, used links). Both stores
 * implement it on their own database (`store.notifications`), so the outbox rows share the
 * comment's transaction; tests/server/notification-store.test.ts holds both to one contract.
 */
export interface NotificationStore {
  /** Adds jobs outside a comment insert; a job whose key exists already is left as it is. */
  enqueue(commentId: number, drafts: readonly OutboxDraft[], now: number): Promise<void>;
  /**
   * Takes up to `limit` due jobs (queued and due, or `sending` with an expired lease: a worker
   * that died) and leases them until `now + leaseMs`. Two workers never take the same job.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxJob[]>;
  /** The job is done: sent, or skipped (nothing to send any more), or failed for good. */
  finish(id: number, status: 'sent' | 'skipped' | 'failed', now: number, error?: string | null): Promise<void>;
  /** Back to the queue for another try at `at`; `counted` adds one to its attempts. */
  retryLater(id: number, at: number, error: string | null, counted: boolean): Promise<void>;
  /** In one transaction: adds `drafts` (about `commentId`, keys deduplicated) and marks job `id` sent. */
  fanOut(id: number, commentId: number, drafts: readonly OutboxDraft[], now: number): Promise<void>;
  /** Makes the waiting `reply` jobs of a comment due now (it was just approved). */
  wake(commentId: number, now: number): Promise<void>;
  /** Jobs, newest first; `status` filters. */
  outbox(query: { status?: OutboxStatus | undefined; limit?: number | undefined }): Promise<OutboxJob[]>;
  /** How many jobs are in each status. */
  outboxCounts(): Promise<Record<OutboxStatus, number>>;
  /** A failed (or any not yet sent) job queued again now, attempts reset; false when no such job. */
  requeue(id: number, now: number): Promise<boolean>;

  /** The comment's opt-in, if its author asked to hear of replies. */
  optInOf(commentId: number): Promise<OptIn | null>;
  /**
   * The address row for `email`, created (unconfirmed, owned by `jobKey`'s confirmation) when it
   * does not exist yet.
   */
  claimAddress(email: string, locale: Locale, jobKey: string, now: number): Promise<NotifyAddress>;
  address(id: number): Promise<NotifyAddress | null>;
  addressByEmail(email: string): Promise<NotifyAddress | null>;
  /** Confirms the address (double opt-in); false when it does not exist. */
  confirmAddress(id: number, now: number): Promise<boolean>;
  /** Unsubscribes the address from one thread, or from every thread when `thread` is null. For good. */
  unsubscribe(email: string, thread: string | null, now: number): Promise<void>;
  /** Whether `email` may not be mailed about `thread` (unsubscribed from it or from all). */
  isUnsubscribed(email: string, thread: string): Promise<boolean>;
  /**
   * Who hears of an approved reply: the authors of its top-level comment and of the replies before
   * it who opted in, confirmed and did not unsubscribe; the reply's own author excluded; each address once.
   */
  replyRecipients(reply: CommentRecord): Promise<ReplyRecipient[]>;
  /** Marks a one-click link used; false when it was used before. */
  useLink(key: string, now: number): Promise<boolean>;
  /** Gives a link back (the action it was used for failed). */
  releaseLink(key: string): Promise<void>;
}
