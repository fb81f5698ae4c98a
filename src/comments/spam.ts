import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CommentStatus } from './store.ts';

/**
 * Spam rules as pure functions: no third-party service sees a reader's data. The server calls
 * them in order (honeypot, form token, flood, duplicate, links) in src/server/api/submit-comment.ts.
 */

/** A robot filled the field that people never see. */
export function isHoneypotFilled(value: string | undefined | null): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function hmac(secret: string, message: string): Buffer {
  return createHmac('sha256', secret).update(message).digest();
}

/** Compares two strings in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the length of the secret does not leak either.
  return timingSafeEqual(hmac('compare', a), hmac('compare', b));
}

/**
 * A form token: the time the form was rendered and the thread it belongs to, signed with the
 * site's secret. It cannot be forged or moved to another thread, and it tells the server how
 * long the reader took to fill the form.
 */
export function signFormToken(thread: string, issuedAtMs: number, secret: string): string {
  const payload = `${issuedAtMs.toString(36)}.${randomBytes(6).toString('base64url')}`;
  return `${payload}.${hmac(secret, `form:${thread}:${payload}`).toString('base64url')}`;
}

export type TokenCheck =
  { ok: true; ageMs: number } | { ok: false; reason: 'missing' | 'invalid' | 'too-fast' | 'expired' };

/** Checks a form token: signed by us, for this thread, old enough to be human and young enough to be current. */
export function verifyFormToken(
  token: string,
  thread: string,
  secret: string,
  nowMs: number,
  rules: { minFillSeconds: number; tokenMaxAgeSeconds: number },
): TokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [time = '', nonce = '', signature = ''] = parts;
  const expected = hmac(secret, `form:${thread}:${time}.${nonce}`).toString('base64url');
  if (!constantTimeEqual(signature, expected)) return { ok: false, reason: 'invalid' };
  const issuedAt = parseInt(time, 36);
  if (!Number.isFinite(issuedAt)) return { ok: false, reason: 'invalid' };
  const ageMs = nowMs - issuedAt;
  // A little clock slack: the token and the check come from the same server, but not always the same process.
  if (ageMs < -5_000 || ageMs > rules.tokenMaxAgeSeconds * 1000) return { ok: false, reason: 'expired' };
  if (ageMs < rules.minFillSeconds * 1000) return { ok: false, reason: 'too-fast' };
  return { ok: true, ageMs };
}

/** The IP address as stored: a keyed hash, so flood control works and the address itself is never kept. */
export function hashIp(ip: string, secret: string): string {
  return hmac(secret, `ip:${ip}`).toString('base64url').slice(0, 22);
}

/** Seconds the commenter still has to wait (0 when they may post), given their latest comment's time. */
export function floodWaitSeconds(lastCommentAtMs: number | null, nowMs: number, floodSeconds: number): number {
  if (lastCommentAtMs === null || floodSeconds <= 0) return 0;
  const waitMs = lastCommentAtMs + floodSeconds * 1000 - nowMs;
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/** Key under which two comments count as the same: same thread, same email, same text up to case and spacing. */
export function duplicateKey(thread: string, email: string, body: string): string {
  return `${thread}\n${email.toLowerCase()}\n${body.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/**
 * The status a new comment gets. Comments wait for a moderator, except that a commenter with an
 * approved comment under the same name and email is trusted when `autoApproveTrusted` is on.
 * Many links hold a comment for moderation even then.
 */
export function initialStatus(
  input: { linkCount: number; trusted: boolean },
  rules: { maxLinks: number; autoApproveTrusted: boolean },
): CommentStatus {
  if (input.linkCount > rules.maxLinks) return 'pending';
  return rules.autoApproveTrusted && input.trusted ? 'approved' : 'pending';
}
