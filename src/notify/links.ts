import { createHash, createHmac } from 'node:crypto';
import { constantTimeEqual } from '../comments/spam.ts';
import { THREAD_ID } from '../comments/input.ts';

/**
 * Signed links in mails. Each carries what it is for and is signed with a key derived from the
 * site's secret (COMMENTS_SECRET or the generated one), so nobody can make one up or change it.
 * They never carry an address: a subscriber is named by the id of its row.
 */

export type ModerationAction = 'approve' | 'spam' | 'trash';
export const MODERATION_ACTIONS = ['approve', 'spam', 'trash'] as const satisfies ModerationAction[];

const sign = (secret: string, purpose: string, payload: string) =>
  createHmac('sha256', secret).update(`notify-link\n${purpose}\n${payload}`).digest('base64url').slice(0, 32);

const verified = (secret: string, purpose: string, payload: string, signature: string) =>
  constantTimeEqual(signature, sign(secret, purpose, payload));

/** The key under which a used link is remembered: a hash, so the table holds no working link. */
export const linkKey = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A one-click moderation link's token: comment, action, expiry. Works once (the route remembers it). */
export function signModerationToken(commentId: number, action: ModerationAction, expiresAt: number, secret: string) {
  const payload = `${commentId}.${action}.${expiresAt.toString(36)}`;
  return `${payload}.${sign(secret, 'moderate', payload)}`;
}

export type LinkCheck<T> = { ok: true; value: T } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyModerationToken(
  token: string,
  secret: string,
  now: number,
): LinkCheck<{ commentId: number; action: ModerationAction }> {
  const match = /^([1-9]\d{0,15})\.(approve|spam|trash)\.([0-9a-z]{1,12})\.([\w-]{32})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, id = '', action = '', expiry = '', signature = ''] = match;
  if (!verified(secret, 'moderate', `${id}.${action}.${expiry}`, signature)) return { ok: false, reason: 'invalid' };
  if (parseInt(expiry, 36) < now) return { ok: false, reason: 'expired' };
  return { ok: true, value: { commentId: Number(id), action: action as ModerationAction } };
}

/** The double opt-in link: confirms address `addressId`; valid for `expiresAt`. */
export function signConfirmToken(addressId: number, expiresAt: number, secret: string) {
  const payload = `${addressId}.${expiresAt.toString(36)}`;
  return `${payload}.${sign(secret, 'confirm', payload)}`;
}

export function verifyConfirmToken(token: string, secret: string, now: number): LinkCheck<{ addressId: number }> {
  const match = /^([1-9]\d{0,15})\.([0-9a-z]{1,12})\.([\w-]{32})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, id = '', expiry = '', signature = ''] = match;
  if (!verified(secret, 'confirm', `${id}.${expiry}`, signature)) return { ok: false, reason: 'invalid' };
  if (parseInt(expiry, 36) < now) return { ok: false, reason: 'expired' };
  return { ok: true, value: { addressId: Number(id) } };
}

/** Stands for "every thread" in an unsubscribe link (no thread key starts with "_"). */
const ALL = '_all';

/** The unsubscribe link of every mail to a commenter: address, and the thread (null: all). It never expires. */
export function signUnsubscribeToken(addressId: number, thread: string | null, secret: string) {
  const payload = `${addressId}.${thread ?? ALL}`;
  return `${payload}.${sign(secret, 'unsubscribe', payload)}`;
}

export function verifyUnsubscribeToken(
  token: string,
  secret: string,
): LinkCheck<{ addressId: number; thread: string | null }> {
  const match = /^([1-9]\d{0,15})\.([a-z0-9_-]{1,100})\.([\w-]{32})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, id = '', thread = '', signature = ''] = match;
  if (thread !== ALL && !THREAD_ID.test(thread)) return { ok: false, reason: 'invalid' };
  if (!verified(secret, 'unsubscribe', `${id}.${thread}`, signature)) return { ok: false, reason: 'invalid' };
  return { ok: true, value: { addressId: Number(id), thread: thread === ALL ? null : thread } };
}

/** Paths of the link pages (served by src/notify/routes.ts under /api). */
export const linkPaths = {
  moderate: (token: string) => `/api/moderate/${token}`,
  confirm: (token: string) => `/api/subscriptions/confirm/${token}`,
  unsubscribe: (token: string) => `/api/subscriptions/unsubscribe/${token}`,
};
