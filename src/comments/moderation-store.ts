import type { CommentRecord, CommentStatus } from './store.ts';

/** What the moderation page searches: a status (or all), text in the author's name, email or the body, one page. */
export interface SearchQuery {
  status?: CommentStatus | undefined;
  /** Matched as a substring (ASCII letters in any case) of the author's name, email or text; `%` and `_` are plain characters. */
  text?: string | undefined;
  limit: number;
  offset: number;
}

/** One page of a search: pending comments first, then newest first (ties by id); `total` counts every match. */
export interface SearchResult {
  total: number;
  comments: CommentRecord[];
}

/** A signed-in moderator. Only the SHA-256 of the cookie's session id is stored, so a copy of the database cannot sign in. */
export interface AdminSession {
  idHash: string;
  /** The per-session token every form of the moderation page carries (CSRF). */
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

/** An `admin_sessions` row as either store reads it. */
export function adminSessionFromRow(row: Record<string, unknown>): AdminSession {
  return {
    idHash: String(row['id_hash']),
    csrfToken: String(row['csrf_token']),
    createdAt: Number(row['created_at']),
    expiresAt: Number(row['expires_at']),
  };
}

/** Failed sign-ins within a window: from one IP hash and from everyone, with the oldest of each (for Retry-After). */
export interface SignInFailures {
  byIp: number;
  all: number;
  oldestByIp: number | null;
  oldestAll: number | null;
}

/**
 * What the moderation page (src/admin/) needs of a store beyond the comment API: search, actions
 * on many comments at once, sessions and sign-in failures (migration "moderation sessions").
 * Both stores implement it; tests/server/comment-store-contract.test.ts holds them to it.
 */
export interface ModerationStore {
  search(query: SearchQuery): Promise<SearchResult>;
  /** Sets the status of every existing comment in `ids` in one transaction; returns how many exist. */
  setStatusMany(ids: readonly number[], status: CommentStatus): Promise<number>;
  /** Deletes the comments in `ids` (and their replies) in one transaction; returns how many of `ids` existed. */
  deleteMany(ids: readonly number[]): Promise<number>;
  /** Stores a new session, and drops the sessions that have expired by its `createdAt`. */
  createAdminSession(session: AdminSession): Promise<void>;
  /** The session with this id hash, or null when there is none or it has expired at `now`. */
  adminSession(idHash: string, now: number): Promise<AdminSession | null>;
  deleteAdminSession(idHash: string): Promise<void>;
  /** Records a failed sign-in, and forgets failures older than a day. */
  recordSignInFailure(ipHash: string, at: number): Promise<void>;
  /** Failed sign-ins at or after `since`. */
  signInFailures(ipHash: string, since: number): Promise<SignInFailures>;
}
