import type postgres from 'postgres';
import { defaultLocale, type Locale } from '../i18n/locales.ts';
import type { CommentRecord } from '../comments/store.ts';
import { countByStatus, newJobKey, toAddress, toJob, toOptIn, toReplyRecipient } from './notification-record.ts';
import type { NotifyAddress, OptIn, OutboxJob, OutboxStatus, ReplyRecipient } from './notification-record.ts';
import type { NotificationStore, NotifyPlan, OutboxDraft } from './notification-store.ts';

type Sql = postgres.Sql | postgres.TransactionSql;

async function insertJobs(sql: Sql, commentId: number, drafts: readonly OutboxDraft[], now: number): Promise<void> {
  if (drafts.length === 0) return;
  const column = <T>(pick: (d: OutboxDraft) => T) => drafts.map(pick);
  await sql`
    INSERT INTO notify_outbox (kind, event, comment_id, recipient, locale, next_attempt_at, created_at, idempotency_key)
    SELECT kind, event, ${commentId}, recipient, locale, ${now}, ${now}, key
    FROM unnest(${column((d) => d.kind)}::text[], ${column((d) => d.event ?? null)}::text[], ${column((d) => d.recipient ?? null)}::text[],
                ${column((d) => d.locale ?? null)}::text[], ${column((d) => d.key ?? newJobKey())}::text[]) AS t(kind, event, recipient, locale, key)
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

/** Called by the PostgreSQL store inside the transaction that has just inserted `comment`. */
export async function writePlanPostgres(
  tx: postgres.TransactionSql,
  comment: CommentRecord,
  plan: NotifyPlan,
  now: number,
): Promise<void> {
  await insertJobs(tx, comment.id, plan.outbox, now);
  if (plan.optIn) {
    await tx`INSERT INTO notify_optins (comment_id, email, thread, locale)
             VALUES (${comment.id}, ${comment.authorEmail}, ${comment.thread}, ${comment.locale})`;
  }
}

/**
 * The notification tables of a PostgreSQL comment store, on its pool. `wrap` turns driver errors
 * into the store's (StoreUnavailableError when the database is away).
 */
export class PostgresNotifications implements NotificationStore {
  readonly #sql: postgres.Sql;
  readonly #wrap: (error: unknown) => never;

  constructor(sql: postgres.Sql, wrap: (error: unknown) => never) {
    this.#sql = sql;
    this.#wrap = wrap;
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      return this.#wrap(error);
    }
  }

  enqueue(commentId: number, drafts: readonly OutboxDraft[], now: number): Promise<void> {
    return this.#run(() => insertJobs(this.#sql, commentId, drafts, now));
  }

  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxJob[]> {
    // SKIP LOCKED: several instances poll the same outbox; each job goes to one of them.
    return this.#run(async () =>
      (
        await this.#sql`
          UPDATE notify_outbox SET status = 'sending', lease_until = ${now + leaseMs}
          WHERE id IN (SELECT id FROM notify_outbox
                       WHERE (status = 'queued' AND next_attempt_at <= ${now}) OR (status = 'sending' AND lease_until <= ${now})
                       ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING *`
      )
        .map(toJob)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id),
    );
  }

  finish(id: number, status: 'sent' | 'skipped' | 'failed', now: number, error?: string | null): Promise<void> {
    return this.#run(async () => {
      await this.#sql`
        UPDATE notify_outbox SET status = ${status}, done_at = ${now}, lease_until = NULL, last_error = coalesce(${error ?? null}, last_error),
          attempts = attempts + ${status === 'skipped' ? 0 : 1} WHERE id = ${id}`;
    });
  }

  retryLater(id: number, at: number, error: string | null, counted: boolean): Promise<void> {
    return this.#run(async () => {
      await this.#sql`
        UPDATE notify_outbox SET status = 'queued', next_attempt_at = ${at}, lease_until = NULL,
          last_error = coalesce(${error}, last_error), attempts = attempts + ${counted ? 1 : 0} WHERE id = ${id}`;
    });
  }

  fanOut(id: number, commentId: number, drafts: readonly OutboxDraft[], now: number): Promise<void> {
    return this.#run(async () => {
      await this.#sql.begin(async (tx) => {
        await insertJobs(tx, commentId, drafts, now);
        await tx`UPDATE notify_outbox SET status = 'sent', done_at = ${now}, lease_until = NULL, attempts = attempts + 1 WHERE id = ${id}`;
      });
    });
  }

  wake(commentId: number, now: number): Promise<void> {
    return this.#run(async () => {
      await this.#sql`UPDATE notify_outbox SET next_attempt_at = ${now}
                      WHERE comment_id = ${commentId} AND kind = 'reply' AND status = 'queued'`;
    });
  }

  outbox(query: { status?: OutboxStatus | undefined; limit?: number | undefined }): Promise<OutboxJob[]> {
    return this.#run(async () =>
      (
        await this
          .#sql`SELECT * FROM notify_outbox WHERE (${query.status ?? null}::text IS NULL OR status = ${query.status ?? null})
                        ORDER BY id DESC LIMIT ${query.limit ?? 50}`
      ).map(toJob),
    );
  }

  outboxCounts(): Promise<Record<OutboxStatus, number>> {
    return this.#run(async () => {
      const rows = await this.#sql`SELECT status, count(*) AS n FROM notify_outbox GROUP BY status`;
      return countByStatus(rows);
    });
  }

  requeue(id: number, now: number): Promise<boolean> {
    return this.#run(async () => {
      const result = await this.#sql`
        UPDATE notify_outbox SET status = 'queued', attempts = 0, next_attempt_at = ${now}, lease_until = NULL, done_at = NULL
        WHERE id = ${id} AND status IN ('failed', 'queued')`;
      return result.count > 0;
    });
  }

  optInOf(commentId: number): Promise<OptIn | null> {
    return this.#run(async () => {
      const [row] = await this.#sql`SELECT email, thread, locale FROM notify_optins WHERE comment_id = ${commentId}`;
      return row ? toOptIn(row) : null;
    });
  }

  claimAddress(email: string, locale: Locale, jobKey: string, now: number): Promise<NotifyAddress> {
    return this.#run(async () => {
      await this.#sql`INSERT INTO notify_addresses (email, locale, created_at, confirmation_key)
                      VALUES (${email}, ${locale}, ${now}, ${jobKey}) ON CONFLICT (email) DO NOTHING`;
      const [row] = await this.#sql`SELECT * FROM notify_addresses WHERE email = ${email}`;
      return toAddress(row as Record<string, unknown>);
    });
  }

  address(id: number): Promise<NotifyAddress | null> {
    return this.#run(async () => {
      const [row] = await this.#sql`SELECT * FROM notify_addresses WHERE id = ${id}`;
      return row ? toAddress(row) : null;
    });
  }

  addressByEmail(email: string): Promise<NotifyAddress | null> {
    return this.#run(async () => {
      const [row] = await this.#sql`SELECT * FROM notify_addresses WHERE email = ${email}`;
      return row ? toAddress(row) : null;
    });
  }

  confirmAddress(id: number, now: number): Promise<boolean> {
    return this.#run(async () => {
      const result = await this
        .#sql`UPDATE notify_addresses SET confirmed_at = coalesce(confirmed_at, ${now}) WHERE id = ${id}`;
      return result.count > 0;
    });
  }

  unsubscribe(email: string, thread: string | null, now: number): Promise<void> {
    return this.#run(async () => {
      if (thread === null) {
        await this.#sql`
          INSERT INTO notify_addresses (email, locale, created_at, confirmation_key, unsubscribed_at)
          VALUES (${email}, ${defaultLocale}, ${now}, ${newJobKey()}, ${now})
          ON CONFLICT (email) DO UPDATE SET unsubscribed_at = coalesce(notify_addresses.unsubscribed_at, excluded.unsubscribed_at)`;
      } else {
        await this.#sql`INSERT INTO notify_thread_unsubscribes (email, thread, created_at)
                        VALUES (${email}, ${thread}, ${now}) ON CONFLICT DO NOTHING`;
      }
    });
  }

  isUnsubscribed(email: string, thread: string): Promise<boolean> {
    return this.#run(async () => {
      const rows = await this.#sql`
        SELECT 1 FROM notify_addresses WHERE email = ${email} AND unsubscribed_at IS NOT NULL
        UNION ALL SELECT 1 FROM notify_thread_unsubscribes WHERE email = ${email} AND thread = ${thread} LIMIT 1`;
      return rows.length > 0;
    });
  }

  replyRecipients(reply: CommentRecord): Promise<ReplyRecipient[]> {
    if (reply.parentId === null) return Promise.resolve([]);
    return this.#run(async () => {
      const rows = await this.#sql`
        SELECT o.email, min(o.locale) AS locale FROM notify_optins o
          JOIN comments c ON c.id = o.comment_id
          JOIN notify_addresses a ON a.email = o.email AND a.confirmed_at IS NOT NULL AND a.unsubscribed_at IS NULL
        WHERE (c.id = ${reply.parentId} OR (c.parent_id = ${reply.parentId} AND c.status = 'approved' AND c.id < ${reply.id}))
          AND o.email <> ${reply.authorEmail}
          AND NOT EXISTS (SELECT 1 FROM notify_thread_unsubscribes u WHERE u.email = o.email AND u.thread = c.thread)
        GROUP BY o.email ORDER BY o.email`;
      return rows.map(toReplyRecipient);
    });
  }

  useLink(key: string, now: number): Promise<boolean> {
    return this.#run(async () => {
      const result = await this
        .#sql`INSERT INTO notify_used_links (key, used_at) VALUES (${key}, ${now}) ON CONFLICT DO NOTHING`;
      return result.count > 0;
    });
  }

  releaseLink(key: string): Promise<void> {
    return this.#run(async () => {
      await this.#sql`DELETE FROM notify_used_links WHERE key = ${key}`;
    });
  }
}
