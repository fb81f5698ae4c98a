/**
 * Two API processes (src/server/main.ts) on one PostgreSQL database, over real HTTP: the spam
 * rules hold across them, a moderation through one instance (or the CLI) shows on the other
 * within 1 s, and kill -9 of one under load loses no acknowledged comment.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresCommentStore } from '../../src/comments/postgres-store.ts';
import { startApiProcess, type ApiProcess } from '../fixtures/api-process.ts';
import { freshDatabase } from '../fixtures/postgres-test.ts';

const THREAD = 'wechat-mobile-marketing-mayhem';
const ADMIN = 'admin-token-0123456789abcdef';

let databaseUrl: string;
let a: ApiProcess;
let b: ApiProcess;

beforeAll(async () => {
  databaseUrl = await freshDatabase('instances');
  // No COMMENTS_SECRET: both generate one at the same moment on a new database and must agree on it.
  const env = {
    COMMENTS_DATABASE_URL: databaseUrl,
    COMMENTS_DATABASE_POOL: '4',
    COMMENTS_API_ONLY: '1',
    COMMENTS_ADMIN_TOKEN: ADMIN,
    COMMENTS_TRUST_PROXY: '1',
    COMMENTS_MIN_FILL_SECONDS: '0',
    // Long enough that a busy machine cannot let the second post of a pair slip past it.
    COMMENTS_FLOOD_SECONDS: '5',
  };
  [a, b] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

let serial = 0;
/** A reader's JSON post to one instance, from `ip`, with a form token from the OTHER instance. */
async function post(to: ApiProcess, fields: { ip?: string; email?: string; body?: string; token?: string } = {}) {
  const n = ++serial;
  const token = fields.token ?? (await tokenFrom(to === a ? b : a));
  const response = await fetch(to.url('/api/comments'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': fields.ip ?? `192.0.2.${n % 250}` },
    body: JSON.stringify({
      thread: THREAD,
      locale: 'en',
      name: `Reader ${n}`,
      email: fields.email ?? `reader${n}@example.com`,
      url: '',
      body: fields.body ?? `Comment number ${n} from the two-instance test.`,
      token,
    }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { id?: number; error?: string },
  };
}

const tokenFrom = async (instance: ApiProcess) =>
  ((await (await fetch(instance.url(`/api/comments/token?thread=${THREAD}`))).json()) as { token: string }).token;
const total = async (on: ApiProcess) =>
  ((await (await fetch(on.url(`/api/comments?thread=${THREAD}`))).json()) as { total: number }).total;

/** Milliseconds until `on` shows `expected` approved comments (checked every 10 ms, up to 5 s). */
async function msUntilTotal(on: ApiProcess, expected: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < 5000) {
    if ((await total(on)) === expected) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${on.url('')} did not show ${expected} comments within 5 s`);
}

describe('two API instances on one PostgreSQL database', () => {
  it('hold the flood rule across instances, also for simultaneous posts', { timeout: 60_000 }, async () => {
    const first = await post(a, { ip: '198.51.100.7' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await post(b, { ip: '198.51.100.7' });
    expect(second.status).toBe(429);
    expect(Number(second.retryAfter)).toBeGreaterThan(0);
    for (let round = 0; round < 5; round++) {
      const ip = `198.51.100.${100 + round}`;
      const statuses = (await Promise.all([post(a, { ip }), post(b, { ip }), post(a, { ip }), post(b, { ip })])).map(
        (r) => r.status,
      );
      expect(
        statuses.filter((s) => s === 201),
        `round ${round}: ${statuses}`,
      ).toHaveLength(1);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    }
  });

  it('hold the duplicate rule across instances', { timeout: 30_000 }, async () => {
    const text = { email: 'twice@example.com', body: 'The same words, sent to both instances.' };
    expect((await post(a, { ...text, ip: '203.0.113.1' })).status).toBe(201);
    // Past the 5 s flood window of this email, so only the duplicate rule can refuse it.
    await new Promise((resolve) => setTimeout(resolve, 5100));
    const again = await post(b, { ...text, ip: '203.0.113.2' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('duplicate');
  });

  it('show an approval through the admin API of A on B within 1 s', async () => {
    const before = await total(b);
    const { body } = await post(a);
    // B has cached the thread without the new comment.
    expect(await total(b)).toBe(before);
    const approved = await fetch(a.url(`/api/admin/comments/${body.id}/approve`), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(approved.status).toBe(200);
    expect(await msUntilTotal(b, before + 1)).toBeLessThan(1000);
  });

  it('show an approval through the CLI on both instances within 1 s', { timeout: 60_000 }, async () => {
    const before = await total(a);
    const { body } = await post(b);
    expect(await total(a)).toBe(before);
    const cli = spawn(
      process.execPath,
      ['--import', './src/runtime/require-node.mjs', 'scripts/comments.ts', 'approve', String(body.id)],
      {
        env: { ...process.env, COMMENTS_DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    cli.stdout.on('data', (data: Buffer) => (output += data.toString()));
    cli.stderr.on('data', (data: Buffer) => (output += data.toString()));
    const code = await new Promise((resolve) => cli.once('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toContain(`#${body.id} → approved`);
    expect(await msUntilTotal(a, before + 1)).toBeLessThan(1000);
    expect(await msUntilTotal(b, before + 1)).toBeLessThan(1000);
  });

  it('lose no acknowledged comment when one is killed with SIGKILL under load', { timeout: 60_000 }, async () => {
    const acknowledged = new Map<number, string>();
    let stop = false;
    let afterKill = 0;
    let killed = false;
    const statuses = new Map<number, number>();
    // One form token of A for every post: it stays valid on B after A is gone.
    const token = await tokenFrom(a);
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const to = (w + i) % 2 ? a : b;
        const body = `Load comment ${w}-${i}, sent to ${to === a ? 'A' : 'B'}.`;
        try {
          const result = await post(to, { ip: `10.1.${w}.${i % 250}`, body, token });
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          if (result.status === 201 && result.body.id) {
            acknowledged.set(result.body.id, body);
            if (killed) afterKill++;
          }
        } catch {
          // A request cut by the kill was not acknowledged.
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    a.child.kill('SIGKILL');
    killed = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stop = true;
    await Promise.all(workers);

    const store = await PostgresCommentStore.open(databaseUrl, { pool: 1 });
    try {
      const stored = new Map((await store.all()).map((comment) => [comment.id, comment.body]));
      const lost = [...acknowledged].filter(([id, body]) => stored.get(id) !== body);
      expect(acknowledged.size, JSON.stringify([...statuses])).toBeGreaterThan(10);
      expect(afterKill, 'B kept taking comments after A was killed').toBeGreaterThan(0);
      expect(lost).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
