/**
 * Faults of the PostgreSQL store: a wrong or unreachable COMMENTS_DATABASE_URL stops the start
 * with a clear message (never the password); a database that goes away while serving gives 503
 * with Retry-After in the reader's language and stores nothing; the API recovers by itself when
 * the database is back. This file stops and restarts a cluster of its own (the shared one serves
 * other test files meanwhile).
 */
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresCommentStore } from '../../src/comments/postgres-store.ts';
import { signFormToken } from '../../src/comments/spam.ts';
import { StoreUnavailableError } from '../../src/comments/store.ts';
import { openCommentStore, readCommentsEnv } from '../../src/server/comments-config.ts';
import { createCommentsApp } from '../../src/server/comments-app.ts';
import { startPostgresCluster, type PostgresCluster } from '../fixtures/postgres-cluster.ts';
import { requirePostgres } from '../fixtures/postgres-test.ts';

const SECRET = 'faults-test-secret-0123456789';
const THREAD = 'wechat-mobile-marketing-mayhem';

describe('a COMMENTS_DATABASE_URL that does not work', () => {
  /** The error opening the store with this URL fails with (a store that opens fails the test). */
  const openError = async (url: string): Promise<Error> => {
    const opened = await openCommentStore(readCommentsEnv({ COMMENTS_DATABASE_URL: url })).catch(
      (error: unknown) => error,
    );
    if (opened instanceof Error) return opened;
    throw new Error(`The store opened with ${url}`);
  };

  it('is refused at start when the server is unreachable, naming the variable and hiding the password', async () => {
    const error = await openError('postgres://site:Sup3rSecretPw@127.0.0.1:1/comments');
    expect(error.message).toMatch(
      /^COMMENTS_DATABASE_URL: cannot connect to postgres:\/\/site:\*\*\*@127\.0\.0\.1:1\/comments: .*ECONNREFUSED/,
    );
    expect(error.message).not.toContain('Sup3rSecretPw');
  });

  it('is refused at start when the password is wrong, without printing it', async () => {
    const url = new URL(requirePostgres());
    url.password = 'Wr0ngPassw0rd';
    const error = await openError(url.toString());
    expect(error.message).toMatch(/^COMMENTS_DATABASE_URL: cannot connect to .*password authentication failed/);
    expect(error.message).not.toContain('Wr0ngPassw0rd');
  });

  it('is refused when it is not a PostgreSQL URL', () => {
    expect(() => readCommentsEnv({ COMMENTS_DATABASE_URL: 'mysql://root:hunter2hunter2@db/comments' })).toThrow(
      /^Invalid comment settings: COMMENTS_DATABASE_URL: a PostgreSQL URL such as postgres:/,
    );
    expect(() => readCommentsEnv({ COMMENTS_DATABASE_URL: 'mysql://root:hunter2hunter2@db/comments' })).not.toThrow(
      /hunter2/,
    );
  });

  it('stops the server process with that message and exit code 1', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', './src/runtime/require-node.mjs', 'src/server/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        COMMENTS_API_ONLY: '1',
        COMMENTS_DATABASE_URL: 'postgres://site:Sup3rSecretPw@127.0.0.1:1/comments',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('COMMENTS_DATABASE_URL: cannot connect to postgres://site:***@127.0.0.1:1/comments');
    expect(output).not.toContain('Sup3rSecretPw');
  });
});

describe('the database going away while the API serves', () => {
  let cluster: PostgresCluster;
  let url: string;
  let store: PostgresCommentStore;
  let clock = Date.now();
  let app: ReturnType<typeof createCommentsApp>;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    url = await cluster.createDatabase('outage');
    store = await PostgresCommentStore.open(url, { pool: 4, connectTimeoutSeconds: 2 });
    app = createCommentsApp({ store, secret: SECRET, now: () => clock });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await cluster?.destroy();
  });

  let serial = 0;
  const post = (kind: 'json' | 'form', locale = 'zh-cn') => {
    clock += 60_000;
    const n = ++serial;
    const fields = {
      thread: THREAD,
      locale,
      name: '读者',
      email: `reader${n}@example.com`,
      url: '',
      body: `第 ${n} 条评论。`,
      token: signFormToken(THREAD, clock - 60_000, SECRET),
    };
    return app.request(
      '/api/comments',
      kind === 'json'
        ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }
        : {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(fields).toString(),
          },
      { incoming: { socket: { remoteAddress: `198.51.100.${n}` } } },
    );
  };
  const count = async () => {
    const sql = postgres(url, { max: 1 });
    const [row] = await sql`SELECT count(*) AS n FROM comments`;
    await sql.end();
    return Number(row?.['n']);
  };

  it(
    'answers 503 with Retry-After in the reader’s language, stores nothing, and recovers when it returns',
    { timeout: 120_000 },
    async () => {
      expect((await post('json')).status).toBe(201);
      expect((await app.request(`/api/comments?thread=${THREAD}`)).status).toBe(200);

      await cluster.stop();
      const json = await post('json');
      expect(json.status).toBe(503);
      expect(Number(json.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await json.json()).toEqual({ error: 'unavailable', message: '评论功能暂时不可用，请一分钟后再试。' });
      const english = await post('json', 'en');
      expect(((await english.json()) as { message: string }).message).toBe(
        'Comments are unavailable for a moment. Please try again in a minute.',
      );
      const form = await post('form');
      expect(form.status).toBe(503);
      expect(await form.text()).toContain('评论功能暂时不可用');
      // Reads do not answer from a cache that can no longer learn of changes.
      expect((await app.request(`/api/comments?thread=${THREAD}`)).status).toBe(503);
      await expect(store.healthCheck()).rejects.toBeInstanceOf(StoreUnavailableError);

      await cluster.start();
      // No restart of the API: the next requests reconnect by themselves.
      await expect.poll(async () => (await post('json')).status, { timeout: 30_000, interval: 200 }).toBe(201);
      await expect(store.healthCheck()).resolves.toBeUndefined();
      // Stored: the comment before the outage and the one after; nothing from during it.
      expect(await count()).toBe(2);

      // The cache listens again (while it does not, every read goes to the database)…
      await expect
        .poll(async () => (await store.revision()).startsWith('unlistened'), { timeout: 10_000, interval: 100 })
        .toBe(false);
      // …so a change by another writer shows within 1 s, and unchanged reads come from the cache.
      const other = await PostgresCommentStore.open(url, { pool: 1 });
      try {
        const read = async () =>
          ((await (await app.request(`/api/comments?thread=${THREAD}`)).json()) as { total: number }).total;
        expect(await read()).toBe(0);
        await other.setStatus((await other.all())[0]!.id, 'approved');
        await expect.poll(read, { timeout: 1000, interval: 20 }).toBe(1);
      } finally {
        await other.close();
      }
    },
  );
});
