/**
 * THE definition of the notification records (an outbox job, an address that asked for replies,
 * an opt-in, a reply's recipient) and how a row of either store's tables becomes one: the SQLite
 * and PostgreSQL notification stores read the same columns (migration 2).
 */
import { randomUUID } from 'node:crypto';
import type { Locale } from '../i18n/locales.ts';

/**
 * What a job of the outbox does:
 * - `moderator`: a mail about a comment to one moderator address (`event` held or published);
 * - `webhook`: the signed JSON POST about a comment (`event` held or published);
 * - `optin`: the commenter ticked "Email me when someone replies": the worker records the address
 *   and, the first time it asks, sends it the confirmation mail (this job's idempotency key);
 * - `reply`: a reply was stored; once it is approved the worker fans it out into `reply-mail` jobs;
 * - `reply-mail`: the mail telling one confirmed subscriber of a reply.
 */
export type OutboxKind = 'moderator' | 'webhook' | 'optin' | 'reply' | 'reply-mail';
export type OutboxEvent = 'held' | 'published';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const satisfies OutboxStatus[];

export interface OutboxJob {
  id: number;
  kind: OutboxKind;
  event: OutboxEvent | null;
  commentId: number;
  recipient: string | null;
  locale: Locale | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  doneAt: number | null;
  lastError: string | null;
  key: string;
}

/** An address that asked for reply notifications. */
export interface NotifyAddress {
  id: number;
  email: string;
  locale: Locale;
  confirmedAt: number | null;
  /** Unsubscribed from every thread: never mailed again. */
  unsubscribedAt: number | null;
  /** The key of the `optin` job that owns this address's one confirmation mail. */
  confirmationKey: string;
}

/** A confirmed subscriber who is to hear of a reply. */
export interface ReplyRecipient {
  email: string;
  locale: Locale;
}

/** A comment's opt-in: its author asked to hear of replies. */
export interface OptIn {
  email: string;
  thread: string;
  locale: Locale;
}

type Row = Record<string, unknown>;

const nullable = <T>(value: unknown, as: (v: unknown) => T): T | null =>
  value === null || value === undefined ? null : as(value);

export function toJob(row: Row): OutboxJob {
  return {
    id: Number(row['id']),
    kind: String(row['kind']) as OutboxJob['kind'],
    event: nullable(row['event'], String) as OutboxJob['event'],
    commentId: Number(row['comment_id']),
    recipient: nullable(row['recipient'], String),
    locale: nullable(row['locale'], String) as Locale | null,
    status: String(row['status']) as OutboxStatus,
    attempts: Number(row['attempts']),
    nextAttemptAt: Number(row['next_attempt_at']),
    createdAt: Number(row['created_at']),
    doneAt: nullable(row['done_at'], Number),
    lastError: nullable(row['last_error'], String),
    key: String(row['idempotency_key']),
  };
}

export function toAddress(row: Row): NotifyAddress {
  return {
    id: Number(row['id']),
    email: String(row['email']),
    locale: String(row['locale']) as Locale,
    confirmedAt: nullable(row['confirmed_at'], Number),
    unsubscribedAt: nullable(row['unsubscribed_at'], Number),
    confirmationKey: String(row['confirmation_key']),
  };
}

/** A new job's idempotency key: the mail's Message-ID (local part) and the webhook's delivery id. */
export const newJobKey = () => randomUUID();

export const toOptIn = (row: Row): OptIn => ({
  email: String(row['email']),
  thread: String(row['thread']),
  locale: String(row['locale']) as Locale,
});

export const toReplyRecipient = (row: Row): ReplyRecipient => ({
  email: String(row['email']),
  locale: String(row['locale']) as Locale,
});

/** Jobs per status, from the rows of `SELECT status, count(*) AS n … GROUP BY status` (a status with none: 0). */
export function countByStatus(rows: Iterable<Row>): Record<OutboxStatus, number> {
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((status) => [status, 0])) as Record<OutboxStatus, number>;
  for (const row of rows) counts[String(row['status']) as OutboxStatus] = Number(row['n']);
  return counts;
}
