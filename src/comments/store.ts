import type { ModerationStore } from './moderation-store.ts';

import type { NotificationStore, NotifyPlan } from '../notify/notification-store.ts';
import type { CommentRecord, CommentStatus, NewComment } from './record.ts';

// The comment record is defined once, in record.ts; these names stay importable from here.
export { COMMENT_STATUSES, type CommentRecord, type CommentStatus, type NewComment } from './record.ts';

/**
 * The store cannot be reached (a database server went away, a disk failed). The API answers such a
 * request with 503 and `Retry-After` in the reader's language; nothing was stored half-way.
 */
export class StoreUnavailableError extends Error {
  constructor(message = 'The comment store is unavailable', options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** One page of a thread's approved comments: top-level comments oldest first, each with its approved replies. */
export interface ThreadPage {
  /** Approved comments in the thread, replies included. */
  total: number;
  /** Top-level approved comments (what pages are counted in). */
  topLevel: number;
  comments: (CommentRecord & { replies: CommentRecord[] })[];
}

/** Spam rules `insertChecked` applies inside its atomic step. */
export interface InsertRules {
  /** Seconds the same IP hash or email must wait after its latest comment (0: no flood control). */
  floodSeconds: number;
  /** Notifications to queue with the comment, in the same transaction (src/notify/plan.ts). */
  notify?: NotifyPlan | undefined;
}

/** What `insertChecked` did: stored the comment, or refused it without storing anything. */
export type CheckedInsert =
  | { ok: true; comment: CommentRecord }
  /** The same IP hash or email commented within `floodSeconds`; try again after `retryAfterSeconds`. */
  | { ok: false; reason: 'flood'; retryAfterSeconds: number }
  /** A comment with the same fingerprint exists (in any status but trash). */
  | { ok: false; reason: 'duplicate' };

/** Filters of the moderation list. */
export interface ListQuery {
  status?: CommentStatus | undefined;
  thread?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * Storage of comments: SQLite (`SqliteCommentStore`, one machine) or PostgreSQL (`PostgresCommentStore`,
 * several API instances on one database). Both pass one contract test suite
 * (tests/server/comment-store-contract.test.ts).
 */
export interface CommentStore extends ModerationStore {
  /** Stores a comment as it is, with no spam checks (honeypot hits kept as spam). */
  insert(comment: NewComment): Promise<CommentRecord>;
  /**
   * Flood control, duplicate detection and the insert as ONE atomic step: the comment is stored
   * only if no comment from its IP hash or email is newer than `rules.floodSeconds` before its
   * `createdAt` (checked first) and none has its fingerprint (in any status but trash); otherwise
   * nothing is stored. Two simultaneous calls for the same sender must not both succeed, even from
   * different processes on the same data, so the checks and the insert must not be separable:
   * SQLite does them in one `BEGIN IMMEDIATE` transaction inside one synchronous call (no await
   * in between); PostgreSQL takes `pg_advisory_xact_lock` on the IP hash, the email and the
   * fingerprint (in a fixed order) in the transaction that checks and inserts.
   */
  insertChecked(comment: NewComment, rules: InsertRules): Promise<CheckedInsert>;
  /** The notification outbox and reply subscriptions, in the same database (src/notify/). */
  readonly notifications: NotificationStore;
  get(id: number): Promise<CommentRecord | null>;
  /** Approved comments of a thread, oldest first, paged by top-level comment. */
  approvedPage(thread: string, page: number, perPage: number): Promise<ThreadPage>;
  /** Approved comment counts (replies included) for several threads; threads without comments get 0. */
  approvedCounts(threads: readonly string[]): Promise<Record<string, number>>;
  /** Whether this name and email have an approved comment: the commenter is trusted. */
  hasApprovedFrom(name: string, email: string): Promise<boolean>;
  list(query: ListQuery): Promise<CommentRecord[]>;
  /** Returns false when no comment has that id. */
  setStatus(id: number, status: CommentStatus): Promise<boolean>;
  /** Deletes a comment and its replies; returns false when no comment has that id. */
  delete(id: number): Promise<boolean>;
  /** Every comment, oldest first (export). */
  all(): Promise<CommentRecord[]>;
  /** Adds comments from an export, keeping their ids; existing ids are skipped. Returns how many were added. */
  importMany(comments: readonly CommentRecord[]): Promise<number>;
  /**
   * A value that changes whenever comments change, through this store or any other writer (the
   * CLI, another process). Readers may cache what they read under it.
   */
  revision(): Promise<string>;
  /** Site settings kept with the data (the generated secret). */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /** Stores `value` unless `key` has a value already, and returns the stored one: of several instances starting at once, the first writer wins. */
  initSetting(key: string, value: string): Promise<string>;
  /** Resolves when the store answers a trivial query (the health endpoint); rejects with `StoreUnavailableError` when not. */
  healthCheck(): Promise<void>;
  close(): Promise<void>;
}
