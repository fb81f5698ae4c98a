import postgres from 'postgres';
import { MIGRATIONS, SCHEMA_VERSION, newerSchemaMessage } from './migrations.ts';
import { commentFromRow, commentRow } from './record.ts';
import { floodWaitSeconds } from './spam.ts';
import type { CommentRecord, CommentStatus, NewComment } from './record.ts';
import { StoreUnavailableError } from './store.ts';
import type { CheckedInsert, CommentStore, InsertRules, ListQuery, ThreadPage } from './store.ts';
import { adminSessionFromRow } from './moderation-store.ts';
import type { AdminSession, SearchQuery, SearchResult, SignInFailures } from './moderation-store.ts';
import { PostgresNotifications, writePlanPostgres } from '../notify/postgres-notifications.ts';

type Sql = postgres.Sql;

/** The channel the `comments_changed` trigger (migration 1) notifies after every committed change. */
const CHANGE_CHANNEL = 'comments_changed';
/** Any fixed number: the advisory lock that lets one instance at a time migrate the schema. */
const MIGRATION_LOCK = 7_345_110_011;

/**
 * How `insertChecked` keeps its checks and its insert atomic across instances:
 * `advisory-lock` (the default) serialises the transactions of one sender (IP hash, email and
 * fingerprint each a `pg_advisory_xact_lock`); `serializable` runs the transaction at
 * SERIALIZABLE isolation and retries it on a serialisation failure. Both are correct (the
 * contract tests run both); `npm run bench:comments` measures them (docs/performance.md).
 */
export type CheckedInsertMode = 'advisory-lock' | 'serializable';

export interface PostgresStoreOptions {
  /** Connections in this instance's pool (COMMENTS_DATABASE_POOL, default 10); the listener takes one more. */
  pool?: number | undefined;
  /** Seconds to wait for a connection before the database counts as unavailable (default 5). */
  connectTimeoutSeconds?: number | undefined;
  checkedInsert?: CheckedInsertMode | undefined;
}

/** The URL as it may be printed: the password replaced by `***`. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

// Errors that mean "the database is not there right now" (connection refused, closed, timed out,
// the server shutting down or starting up), as opposed to a bug or bad data.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = String((error as { code?: unknown }).code ?? '');
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
  // Node reports a refused connection to several addresses (localhost: ::1 and 127.0.0.1) as one AggregateError.
  return error instanceof AggregateError && error.errors.some(isUnavailable);
}

/** A serialisation failure or deadlock: the transaction may simply run again. */
const isRetryable = (error: unknown) => ['40001', '40P01'].includes(String((error as { code?: unknown }).code ?? ''));

function unavailable(error: unknown): never {
  if (isUnavailable(error))
    throw new StoreUnavailableError('The comments database (PostgreSQL) does not answer', { cause: error });
  // Still failing after every retry: nothing was stored, and the reader may send again later (503 + Retry-After, not 500).
  if (isRetryable(error))
    throw new StoreUnavailableError('The comments database (PostgreSQL) is too busy to store this now', {
      cause: error,
    });
  throw error;
}

/**
 * Comments in PostgreSQL, for several API instances on one database (COMMENTS_DATABASE_URL).
 * Open it with `PostgresCommentStore.open`, which checks the connection and migrates the schema.
 *
 * Read cache across instances: `revision()` is a counter in this process, moved on by this
 * instance's own writes (after they commit) and by every `comments_changed` notification, which
 * PostgreSQL delivers to the listening connection when another instance's (or the CLI's) write
 * commits. While that connection is down, `revision()` answers a new value on every call, so
 * nothing is served from the cache; once it is back the counter moves on, dropping whatever was
 * cached before. Staleness is thus bounded by the notification's delivery (milliseconds on a
 * local network; the contract and HTTP tests hold it under 1 s).
 */
export class PostgresCommentStore implements CommentStore {
  readonly #sql: Sql;
  readonly #listener: Sql;
  readonly #mode: CheckedInsertMode;
  #listening = false;
  #closed = false;
  #generation = 0;
  #changes = 0;
  #relisten: NodeJS.Timeout | null = null;
  readonly notifications: PostgresNotifications;
  /** Transactions `insertChecked` ran again after a serialisation failure or deadlock (the benchmark reads it). */
  retries = 0;

  private constructor(url: string, options: PostgresStoreOptions) {
    const common = {
      connect_timeout: options.connectTimeoutSeconds ?? 5,
      onnotice: () => {},
    };
    this.#mode = options.checkedInsert ?? 'advisory-lock';
    this.#sql = postgres(url, { ...common, max: options.pool ?? 10, idle_timeout: 60 });
    this.notifications = new PostgresNotifications(this.#sql, unavailable);
    // onnotify and onclose are options postgres.js reads (its own listen() uses them) but does not type.
    this.#listener = postgres(url, {
      ...common,
      max: 1,
      idle_timeout: 0,
      max_lifetime: 0,
      fetch_types: false,
      onnotify: () => {
        this.#changes++;
      },
      onclose: () => {
        this.#listening = false;
        this.#scheduleListen();
      },
    } as postgres.Options<Record<string, never>>);
  }

  /**
   * Connects, applies the schema migrations and starts listening for other instances' changes.
   * Fails with a message naming COMMENTS_DATABASE_URL (password hidden) when the server cannot be
   * reached or refuses the login.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresCommentStore> {
    const shown = redactDatabaseUrl(url);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`COMMENTS_DATABASE_URL is not a URL: give it as postgres://user:password@host:5432/database`);
    }
    if (!['postgres:', 'postgresql:'].includes(parsed.protocol)) {
      throw new Error(`COMMENTS_DATABASE_URL must start with postgres:// (got ${parsed.protocol}//…)`);
    }
    const store = new PostgresCommentStore(url, options);
    try {
      await store.#sql`SELECT 1`;
    } catch (error) {
      await store.close();
      const password = decodeURIComponent(parsed.password);
      const reason =
        error instanceof Error
          ? error instanceof AggregateError && error.errors[0] instanceof Error
            ? error.errors[0].message
            : error.message
          : String(error);
      throw new Error(
        `COMMENTS_DATABASE_URL: cannot connect to ${shown}: ${password ? reason.replaceAll(password, '***') : reason}`,
      );
    }
    try {
      await store.#migrate();
      await store.#listen();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** Applies missing migrations in one transaction, under a lock so instances starting together take turns. */
  async #migrate(): Promise<void> {
    await this.#sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      await tx`CREATE TABLE IF NOT EXISTS comments_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`;
      const [row] = await tx`SELECT coalesce(max(version), 0) AS version FROM comments_schema`;
      const current = Number(row?.['version'] ?? 0);
      if (current > SCHEMA_VERSION) throw new Error(newerSchemaMessage(current));
      for (let version = current; version < SCHEMA_VERSION; version++) {
        const migration = MIGRATIONS[version];
        if (!migration) break;
        await tx.unsafe(migration.postgres);
        await tx`INSERT INTO comments_schema (version, name) VALUES (${version + 1}, ${migration.name})`;
      }
    });
  }

  /** The schema version of the database. */
  async schemaVersion(): Promise<number> {
    const [row] = await this.#sql`SELECT coalesce(max(version), 0) AS version FROM comments_schema`;
    return Number(row?.['version'] ?? 0);
  }

  async #listen(): Promise<void> {
    await this.#listener.unsafe(`LISTEN ${CHANGE_CHANNEL}`);
    // Whatever was cached before may have missed notifications: start a new generation.
    this.#generation++;
    this.#listening = true;
  }

  #scheduleListen(): void {
    if (this.#closed || this.#relisten) return;
    this.#relisten = setTimeout(() => {
      this.#relisten = null;
      if (this.#closed || this.#listening) return;
      this.#listen().catch(() => this.#scheduleListen());
    }, 250);
    this.#relisten.unref();
  }

  /** Marks a write of this instance, once committed: its own reads see it without waiting for the notification. */
  #changed(): void {
    this.#changes++;
  }

  async insert(comment: NewComment): Promise<CommentRecord> {
    try {
      const [row] = await this.#sql`
        INSERT INTO comments ${this.#sql(commentRow(comment, false))} RETURNING id`;
      this.#changed();
      return { ...comment, id: Number(row?.['id']) };
    } catch (error) {
      return unavailable(error);
    }
  }

  async insertChecked(comment: NewComment, rules: InsertRules): Promise<CheckedInsert> {
    try {
      const result =
        this.#mode === 'serializable'
          ? await this.#insertSerializable(comment, rules)
          : await this.#insertLocked(comment, rules);
      if (result.ok) this.#changed();
      return result;
    } catch (error) {
      return unavailable(error);
    }
  }

  /** Checks and inserts inside a transaction; the caller makes it atomic (lock or isolation level). */
  async #checkAndInsert(tx: postgres.TransactionSql, comment: NewComment, rules: InsertRules): Promise<CheckedInsert> {
    const [check] = await tx`
      SELECT greatest((SELECT max(created_at) FROM comments WHERE ip_hash = ${comment.ipHash}),
                      (SELECT max(created_at) FROM comments WHERE author_email = ${comment.authorEmail})) AS latest,
             EXISTS (SELECT 1 FROM comments WHERE fingerprint = ${comment.fingerprint} AND status <> 'trash') AS duplicate`;
    const latest = check?.['latest'] === null || check?.['latest'] === undefined ? null : Number(check['latest']);
    const wait = floodWaitSeconds(latest, comment.createdAt, rules.floodSeconds);
    if (wait > 0) return { ok: false, reason: 'flood', retryAfterSeconds: wait };
    if (check?.['duplicate'] === true) return { ok: false, reason: 'duplicate' };
    const [row] = await tx`
      INSERT INTO comments ${tx(commentRow(comment, false))} RETURNING id`;
    const stored = { ...comment, id: Number(row?.['id']) };
    // The notifications about it commit (or roll back) with the comment.
    if (rules.notify) await writePlanPostgres(tx, stored, rules.notify, comment.createdAt);
    return { ok: true, comment: stored };
  }

  /**
   * One sender at a time: the transaction first takes a transaction-scoped advisory lock on each of
   * the sender's keys, in one fixed order (sorted lock ids, so two transactions never wait on each
   * other crosswise), and only then reads, so its checks see every comment committed before it.
   */
  async #insertLocked(comment: NewComment, rules: InsertRules): Promise<CheckedInsert> {
    const keys = [`ip:${comment.ipHash}`, `email:${comment.authorEmail}`, `fingerprint:${comment.fingerprint}`];
    return this.#retrying(
      async () =>
        (await this.#sql.begin(async (tx) => {
          await tx`SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest(${keys}::text[]) AS key ORDER BY 1) AS locks`;
          return this.#checkAndInsert(tx, comment, rules);
        })) as CheckedInsert,
    );
  }

  /** SERIALIZABLE: PostgreSQL aborts one of two transactions whose reads and writes overlap; it runs again. */
  async #insertSerializable(comment: NewComment, rules: InsertRules): Promise<CheckedInsert> {
    return this.#retrying(
      async () =>
        (await this.#sql.begin('isolation level serializable', (tx) =>
          this.#checkAndInsert(tx, comment, rules),
        )) as CheckedInsert,
    );
  }

  /** Runs a transaction again after a serialisation failure or a deadlock (nothing of it was stored), up to 20 times. */
  async #retrying<T>(transaction: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await transaction();
      } catch (error) {
        if (!isRetryable(error) || attempt >= 20) throw error;
        this.retries++;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * (attempt + 1)));
      }
    }
  }

  async get(id: number): Promise<CommentRecord | null> {
    try {
      const [row] = await this.#sql`SELECT * FROM comments WHERE id = ${id}`;
      return row ? commentFromRow(row) : null;
    } catch (error) {
      return unavailable(error);
    }
  }

  async approvedPage(thread: string, page: number, perPage: number): Promise<ThreadPage> {
    try {
      const [counts] = await this.#sql`
        SELECT count(*) AS total, count(*) FILTER (WHERE parent_id IS NULL) AS top FROM comments WHERE thread = ${thread} AND status = 'approved'`;
      const top = (
        await this.#sql`
          SELECT * FROM comments WHERE thread = ${thread} AND status = 'approved' AND parent_id IS NULL
          ORDER BY created_at, id LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`
      ).map(commentFromRow);
      const replies =
        top.length === 0
          ? []
          : (
              await this.#sql`
                SELECT * FROM comments WHERE parent_id = ANY(${top.map((comment) => comment.id)}::bigint[]) AND status = 'approved' ORDER BY created_at, id`
            ).map(commentFromRow);
      return {
        total: Number(counts?.['total'] ?? 0),
        topLevel: Number(counts?.['top'] ?? 0),
        comments: top.map((comment) => ({
          ...comment,
          replies: replies.filter((reply) => reply.parentId === comment.id),
        })),
      };
    } catch (error) {
      return unavailable(error);
    }
  }

  async approvedCounts(threads: readonly string[]): Promise<Record<string, number>> {
    try {
      const counts: Record<string, number> = Object.fromEntries(threads.map((thread) => [thread, 0]));
      const rows = await this.#sql`
        SELECT thread, count(*) AS n FROM comments WHERE status = 'approved' AND thread = ANY(${[...threads]}::text[]) GROUP BY thread`;
      for (const row of rows) counts[String(row['thread'])] = Number(row['n']);
      return counts;
    } catch (error) {
      return unavailable(error);
    }
  }

  async hasApprovedFrom(name: string, email: string): Promise<boolean> {
    try {
      const rows = await this
        .#sql`SELECT 1 FROM comments WHERE author_email = ${email} AND author_name = ${name} AND status = 'approved' LIMIT 1`;
      return rows.length > 0;
    } catch (error) {
      return unavailable(error);
    }
  }

  async list(query: ListQuery): Promise<CommentRecord[]> {
    try {
      const rows = await this.#sql`
        SELECT * FROM comments WHERE (${query.status ?? null}::text IS NULL OR status = ${query.status ?? null})
          AND (${query.thread ?? null}::text IS NULL OR thread = ${query.thread ?? null})
        ORDER BY created_at DESC, id DESC LIMIT ${query.limit ?? 100} OFFSET ${query.offset ?? 0}`;
      return rows.map(commentFromRow);
    } catch (error) {
      return unavailable(error);
    }
  }

  async setStatus(id: number, status: CommentStatus): Promise<boolean> {
    try {
      const result = await this.#sql`UPDATE comments SET status = ${status} WHERE id = ${id}`;
      this.#changed();
      return result.count > 0;
    } catch (error) {
      return unavailable(error);
    }
  }

  async delete(id: number): Promise<boolean> {
    try {
      const result = await this.#sql`DELETE FROM comments WHERE id = ${id}`;
      this.#changed();
      return result.count > 0;
    } catch (error) {
      return unavailable(error);
    }
  }

  async all(): Promise<CommentRecord[]> {
    try {
      return (await this.#sql`SELECT * FROM comments ORDER BY created_at, id`).map(commentFromRow);
    } catch (error) {
      return unavailable(error);
    }
  }

  /**
   * One transaction: every comment in (ids kept, existing ids skipped), then the id sequence moved
   * past the largest id, so new comments never collide with imported ones.
   */
  async importMany(comments: readonly CommentRecord[]): Promise<number> {
    try {
      const added = (await this.#sql.begin(async (tx) => {
        let count = 0;
        // Parents first, so replies find the comment they answer.
        const sorted = [...comments].sort(
          (a, b) => Number(a.parentId !== null) - Number(b.parentId !== null) || a.id - b.id,
        );
        for (let start = 0; start < sorted.length; start += 2000) {
          const chunk = sorted.slice(start, start + 2000);
          const column = <T>(pick: (c: CommentRecord) => T) => chunk.map(pick);
          const result = await tx`
            INSERT INTO comments (id, thread, parent_id, locale, author_name, author_email, author_url, body, status, created_at, ip_hash, fingerprint)
            SELECT * FROM unnest(${column((c) => c.id)}::bigint[], ${column((c) => c.thread)}::text[], ${column((c) => c.parentId)}::bigint[],
                                 ${column((c) => c.locale)}::text[], ${column((c) => c.authorName)}::text[], ${column((c) => c.authorEmail)}::text[],
                                 ${column((c) => c.authorUrl)}::text[], ${column((c) => c.body)}::text[], ${column((c) => c.status)}::text[],
                                 ${column((c) => c.createdAt)}::bigint[], ${column((c) => c.ipHash)}::text[], ${column((c) => c.fingerprint)}::text[])
            ON CONFLICT (id) DO NOTHING`;
          count += result.count;
        }
        await tx`SELECT setval(pg_get_serial_sequence('comments', 'id'), greatest((SELECT max(id) FROM comments), 1), (SELECT count(*) > 0 FROM comments))`;
        return count;
      })) as number;
      this.#changed();
      return added;
    } catch (error) {
      return unavailable(error);
    }
  }

  async revision(): Promise<string> {
    // Not listening: no way to know what others wrote, so a value never seen before (no cache hits).
    if (!this.#listening) return `unlistened.${++this.#changes}`;
    return `${this.#generation}.${this.#changes}`;
  }

  async getSetting(key: string): Promise<string | null> {
    try {
      const [row] = await this.#sql`SELECT value FROM settings WHERE key = ${key}`;
      return row ? String(row['value']) : null;
    } catch (error) {
      return unavailable(error);
    }
  }

  async setSetting(key: string, value: string): Promise<void> {
    try {
      await this
        .#sql`INSERT INTO settings (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
    } catch (error) {
      return unavailable(error);
    }
  }

  async initSetting(key: string, value: string): Promise<string> {
    try {
      await this.#sql`INSERT INTO settings (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO NOTHING`;
      const [row] = await this.#sql`SELECT value FROM settings WHERE key = ${key}`;
      return String(row?.['value']);
    } catch (error) {
      return unavailable(error);
    }
  }

  async healthCheck(): Promise<void> {
    try {
      await this.#sql`SELECT 1`;
    } catch (error) {
      throw new StoreUnavailableError('The comments database (PostgreSQL) does not answer', { cause: error });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#relisten) clearTimeout(this.#relisten);
    await Promise.all([this.#sql.end({ timeout: 5 }), this.#listener.end({ timeout: 1 })]);
  }

  // The moderation page (src/admin/): search, actions on many comments, sessions, failed sign-ins.

  async search(query: SearchQuery): Promise<SearchResult> {
    try {
      const status = query.status ?? null;
      const pattern = query.text ? `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const where = this.#sql`(${status}::text IS NULL OR status = ${status})
        AND (${pattern}::text IS NULL OR author_name ILIKE ${pattern} OR author_email ILIKE ${pattern} OR body ILIKE ${pattern})`;
      const [total] = await this.#sql`SELECT count(*) AS n FROM comments WHERE ${where}`;
      const rows = await this.#sql`SELECT * FROM comments WHERE ${where}
        ORDER BY status = 'pending' DESC, created_at DESC, id DESC LIMIT ${query.limit} OFFSET ${query.offset}`;
      return { total: Number(total?.['n'] ?? 0), comments: rows.map(commentFromRow) };
    } catch (error) {
      return unavailable(error);
    }
  }

  async setStatusMany(ids: readonly number[], status: CommentStatus): Promise<number> {
    try {
      const result = await this.#sql`UPDATE comments SET status = ${status} WHERE id = ANY(${[...ids]}::bigint[])`;
      this.#changed();
      return result.count;
    } catch (error) {
      return unavailable(error);
    }
  }

  async deleteMany(ids: readonly number[]): Promise<number> {
    try {
      const found = (await this.#sql.begin(async (tx) => {
        const [row] = await tx`SELECT count(*) AS n FROM comments WHERE id = ANY(${[...ids]}::bigint[])`;
        await tx`DELETE FROM comments WHERE id = ANY(${[...ids]}::bigint[])`;
        return Number(row?.['n'] ?? 0);
      })) as number;
      this.#changed();
      return found;
    } catch (error) {
      return unavailable(error);
    }
  }

  async createAdminSession(session: AdminSession): Promise<void> {
    try {
      await this.#sql`DELETE FROM admin_sessions WHERE expires_at <= ${session.createdAt}`;
      await this.#sql`INSERT INTO admin_sessions (id_hash, csrf_token, created_at, expires_at)
        VALUES (${session.idHash}, ${session.csrfToken}, ${session.createdAt}, ${session.expiresAt})`;
    } catch (error) {
      return unavailable(error);
    }
  }

  async adminSession(idHash: string, now: number): Promise<AdminSession | null> {
    try {
      const [row] = await this.#sql`SELECT * FROM admin_sessions WHERE id_hash = ${idHash} AND expires_at > ${now}`;
      return row ? adminSessionFromRow(row) : null;
    } catch (error) {
      return unavailable(error);
    }
  }

  async deleteAdminSession(idHash: string): Promise<void> {
    try {
      await this.#sql`DELETE FROM admin_sessions WHERE id_hash = ${idHash}`;
    } catch (error) {
      return unavailable(error);
    }
  }

  async recordSignInFailure(ipHash: string, at: number): Promise<void> {
    try {
      await this.#sql`DELETE FROM admin_sign_in_failures WHERE at < ${at - 86_400_000}`;
      await this.#sql`INSERT INTO admin_sign_in_failures (ip_hash, at) VALUES (${ipHash}, ${at})`;
    } catch (error) {
      return unavailable(error);
    }
  }

  async signInFailures(ipHash: string, since: number): Promise<SignInFailures> {
    try {
      const [row] = await this.#sql`
        SELECT count(*) AS all_n, min(at) AS all_oldest, count(*) FILTER (WHERE ip_hash = ${ipHash}) AS ip_n,
               min(at) FILTER (WHERE ip_hash = ${ipHash}) AS ip_oldest
        FROM admin_sign_in_failures WHERE at >= ${since}`;
      const time = (value: unknown) => (value === null || value === undefined ? null : Number(value));
      return {
        byIp: Number(row?.['ip_n'] ?? 0),
        all: Number(row?.['all_n'] ?? 0),
        oldestByIp: time(row?.['ip_oldest']),
        oldestAll: time(row?.['all_oldest']),
      };
    } catch (error) {
      return unavailable(error);
    }
  }
}
