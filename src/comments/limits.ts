/**
 * Limits of the comment model. Field lengths match WordPress (wp_check_comment_data_max_lengths)
 * so that comments imported from the client's old blog always fit; the body limit is ours.
 */
export const COMMENT_LIMITS = {
  name: 245,
  email: 100,
  url: 200,
  /** Characters (code points) of the comment text: about two pages, far above any real comment, far below a payload. */
  body: 5000,
} as const;

/** Request bodies above this answer 413 before they are parsed. */
export const MAX_REQUEST_BYTES = 64 * 1024;

/** Defaults of the spam rules; each one can be changed through `createCommentsApp` options. */
export const SPAM_DEFAULTS = {
  /** A second comment from the same IP hash or email within this many seconds answers 429. */
  floodSeconds: 15,
  /** A form sent sooner than this after it was rendered was filled by a machine. */
  minFillSeconds: 3,
  /** A form token older than this is refused; the reader gets a fresh one and sends again. */
  tokenMaxAgeSeconds: 2 * 24 * 60 * 60,
  /** More links than this hold a comment for moderation even from a trusted commenter (WordPress: 2). */
  maxLinks: 2,
} as const;

/** Top-level comments per page of a thread (their replies come with them). */
export const COMMENTS_PER_PAGE = 50;
