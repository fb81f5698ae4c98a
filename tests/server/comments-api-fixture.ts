/**
 * What the comment API's tests share: a throwaway SQLite file, the socket address Hono's node
 * adapter passes (`c.env.incoming`), and a comment as a reader's form sends it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import { signFormToken } from '../../src/comments/spam.ts';

export const SECRET = 'server-test-secret-0123456789';
export const ADMIN = 'admin-token-0123456789abcdef';
export const T0 = Date.UTC(2026, 5, 1, 12);

/** A SQLite store in a new temporary folder; `remove()` closes it and deletes the folder. */
export function tempStore(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const path = join(dir, 'comments.db');
  const store = new SqliteCommentStore(path);
  return {
    store,
    dir,
    path,
    async remove(opened: { close(): Promise<void> } = store) {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bindings Hono's node adapter passes: the client's socket address. */
export const fromAddress = (ip = '198.51.100.1') => ({ incoming: { socket: { remoteAddress: ip } } });

let serial = 0;
/** A comment as the page sends it: its own email and text each time, and a token signed a minute before `now`. */
export function commentFields(thread: string, now: number, fields: Record<string, unknown> = {}) {
  const n = ++serial;
  return {
    thread,
    locale: 'en',
    name: 'Ada',
    email: `ada${n}@example.com`,
    url: '',
    body: `A thoughtful comment number ${n}.`,
    token: signFormToken(thread, now - 60_000, SECRET),
    ...fields,
  };
}

/** A Hono app, or anything else that answers `app.request()` with the node adapter's bindings. */
interface RequestsApp {
  request(path: string, init: RequestInit, env: ReturnType<typeof fromAddress>): Response | Promise<Response>;
}

/** A JSON POST to `path` of `app`, from `ip`. */
export function postJsonTo(
  app: RequestsApp,
  path: string,
  fields: unknown,
  { ip = '198.51.100.1', headers = {} as Record<string, string> } = {},
) {
  return app.request(
    path,
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(fields) },
    fromAddress(ip),
  );
}

/** A form POST (no JavaScript) to `path` of `app`, from `ip`. */
export function postFormTo(app: RequestsApp, path: string, fields: Record<string, string>, ip = '198.51.100.1') {
  return app.request(
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    },
    fromAddress(ip),
  );
}
