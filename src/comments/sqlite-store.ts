import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { MIGRATIONS, SCHEMA_VERSION, newerSchemaMessage } from './migrations.ts';
import { commentColumns, commentFromRow, commentRow } from './record.ts';
import { floodWaitSeconds } from './spam.ts';
import { SqliteNotifications } from '../notify/sqlite-notifications.ts';
import { immediateTransaction, statementCache } from './sqlite-transaction.ts';
import type { CommentRecord, CommentStatus, NewComment } from './record.ts';
import { StoreUnavailableError } from './store.ts';
import type { CheckedInsert, CommentStore, InsertRules, ListQuery, ThreadPage } from './store.ts';
import { adminSessionFromRow } from './moderation-store.ts';
import type { AdminSession, SearchQuery, SearchResult, SignInFailures } from './moderation-store.ts';

export { SCHEMA_VERSION } from './migrations.ts';

type Row = Record<string, unknown>;

/** `INSERT INTO comments (…) VALUES (:…)` for the columns of `commentRow(…, withId)`, run with that row. */
function insertSql(withId: boolean, verb = 'INSERT'): string {
  const columns = commentColumns(withId);
  return `${verb} INTO comments (${columns.join(', ')}) VALUES (${columns.map((column) => `:${column}`).join(', ')})`;
}

// Runs in a worker thread with its own connection: copies the WAL back into the database file
// (and fsyncs it) without blocking the server's event loop. PASSIVE never waits for, or blocks, writers.
const CHECKPOINT_WORKER = `
const { workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA busy_timeout = 1000');
setInterval(() => {
  try { db.exec('PRAGMA wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.intervalMs);
`;

/** How hard SQLite pushes each commit to the disk (see `SqliteCommentStore`). */
export type Synchronous = 'NORMAL' | 'FULL';

/**
 * Comments in one SQLite file through `node:sqlite`.
 *
 * Durability: WAL journal, `synchronous = NORMAL` by default. A POST is answered after its
 * transaction has committed, which in WAL mode means its frames have been written to the WAL
 * file with `write()`: they are in the operating system's page cache, which outlives the
 * process, so an answered comment survives `kill -9` of the server or a crash of Node (the
 * benchmark's kill -9 run checks this). What NORMAL gives up is the fsync per commit: an
 * operating-system crash or power cut can lose the last commits before a checkpoint. `FULL`
 * (COMMENTS_SYNCHRONOUS=FULL) fsyncs every commit and survives that too, at the price of one
 * fsync per comment: every POST then waits for the disk, which measured well on a quiet disk
 * and above a second at p99 while other jobs wrote to it (docs/performance.md).
 */
export class SqliteCommentStore implements CommentStore {
  readonly #db: DatabaseSync;
  /** Prepared statements, kept: preparing costs more than running a small query. */
  readonly #sql: (sql: string) => StatementSync;
  /** Writes through this connection; `PRAGMA data_version` only counts other connections' writes. */
  #ownWrites = 0;
  #checkpointer: Worker | null = null;
  readonly notifications: SqliteNotifications;

  /**
   * Opens (creating when needed) the database at `path`; `:memory:` for a throwaway store.
   * With `backgroundCheckpoint`, WAL checkpoints run in a worker thread instead of inside an
   * occasional commit, so no request waits for one (the server turns this on).
   */
  constructor(
    path: string,
    options: { synchronous?: Synchronous | undefined; backgroundCheckpoint?: boolean | undefined } = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path);
    this.#sql = statementCache(this.#db);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec(`PRAGMA synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    this.#db.exec('PRAGMA foreign_keys = ON');
    // Another process (the moderation CLI) may hold the write lock for a moment.
    this.#db.exec('PRAGMA busy_timeout = 5000');
    this.#migrate();
    this.notifications = new SqliteNotifications(this.#db);
    if (options.backgroundCheckpoint && path !== ':memory:') {
      this.#db.exec('PRAGMA wal_autocheckpoint = 0');
      this.#checkpointer = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { path, intervalMs: 1000 } });
      this.#checkpointer.unref();
    }
  }

  #migrate(): void {
    const current = Number((this.#db.prepare('PRAGMA user_version').get() as Row)['user_version']);
    if (current > SCHEMA_VERSION) {
      throw new Error(newerSchemaMessage(current));
    }
    for (let version = current; version < SCHEMA_VERSION; version++) {
      immediateTransaction(this.#db, () => {
        this.#db.exec(MIGRATIONS[version]?.sqlite ?? '');
        this.#db.exec(`PRAGMA user_version = ${version + 1}`);
      });
    }
  }

  /** The schema version of the open file. */
  schemaVersion(): number {
    return Number((this.#db.prepare('PRAGMA user_version').get() as Row)['user_version']);
  }

  async insert(comment: NewComment): Promise<CommentRecord> {
    return this.#insert(comment);
  }

  #insert(comment: NewComment): CommentRecord {
    const result = this.#sql(insertSql(false)).run(commentRow(comment, false));
    this.#ownWrites++;
    return { ...comment, id: Number(result.lastInsertRowid) };
  }

  async insertChecked(comment: NewComment, rules: InsertRules): Promise<CheckedInsert> {
    return this.#insertChecked(comment, rules);
  }

  /**
   * Synchronous on purpose: nothing else on this connection runs between the checks and the
   * insert, and BEGIN IMMEDIATE takes the database's write lock first, so another process (a
   * second server, the CLI) cannot insert in between either.
   */
  #insertChecked(comment: NewComment, rules: InsertRules): CheckedInsert {
    return immediateTransaction(
      this.#db,
      (): CheckedInsert => {
        const wait = floodWaitSeconds(
          this.#latestCommentAt(comment.ipHash, comment.authorEmail),
          comment.createdAt,
          rules.floodSeconds,
        );
        if (wait > 0) return { ok: false, reason: 'flood', retryAfterSeconds: wait };
        if (this.#hasFingerprint(comment.fingerprint)) return { ok: false, reason: 'duplicate' };
        const stored = this.#insert(comment);
        // The notifications about it commit (or roll back) with the comment.
        if (rules.notify) this.notifications.writePlan(stored, rules.notify, comment.createdAt);
        return { ok: true, comment: stored };
      },
      (result) => result.ok,
    );
  }

  async get(id: number): Promise<CommentRecord | null> {
    const row = this.#sql('SELECT * FROM comments WHERE id = ?').get(id) as Row | undefined;
    return row ? commentFromRow(row) : null;
  }

  async approvedPage(thread: string, page: number, perPage: number): Promise<ThreadPage> {
    const counts = this.#sql(
      `SELECT count(*) AS total, count(*) FILTER (WHERE parent_id IS NULL) AS top FROM comments WHERE thread = ? AND status = 'approved'`,
    ).get(thread) as Row;
    const top = (
      this.#sql(
        `SELECT * FROM comments WHERE thread = ? AND status = 'approved' AND parent_id IS NULL ORDER BY created_at, id LIMIT ? OFFSET ?`,
      ).all(thread, perPage, (page - 1) * perPage) as Row[]
    ).map(commentFromRow);
    const replies =
      top.length === 0
        ? []
        : (
            this.#sql(
              `SELECT c.* FROM comments c JOIN json_each(?) p ON c.parent_id = p.value WHERE c.status = 'approved' ORDER BY c.created_at, c.id`,
            ).all(JSON.stringify(top.map((comment) => comment.id))) as Row[]
          ).map(commentFromRow);
    return {
      total: Number(counts['total']),
      topLevel: Number(counts['top']),
      comments: top.map((comment) => ({
        ...comment,
        replies: replies.filter((reply) => reply.parentId === comment.id),
      })),
    };
  }

  async approvedCounts(threads: readonly string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = Object.fromEntries(threads.map((thread) => [thread, 0]));
    const rows = this.#sql(
      `SELECT thread, count(*) AS n FROM comments WHERE status = 'approved' AND thread IN (SELECT value FROM json_each(?)) GROUP BY thread`,
    ).all(JSON.stringify(threads)) as Row[];
    for (const row of rows) counts[String(row['thread'])] = Number(row['n']);
    return counts;
  }

  /** Time of the latest comment, in any status, from this IP hash or this email. */
  #latestCommentAt(ipHash: string, email: string): number | null {
    const row = this.#sql(
      `SELECT max(t) AS latest FROM (
         SELECT max(created_at) AS t FROM comments WHERE ip_hash = ?
         UNION ALL SELECT max(created_at) FROM comments WHERE author_email = ?)`,
    ).get(ipHash, email) as Row;
    return row['latest'] === null ? null : Number(row['latest']);
  }

  /** Whether a comment with this fingerprint exists in any status but trash. */
  #hasFingerprint(fingerprint: string): boolean {
    return (
      this.#sql(`SELECT 1 FROM comments WHERE fingerprint = ? AND status != 'trash' LIMIT 1`).get(fingerprint) !==
      undefined
    );
  }

  async hasApprovedFrom(name: string, email: string): Promise<boolean> {
    return (
      this.#sql(
        `SELECT 1 FROM comments WHERE author_email = ? AND author_name = ? AND status = 'approved' LIMIT 1`,
      ).get(email, name) !== undefined
    );
  }

  async list(query: ListQuery): Promise<CommentRecord[]> {
    const rows = this.#sql(
      `SELECT * FROM comments WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR thread = ?2) ORDER BY created_at DESC, id DESC LIMIT ?3 OFFSET ?4`,
    ).all(query.status ?? null, query.thread ?? null, query.limit ?? 100, query.offset ?? 0) as Row[];
    return rows.map(commentFromRow);
  }

  async setStatus(id: number, status: CommentStatus): Promise<boolean> {
    this.#ownWrites++;
    return Number(this.#sql('UPDATE comments SET status = ? WHERE id = ?').run(status, id).changes) > 0;
  }

  async delete(id: number): Promise<boolean> {
    this.#ownWrites++;
    return Number(this.#sql('DELETE FROM comments WHERE id = ?').run(id).changes) > 0;
  }

  async all(): Promise<CommentRecord[]> {
    return (this.#sql('SELECT * FROM comments ORDER BY created_at, id').all() as Row[]).map(commentFromRow);
  }

  async importMany(comments: readonly CommentRecord[]): Promise<number> {
    const insert = this.#sql(insertSql(true, 'INSERT OR IGNORE'));
    this.#ownWrites++;
    return immediateTransaction(this.#db, () => {
      let added = 0;
      // Parents first, so replies find the comment they answer.
      for (const comment of [...comments].sort(
        (a, b) => Number(a.parentId !== null) - Number(b.parentId !== null) || a.id - b.id,
      )) {
        added += Number(insert.run(commentRow(comment, true)).changes);
      }
      return added;
    });
  }

  async revision(): Promise<string> {
    const version = (this.#sql('PRAGMA data_version').get() as Row)['data_version'];
    return `${String(version)}.${this.#ownWrites}`;
  }

  async getSetting(key: string): Promise<string | null> {
    const row = this.#sql('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined;
    return row ? String(row['value']) : null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.#sql(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  async initSetting(key: string, value: string): Promise<string> {
    this.#sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, value);
    return String((this.#sql('SELECT value FROM settings WHERE key = ?').get(key) as Row)['value']);
  }

  async healthCheck(): Promise<void> {
    try {
      this.#sql('SELECT 1').get();
    } catch (error) {
      throw new StoreUnavailableError('The comments database does not answer', { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.#checkpointer?.terminate();
    this.#db.close();
  }

  // The moderation page (src/admin/): search, actions on many comments, sessions, failed sign-ins.

  async search(query: SearchQuery): Promise<SearchResult> {
    const pattern = query.text ? `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = `(?1 IS NULL OR status = ?1) AND (?2 IS NULL OR author_name LIKE ?2 ESCAPE '\\' OR author_email LIKE ?2 ESCAPE '\\' OR body LIKE ?2 ESCAPE '\\')`;
    const total = this.#sql(`SELECT count(*) AS n FROM comments WHERE ${where}`).get(
      query.status ?? null,
      pattern,
    ) as Row;
    const rows = this.#sql(
      `SELECT * FROM comments WHERE ${where} ORDER BY status = 'pending' DESC, created_at DESC, id DESC LIMIT ?3 OFFSET ?4`,
    ).all(query.status ?? null, pattern, query.limit, query.offset) as Row[];
    return { total: Number(total['n']), comments: rows.map(commentFromRow) };
  }

  async setStatusMany(ids: readonly number[], status: CommentStatus): Promise<number> {
    this.#ownWrites++;
    return Number(
      this.#sql('UPDATE comments SET status = ? WHERE id IN (SELECT value FROM json_each(?))').run(
        status,
        JSON.stringify(ids),
      ).changes,
    );
  }

  async deleteMany(ids: readonly number[]): Promise<number> {
    this.#ownWrites++;
    const list = JSON.stringify(ids);
    return immediateTransaction(this.#db, () => {
      const found = this.#sql('SELECT count(*) AS n FROM comments WHERE id IN (SELECT value FROM json_each(?))').get(
        list,
      ) as Row;
      this.#sql('DELETE FROM comments WHERE id IN (SELECT value FROM json_each(?))').run(list);
      return Number(found['n']);
    });
  }

  async createAdminSession(session: AdminSession): Promise<void> {
    this.#sql('DELETE FROM admin_sessions WHERE expires_at <= ?').run(session.createdAt);
    this.#sql('INSERT INTO admin_sessions (id_hash, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
      session.idHash,
      session.csrfToken,
      session.createdAt,
      session.expiresAt,
    );
  }

  async adminSession(idHash: string, now: number): Promise<AdminSession | null> {
    const row = this.#sql('SELECT * FROM admin_sessions WHERE id_hash = ? AND expires_at > ?').get(idHash, now) as
      Row | undefined;
    return row ? adminSessionFromRow(row) : null;
  }

  async deleteAdminSession(idHash: string): Promise<void> {
    this.#sql('DELETE FROM admin_sessions WHERE id_hash = ?').run(idHash);
  }

  async recordSignInFailure(ipHash: string, at: number): Promise<void> {
    this.#sql('DELETE FROM admin_sign_in_failures WHERE at < ?').run(at - 86_400_000);
    this.#sql('INSERT INTO admin_sign_in_failures (ip_hash, at) VALUES (?, ?)').run(ipHash, at);
  }

  async signInFailures(ipHash: string, since: number): Promise<SignInFailures> {
    const row = this.#sql(
      `SELECT count(*) AS all_n, min(at) AS all_oldest, count(*) FILTER (WHERE ip_hash = ?1) AS ip_n,
              min(at) FILTER (WHERE ip_hash = ?1) AS ip_oldest
       FROM admin_sign_in_failures WHERE at >= ?2`,
    ).get(ipHash, since) as Row;
    const time = (value: unknown) => (value === null || value === undefined ? null : Number(value));
    return {
      byIp: Number(row['ip_n']),
      all: Number(row['all_n']),
      oldestByIp: time(row['ip_oldest']),
      oldestAll: time(row['all_oldest']),
    };
  }
}
