/**
 * Scan counts: one row per code and day (UTC) with a number, nothing else. No cookie, no IP
 * address and no user agent is ever stored: a scan is `count + 1`.
 *
 * Its own table in the comments' SQLite file (COMMENTS_DB), created here with
 * `CREATE TABLE IF NOT EXISTS`: it is not part of the comment store's migrations, so a comment
 * store on another database (PostgreSQL) leaves it where it is.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/** Scans of one code on one day. */
export interface ScanCount {
  code: string;
  /** UTC day, "2026-11-29". */
  day: string;
  scans: number;
}

export interface ScanQuery {
  /** Only this code. */
  code?: string | undefined;
  /** Only days on or after this one ("2026-11-01"). */
  since?: string | undefined;
}

/** The UTC day of `date`, as stored: "2026-11-29". */
export function scanDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export class ScanStore {
  readonly #db: DatabaseSync;
  readonly #increment: StatementSync;

  /**
   * Opens (and creates when missing) the file and the table. `busyTimeoutMs` is how long a count
   * waits for another writer; it is short, because the redirect waits for it (and goes ahead
   * without counting when it runs out).
   */
  constructor(path: string, { busyTimeoutMs = 250 }: { busyTimeoutMs?: number } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path);
    this.#db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = NORMAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS scan_counts (
      code TEXT NOT NULL,
      day TEXT NOT NULL,
      scans INTEGER NOT NULL,
      PRIMARY KEY (code, day)
    ) WITHOUT ROWID`);
    // One statement, so two scans at the same moment both count (SQLite runs it atomically).
    this.#increment = this.#db.prepare(
      'INSERT INTO scan_counts (code, day, scans) VALUES (?, ?, 1) ON CONFLICT (code, day) DO UPDATE SET scans = scans + 1',
    );
  }

  /** Counts one scan of `code` on the day of `at`. */
  record(code: string, at: Date = new Date()): void {
    this.#increment.run(code, scanDay(at));
  }

  /** Scans per code and day, newest day first, then by code. */
  counts({ code, since }: ScanQuery = {}): ScanCount[] {
    const where: string[] = [];
    const params: string[] = [];
    if (code !== undefined) {
      where.push('code = ?');
      params.push(code);
    }
    if (since !== undefined) {
      where.push('day >= ?');
      params.push(since);
    }
    const rows = this.#db
      .prepare(
        `SELECT code, day, scans FROM scan_counts${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY day DESC, code`,
      )
      .all(...params);
    return rows.map((row) => ({ code: String(row['code']), day: String(row['day']), scans: Number(row['scans']) }));
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
