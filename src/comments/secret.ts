import { randomBytes } from 'node:crypto';
import type { CommentStore } from './store.ts';

const SECRET_SETTING = 'comments.secret';

/**
 * The secret that signs form tokens and keys IP hashes: COMMENTS_SECRET when set, else one
 * generated on first run and kept in the database, so tokens and hashes stay valid across restarts.
 */
export async function resolveCommentsSecret(store: CommentStore, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) {
    if (fromEnv.length < 16) throw new Error('COMMENTS_SECRET must be at least 16 characters long.');
    return fromEnv;
  }
  const stored = await store.getSetting(SECRET_SETTING);
  if (stored) return stored;
  // Several instances may start at once on a new database: all keep the first one stored.
  return store.initSetting(SECRET_SETTING, randomBytes(32).toString('base64url'));
}
