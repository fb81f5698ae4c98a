import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { immediateTransaction, statementCache } from '../comments/sqlite-transaction.ts';
import { defaultLocale, type Locale } from '../i18n/locales.ts';
import type { CommentRecord } from '../comments/store.ts';
import { countByStatus, newJobKey, toAddress, toJob, toOptIn, toReplyRecipient } from './notification-record.ts';
import type { NotifyAddress, OptIn, OutboxJob, OutboxStatus, ReplyRecipient } from './notification-record.ts';
import type { NotificationStore, NotifyPlan, OutboxDraft } from './notification-store.ts';

type Row = Record<string, unknown>;

/** The notification tables of a SQLite comment store, on its connection (so they share its transactions). */
export class SqliteNotifications implements NotificationStore {
  readonly #db: DatabaseSync;
  /** Prepared statements, kept: preparing costs more than running a small query. */
  readonly #sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = statementCache(this.#db);
  }

  /** Runs `work` in a write transaction (BEGIN IMMEDIATE), unless one is open already. */
  #transaction<T>(work: () => T): T {
    return this.#db.isTransaction ? work() : immediateTransaction(this.#db, work);
  }

  #insertJobs(commentId: number, drafts: readonly OutboxDraft[], now: number): void {
    const insert = this.#sql(
      `INSERT INTO notify_outbox (kind, event, comment_id, recipient, locale, next_attempt_at, created_at, idempotency_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    for (const draft of drafts) {
      insert.run(
        draft.kind,
        draft.event ?? null,
        commentId,
        draft.recipient ?? null,
        draft.locale ?? null,
        now,
        now,
        draft.key ?? newJobKey(),
      );
    }
  }

  /** Called by the store inside the transaction that has just inserted `comment` (synchronous, like it). */
  writePlan(comment: CommentRecord, plan: NotifyPlan, now: number): void {
    this.#insertJobs(comment.id, plan.outbox, now);
    if (plan.optIn) {
      this.#sql(`INSERT INTO notify_optins (comment_id, email, thread, locale) VALUES (?, ?, ?, ?)`).run(
        comment.id,
        comment.authorEmail,
        comment.thread,
        comment.locale,
      );
    }
  }

  async enqueue(commentId: number, drafts: readonly OutboxDraft[], now: number): Promise<void> {
    this.#transaction(() => this.#insertJobs(commentId, drafts, now));
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxJob[]> {
    return this.#transaction(() => {
      const rows = this.#sql(
        `SELECT * FROM notify_outbox
         WHERE (status = 'queued' AND next_attempt_at <= ?1) OR (status = 'sending' AND lease_until <= ?1)
         ORDER BY next_attempt_at, id LIMIT ?2`,
      ).all(now, limit) as Row[];
      const lease = this.#sql(`UPDATE notify_outbox SET status = 'sending', lease_until = ? WHERE id = ?`);
      for (const row of rows) lease.run(now + leaseMs, Number(row['id']));
      return rows.map((row) => ({ ...toJob(row), status: 'sending' as const }));
    });
  }

  async finish(id: number, status: 'sent' | 'skipped' | 'failed', now: number, error?: string | null): Promise<void> {
    this.#sql(
      `UPDATE notify_outbox SET status = ?, done_at = ?, lease_until = NULL, last_error = coalesce(?, last_error),
         attempts = attempts + (CASE WHEN ? = 'skipped' THEN 0 ELSE 1 END) WHERE id = ?`,
    ).run(status, now, error ?? null, status, id);
  }

  async retryLater(id: number, at: number, error: string | null, counted: boolean): Promise<void> {
    this.#sql(
      `UPDATE notify_outbox SET status = 'queued', next_attempt_at = ?, lease_until = NULL, last_error = coalesce(?, last_error),
         attempts = attempts + ? WHERE id = ?`,
    ).run(at, error, counted ? 1 : 0, id);
  }

  async fanOut(id: number, commentId: number, drafts: readonly OutboxDraft[], now: number): Promise<void> {
    this.#transaction(() => {
      this.#insertJobs(commentId, drafts, now);
      this.#sql(
        `UPDATE notify_outbox SET status = 'sent', done_at = ?, lease_until = NULL, attempts = attempts + 1 WHERE id = ?`,
      ).run(now, id);
    });
  }

  async wake(commentId: number, now: number): Promise<void> {
    this.#sql(
      `UPDATE notify_outbox SET next_attempt_at = ? WHERE comment_id = ? AND kind = 'reply' AND status = 'queued'`,
    ).run(now, commentId);
  }

  async outbox(query: { status?: OutboxStatus | undefined; limit?: number | undefined }): Promise<OutboxJob[]> {
    return (
      this.#sql(`SELECT * FROM notify_outbox WHERE (?1 IS NULL OR status = ?1) ORDER BY id DESC LIMIT ?2`).all(
        query.status ?? null,
        query.limit ?? 50,
      ) as Row[]
    ).map(toJob);
  }

  async outboxCounts(): Promise<Record<OutboxStatus, number>> {
    return countByStatus(this.#sql(`SELECT status, count(*) AS n FROM notify_outbox GROUP BY status`).all() as Row[]);
  }

  async requeue(id: number, now: number): Promise<boolean> {
    return (
      Number(
        this.#sql(
          `UPDATE notify_outbox SET status = 'queued', attempts = 0, next_attempt_at = ?, lease_until = NULL, done_at = NULL
           WHERE id = ? AND status IN ('failed', 'queued')`,
        ).run(now, id).changes,
      ) > 0
    );
  }

  async optInOf(commentId: number): Promise<OptIn | null> {
    const row = this.#sql(`SELECT email, thread, locale FROM notify_optins WHERE comment_id = ?`).get(commentId) as
      Row | undefined;
    return row ? toOptIn(row) : null;
  }

  async claimAddress(email: string, locale: Locale, jobKey: string, now: number): Promise<NotifyAddress> {
    this.#sql(
      `INSERT INTO notify_addresses (email, locale, created_at, confirmation_key) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
    ).run(email, locale, now, jobKey);
    return toAddress(this.#sql(`SELECT * FROM notify_addresses WHERE email = ?`).get(email) as Row);
  }

  async address(id: number): Promise<NotifyAddress | null> {
    const row = this.#sql(`SELECT * FROM notify_addresses WHERE id = ?`).get(id) as Row | undefined;
    return row ? toAddress(row) : null;
  }

  async addressByEmail(email: string): Promise<NotifyAddress | null> {
    const row = this.#sql(`SELECT * FROM notify_addresses WHERE email = ?`).get(email) as Row | undefined;
    return row ? toAddress(row) : null;
  }

  async confirmAddress(id: number, now: number): Promise<boolean> {
    return (
      Number(
        this.#sql(`UPDATE notify_addresses SET confirmed_at = coalesce(confirmed_at, ?) WHERE id = ?`).run(now, id)
          .changes,
      ) > 0
    );
  }

  async unsubscribe(email: string, thread: string | null, now: number): Promise<void> {
    if (thread === null) {
      // Kept even for an address that never asked: "never mail me" holds before any opt-in too.
      this.#sql(
        `INSERT INTO notify_addresses (email, locale, created_at, confirmation_key, unsubscribed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (email) DO UPDATE SET unsubscribed_at = coalesce(notify_addresses.unsubscribed_at, excluded.unsubscribed_at)`,
      ).run(email, defaultLocale, now, newJobKey(), now);
    } else {
      this.#sql(
        `INSERT INTO notify_thread_unsubscribes (email, thread, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
      ).run(email, thread, now);
    }
  }

  async isUnsubscribed(email: string, thread: string): Promise<boolean> {
    return (
      this.#sql(
        `SELECT 1 FROM notify_addresses WHERE email = ?1 AND unsubscribed_at IS NOT NULL
         UNION ALL SELECT 1 FROM notify_thread_unsubscribes WHERE email = ?1 AND thread = ?2 LIMIT 1`,
      ).get(email, thread) !== undefined
    );
  }

  async replyRecipients(reply: CommentRecord): Promise<ReplyRecipient[]> {
    if (reply.parentId === null) return [];
    const rows = this.#sql(
      `SELECT o.email, min(o.locale) AS locale FROM notify_optins o
         JOIN comments c ON c.id = o.comment_id
         JOIN notify_addresses a ON a.email = o.email AND a.confirmed_at IS NOT NULL AND a.unsubscribed_at IS NULL
       WHERE (c.id = ?1 OR (c.parent_id = ?1 AND c.status = 'approved' AND c.id < ?2))
         AND o.email != ?3
         AND NOT EXISTS (SELECT 1 FROM notify_thread_unsubscribes u WHERE u.email = o.email AND u.thread = c.thread)
       GROUP BY o.email ORDER BY o.email`,
    ).all(reply.parentId, reply.id, reply.authorEmail) as Row[];
    return rows.map(toReplyRecipient);
  }

  async useLink(key: string, now: number): Promise<boolean> {
    return (
      Number(
        this.#sql(`INSERT INTO notify_used_links (key, used_at) VALUES (?, ?) ON CONFLICT DO NOTHING`).run(key, now)
          .changes,
      ) > 0
    );
  }

  async releaseLink(key: string): Promise<void> {
    this.#sql(`DELETE FROM notify_used_links WHERE key = ?`).run(key);
  }
}
