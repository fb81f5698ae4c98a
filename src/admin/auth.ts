import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Where the moderator's password hash is kept (the store's settings; never the password itself). */
export const PASSWORD_SETTING = 'admin.passwordHash';

/** Shortest password `set-password` accepts. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * scrypt's cost (N = 2^15, r = 8, p = 1: OWASP's minimum for scrypt, about 100 ms here). Stored with
 * each hash, so raising it later keeps old hashes readable.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), with a fresh 16-byte salt per password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST, KEY_LENGTH);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches a hash from `hashPassword`; a malformed hash matches nothing. Compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  // Bounds keep a tampered setting from asking scrypt for absurd work.
  if (!(N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) return false;
  if (salt.length < 8 || expected.length < 16 || expected.length > 64) return false;
  const key = await derive(password, salt, { N, r, p }, expected.length);
  return timingSafeEqual(key, expected);
}

/** A new session: the id goes into the cookie, only its hash into the store. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdHash(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** A per-session token for every form of the moderation page (CSRF). */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Limits of failed sign-ins within `windowMs`: per IP hash, and for everyone together. */
export interface SignInLimits {
  windowMs: number;
  perIp: number;
  global: number;
}

/** 5 failures per address and 50 in all per 15 minutes (README, "Moderating comments"). */
export const SIGN_IN_LIMITS: SignInLimits = { windowMs: 15 * 60_000, perIp: 5, global: 50 };

/**
 * Seconds until another sign-in may be tried, or 0 when one may be tried now: the failures in the
 * window have reached a limit, and the oldest of them leaves the window after that long.
 */
export function signInWaitSeconds(
  failures: { byIp: number; all: number; oldestByIp: number | null; oldestAll: number | null },
  now: number,
  limits: SignInLimits,
): number {
  const waits: number[] = [];
  if (failures.byIp >= limits.perIp && failures.oldestByIp !== null)
    waits.push(failures.oldestByIp + limits.windowMs - now);
  if (failures.all >= limits.global && failures.oldestAll !== null)
    waits.push(failures.oldestAll + limits.windowMs - now);
  const wait = Math.max(0, ...waits);
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}
