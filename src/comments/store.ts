import type { Locale } from '../i18n/locales.ts';

/** Where a comment stands in moderation. Only `approved` comments are ever shown to readers. */
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const satisfies readonly CommentStatus[];

/** A stored comment, as moderators see it. Readers get `PublicComment` (no email, no IP hash). */
export interface CommentRecord {
  id: number;
  /** The post's translationKey: English and Chinese readers share one thread. */
  thread: string;
  /** The top-level comment this one answers; replies are one level deep. */
  parentId: number | null;
  /** The language the comment was written in (the page it was sent from). */
  locale: Locale;
  authorName: string;
  /** Kept for moderation and trust; never published. */
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  status: CommentStatus;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Keyed hash of the sender's IP address (see `hashIp`); the address itself is never stored. */
  ipHash: string;
  /** Hash of `duplicateKey(...)`, for duplicate detection. */
  fingerprint: string;
}

export type NewComment = Omit<CommentRecord, 'id'>;

/** One page of a thread's approved comments: top-level comments oldest first, each with its approved replies. */
export interface ThreadPage {
  /** Approved comments in the thread, replies included. */
  total: number;
  /** Top-level approved comments (what pages are counted in). */
  topLevel: number;
  comments: (CommentRecord & { replies: CommentRecord[] })[];
}

/** Filters of the moderation list. */
export interface ListQuery {
  status?: CommentStatus | undefined;
  thread?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * Storage of comments. SQLite implements it today (`SqliteCommentStore`); every method returns
 * a promise so a PostgreSQL store for several API instances can implement the same interface.
 */
export interface CommentStore {
  insert(comment: NewComment): Promise<CommentRecord>;
  get(id: number): Promise<CommentRecord | null>;
  /** Approved comments of a thread, oldest first, paged by top-level comment. */
  approvedPage(thread: string, page: number, perPage: number): Promise<ThreadPage>;
  /** Approved comment counts (replies included) for several threads; threads without comments get 0. */
  approvedCounts(threads: readonly string[]): Promise<Record<string, number>>;
  /** Time of the latest comment, in any status, from this IP hash or this email. */
  latestCommentAt(ipHash: string, email: string): Promise<number | null>;
  /** Whether a comment with this fingerprint exists in any status but trash. */
  hasFingerprint(fingerprint: string): Promise<boolean>;
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
  close(): Promise<void>;
}
