/**
 * Benchmark of the comment API (not a test): `npm run bench:comments` (after `npm run build`).
 *
 * Starts the production entry (src/server/main.ts: static files + Hono API + SQLite) and a bare
 * node:http + node:sqlite handler (scripts/bench/bare-comments-server.ts) side by side, drives both
 * with the same bounded loopback load generator, and prints:
 *   - GET /api/comments throughput and p50/p99 latency (closed loop, fixed connections and time);
 *   - POST throughput and p50/p99 (closed loop), and POST p99 at a fixed 200 requests/s (open loop,
 *     latency measured from the scheduled send time, so queueing is counted);
 *   - a kill -9 run: POSTs in flight, SIGKILL, restart, and a count of acknowledged comments that
 *     are missing afterwards.
 * Goals (issue 4): GET ≥ 0.6 × bare; POST p99 < 50 ms at 200 req/s; no acknowledged comment lost.
 *
 * PostgreSQL (issue 11): the same runs on the production entry with COMMENTS_DATABASE_URL, one
 * instance and two instances on one database (requests alternate between them), on a throwaway
 * cluster this script starts (fsync on; BENCH_DATABASE_URL names another server instead), a
 * kill -9 run with two instances, and the two ways of making insertChecked atomic measured
 * against each other at the store level (advisory locks vs SERIALIZABLE + retry).
 * Goals: GET on PostgreSQL ≥ 0.8 × bare; POST p99 < 50 ms at 200 req/s across two instances;
 * no acknowledged comment lost under kill -9.
 * Ports 4600–4602 (BENCH_PORT overrides the first); the PostgreSQL servers take free ports.
 * Everything runs on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { PostgresCommentStore, type CheckedInsertMode } from '../src/comments/postgres-store.ts';
import { SqliteCommentStore } from '../src/comments/sqlite-store.ts';
import { signFormToken } from '../src/comments/spam.ts';
import { StoreUnavailableError, type NewComment } from '../src/comments/store.ts';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../tests/fixtures/postgres-cluster.ts';

const BASE_PORT = Number(process.env['BENCH_PORT'] ?? 4600);
const SECRET = 'bench-secret-0123456789abcdef';
const ADMIN = 'bench-admin-token-0123456789';
const THREAD = 'wechat-mobile-marketing-mayhem';
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 16);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
/** NORMAL (the default) or FULL: BENCH_SYNCHRONOUS=FULL measures both servers with an fsync per commit. */
const SYNCHRONOUS = process.env['BENCH_SYNCHRONOUS'] === 'FULL' ? 'FULL' : 'NORMAL';
const dir = mkdtempSync(join(tmpdir(), 'syengage-bench-'));
const children: ChildProcess[] = [];

function start(script: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    child.stdout?.on('data', (data: Buffer) => {
      if (ready.test(data.toString())) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
}

function startProduction(port: number, db: string) {
  return start(
    'src/server/main.ts',
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      COMMENTS_DB: db,
      COMMENTS_SECRET: SECRET,
      COMMENTS_ADMIN_TOKEN: ADMIN,
      COMMENTS_TRUST_PROXY: '1',
      COMMENTS_SYNCHRONOUS: SYNCHRONOUS,
    },
    /serving/,
  );
}

/** The production entry on PostgreSQL, on a free port; resolves with the process and its port. */
async function startProductionOnPostgres(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  let port = 0;
  const child = await start(
    'src/server/main.ts',
    {
      PORT: '0',
      HOST: '127.0.0.1',
      COMMENTS_DATABASE_URL: databaseUrl,
      COMMENTS_SECRET: SECRET,
      COMMENTS_ADMIN_TOKEN: ADMIN,
      COMMENTS_TRUST_PROXY: '1',
    },
    {
      test: (text: string) => {
        const found = /at http:\/\/127\.0\.0\.1:(\d+)\//.exec(text)?.[1];
        if (found) port = Number(found);
        return Boolean(found);
      },
    } as RegExp,
  );
  return { child, port };
}

interface Result {
  count: number;
  errors: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
}

// A fresh keep-alive pool per run: a pool left idle while the other server is measured would
// reuse sockets the server is just closing (its 5 s keep-alive timeout) and count resets as errors.
let agent = new Agent({ keepAlive: true, maxSockets: 256 });
function freshAgent() {
  agent.destroy();
  agent = new Agent({ keepAlive: true, maxSockets: 256 });
}

function send(
  port: number,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }
          : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Closed loop: `connections` workers, each sending the next request when the last answered, for `seconds`. */
async function closedLoop(
  make: (i: number) => Parameters<typeof send>,
  seconds: number,
  connections = CONNECTIONS,
): Promise<Result> {
  freshAgent();
  const result: Result = { count: 0, errors: 0, seconds, latencies: [], statuses: new Map() };
  const end = performance.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const { status } = await send(...make(i++));
          result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
          result.latencies.push(performance.now() - t);
          result.count++;
        } catch {
          result.errors++;
        }
      }
    }),
  );
  return result;
}

/** Open loop: one request every 1000/rate ms for `seconds`; latency from the scheduled time. */
async function openLoop(make: (i: number) => Parameters<typeof send>, rate: number, seconds: number): Promise<Result> {
  freshAgent();
  const result: Result = { count: 0, errors: 0, seconds, latencies: [], statuses: new Map() };
  const total = rate * seconds;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      send(...make(i)).then(
        ({ status }) => {
          result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
          result.latencies.push(performance.now() - scheduled);
          result.count++;
        },
        () => void result.errors++,
      ),
    );
  }
  await Promise.all(pending);
  return result;
}

function summary(result: Result) {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    rps: Math.round(result.count / result.seconds),
    p50: percentile(sorted, 50).toFixed(2),
    p99: percentile(sorted, 99).toFixed(2),
    statuses:
      [...result.statuses].map(([s, n]) => `${s}×${n}`).join(' ') + (result.errors ? ` errors×${result.errors}` : ''),
  };
}

let postSerial = 0;
/** A valid comment from its own address and email, as a reader's form would send it. */
function commentRequest(port: number): Parameters<typeof send> {
  const n = ++postSerial;
  const body = JSON.stringify({
    thread: THREAD,
    locale: n % 2 ? 'en' : 'zh-cn',
    name: `Reader ${n}`,
    email: `reader${n}@bench.example`,
    url: '',
    body: `Benchmark comment ${n}: a paragraph of ordinary length about WeChat and LINE marketing.`,
    token: signFormToken(THREAD, Date.now() - 10_000, SECRET),
  });
  return [
    port,
    'POST',
    '/api/comments',
    body,
    { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
  ];
}

async function seed(db: string, count: number) {
  const store = db.startsWith('postgres://')
    ? await PostgresCommentStore.open(db, { pool: 1 })
    : new SqliteCommentStore(db);
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    await store.insert({
      thread: THREAD,
      parentId: null,
      locale: i % 2 ? 'en' : 'zh-cn',
      authorName: `Seed ${i}`,
      authorEmail: `seed${i}@bench.example`,
      authorUrl: i % 3 ? null : 'https://example.com/',
      body: `Seeded comment ${i}. See https://example.com/${i} for more.\n\nSecond paragraph.`,
      status: 'approved',
      createdAt: now - (count - i) * 60_000,
      ipHash: 'seed',
      fingerprint: `seed-${i}`,
    });
  }
  return store.close();
}

function clientScriptSize(): string {
  try {
    const html = readFileSync(join('dist', 'blog', THREAD, 'index.html'), 'utf8');
    const script = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)]
      .map((m) => m[1] ?? '')
      .find((s) => s.includes('syengage:commenter'));
    if (!script) return 'comment script not found in dist/ (run npm run build)';
    return `${script.length} B minified, ${gzipSync(script, { level: 9 }).length} B gzip, ${brotliCompressSync(script).length} B brotli`;
  } catch {
    return 'dist/ missing (run npm run build)';
  }
}

/**
 * `workers` senders posting comments back to back, each to the port `portFor(worker, request)` names,
 * until `stop()`, which resolves to the ids the server acknowledged (201). A request refused or cut
 * (by a kill) is not acknowledged, so not counted.
 */
function sendUntilStopped(workers: number, portFor: (worker: number, request: number) => number) {
  const acknowledged = new Set<number>();
  let inFlight = 0;
  let stopped = false;
  const fire = async (w: number) => {
    for (let i = 0; !stopped; i++) {
      inFlight++;
      try {
        const { status, text } = await send(...commentRequest(portFor(w, i)));
        if (status === 201) acknowledged.add((JSON.parse(text) as { id: number }).id);
      } catch {
        // Refused or cut by a kill: not acknowledged.
      } finally {
        inFlight--;
      }
    }
  };
  const running = Array.from({ length: workers }, (_, w) => fire(w));
  return {
    inFlight: () => inFlight,
    stop: async () => {
      stopped = true;
      await Promise.all(running);
      return acknowledged;
    },
  };
}

/** SQLite: one server, killed and restarted. */
async function killRun(port: number) {
  const db = join(dir, 'kill.db');
  let server = await startProduction(port, db);
  const load = sendUntilStopped(8, () => port);
  await new Promise((r) => setTimeout(r, 2000));
  const inFlightAtKill = load.inFlight();
  server.kill('SIGKILL');
  const acknowledged = await load.stop();
  await new Promise((r) => server.once('exit', r).exitCode !== null && r(null));
  server = await startProduction(port, db);
  const stored = new Set<number>();
  for (let offset = 0; ; offset += 1000) {
    const { text } = await send(port, 'GET', `/api/admin/comments?limit=1000&offset=${offset}`, undefined, {
      authorization: `Bearer ${ADMIN}`,
    });
    const page = (JSON.parse(text) as { comments: { id: number }[] }).comments;
    for (const c of page) stored.add(c.id);
    if (page.length < 1000) break;
  }
  server.kill('SIGTERM');
  const lost = [...acknowledged].filter((id) => !stored.has(id));
  return { acknowledged: acknowledged.size, stored: stored.size, inFlightAtKill, lost: lost.length };
}

/**
 * How long an approval through instance A's admin API takes to show in instance B's (cached)
 * thread: `rounds` times, a comment posted and read on B, approved on A, then B polled every ms.
 */
async function approvalDelay(portA: number, portB: number, rounds: number) {
  freshAgent();
  const total = async () =>
    (JSON.parse((await send(portB, 'GET', `/api/comments?thread=${THREAD}`)).text) as { total: number }).total;
  const delays: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const { text } = await send(...commentRequest(portA));
    const { id } = JSON.parse(text) as { id: number };
    const before = await total();
    await total();
    await send(portA, 'POST', `/api/admin/comments/${id}/approve`, undefined, { authorization: `Bearer ${ADMIN}` });
    const start = performance.now();
    while ((await total()) === before && performance.now() - start < 5000) await new Promise((r) => setTimeout(r, 1));
    delays.push(performance.now() - start);
  }
  const sorted = delays.sort((x, y) => x - y);
  return { p50: percentile(sorted, 50).toFixed(1), max: (sorted.at(-1) ?? NaN).toFixed(1) };
}

/**
 * PostgreSQL: POSTs alternate between two instances on one database; one is killed with SIGKILL,
 * the load goes on to the other; afterwards every acknowledged id must be in the database.
 */
async function killRunPostgres(newDatabase: (prefix: string) => Promise<string>) {
  const db = await newDatabase('bench_kill');
  const [first, second] = await Promise.all([startProductionOnPostgres(db), startProductionOnPostgres(db)]);
  let killed = false;
  freshAgent();
  const load = sendUntilStopped(8, (w, i) => (killed || (w + i) % 2 ? second.port : first.port));
  await new Promise((r) => setTimeout(r, 2000));
  const inFlightAtKill = load.inFlight();
  first.child.kill('SIGKILL');
  killed = true;
  await new Promise((r) => setTimeout(r, 1000));
  const acknowledged = await load.stop();
  second.child.kill('SIGTERM');
  const store = await PostgresCommentStore.open(db, { pool: 1 });
  const stored = new Set((await store.all()).map((c) => c.id));
  await store.close();
  const lost = [...acknowledged].filter((id) => !stored.has(id));
  return { acknowledged: acknowledged.size, stored: stored.size, inFlightAtKill, lost: lost.length };
}

/**
 * insertChecked at the store level, two store instances (two pools of 8) on one database, 32
 * calls in flight: every call from its own sender (the usual case), and 8 senders posting at
 * once (contention: all but one call per sender is refused as flood).
 */
async function compareCheckedInsert(
  newDatabase: (prefix: string) => Promise<string>,
  mode: CheckedInsertMode,
  contended: boolean,
  seconds: number,
) {
  const db = await newDatabase(`bench_${mode.replace('-', '_')}`);
  const stores = [
    await PostgresCommentStore.open(db, { pool: 8, checkedInsert: mode }),
    await PostgresCommentStore.open(db, { pool: 8, checkedInsert: mode }),
  ];
  const latencies: number[] = [];
  let stored = 0;
  let refused = 0;
  let gaveUp = 0;
  let serial = 0;
  const end = performance.now() + seconds * 1000;
  const comment = (): NewComment => {
    const n = ++serial;
    const sender = contended ? n % 8 : n;
    return {
      thread: THREAD,
      parentId: null,
      locale: 'en',
      authorName: `Reader ${sender}`,
      authorEmail: `reader${sender}@bench.example`,
      authorUrl: null,
      body: `Comment ${n}`,
      status: 'pending',
      createdAt: Date.now() + n, // flood control refuses a sender's next comment within 15 s
      ipHash: `ip-${sender}`,
      fingerprint: `fp-${n}`,
    };
  };
  await Promise.all(
    Array.from({ length: 32 }, async (_, w) => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const result = await (stores[w % 2] as PostgresCommentStore).insertChecked(comment(), { floodSeconds: 15 });
          if (result.ok) stored++;
          else refused++;
        } catch (error) {
          // Serialisation failures on every retry: the API answers 503, the call stored nothing.
          if (!(error instanceof StoreUnavailableError)) throw error;
          gaveUp++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const retries = stores.reduce((sum, store) => sum + store.retries, 0);
  await Promise.all(stores.map((store) => store.close()));
  const sorted = latencies.sort((x, y) => x - y);
  return {
    rate: Math.round(latencies.length / seconds),
    p50: percentile(sorted, 50).toFixed(2),
    p99: percentile(sorted, 99).toFixed(2),
    stored,
    refused,
    retries,
    gaveUp,
  };
}

const loadAtStart = loadavg();
try {
  const prodDb = join(dir, 'prod.db');
  const bareDb = join(dir, 'bare.db');
  await seed(prodDb, 20);
  const [prodPort, barePort, killPort] = [BASE_PORT, BASE_PORT + 1, BASE_PORT + 2];
  await startProduction(prodPort, prodDb);
  await start('scripts/bench/bare-comments-server.ts', { PORT: String(barePort), DB: bareDb, SYNCHRONOUS }, /ready/);
  // The bare server gets the same 20 approved comments.
  {
    const { DatabaseSync } = await import('node:sqlite');
    const bare = new DatabaseSync(bareDb);
    const now = Date.now();
    const insert = bare.prepare(
      `INSERT INTO comments (thread, locale, author_name, author_email, author_url, body, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'approved', ?)`,
    );
    for (let i = 0; i < 20; i++)
      insert.run(
        THREAD,
        i % 2 ? 'en' : 'zh-cn',
        `Seed ${i}`,
        `seed${i}@bench.example`,
        i % 3 ? null : 'https://example.com/',
        `Seeded comment ${i}. See https://example.com/${i} for more.\n\nSecond paragraph.`,
        now - (20 - i) * 60_000,
      );
    bare.close();
  }

  const get = (port: number) => (): Parameters<typeof send> => [port, 'GET', `/api/comments?thread=${THREAD}`];
  // Warm up both (JIT, statement caches).
  await closedLoop(get(prodPort), 1);
  await closedLoop(get(barePort), 1);

  const getBare = summary(await closedLoop(get(barePort), SECONDS));
  const getProd = summary(await closedLoop(get(prodPort), SECONDS));
  const postBare = summary(await closedLoop(() => commentRequest(barePort), SECONDS));
  const postProd = summary(await closedLoop(() => commentRequest(prodPort), SECONDS));
  const fixedBare = summary(await openLoop(() => commentRequest(barePort), 200, 10));
  const fixedProd = summary(await openLoop(() => commentRequest(prodPort), 200, 10));
  for (const child of children.splice(0)) child.kill('SIGTERM');
  const kill = await killRun(killPort);

  // PostgreSQL: one instance, then two on one database (requests alternate between them).
  const externalUrl = process.env['BENCH_DATABASE_URL'];
  const cluster: PostgresCluster | null = externalUrl ? null : await startPostgresCluster({ fsync: true });
  const newDatabase = (prefix: string) =>
    cluster ? cluster.createDatabase(prefix) : createDatabase(externalUrl ?? '', prefix);
  let pg;
  try {
    const pgDb = await newDatabase('bench_one');
    await seed(pgDb, 20);
    const one = await startProductionOnPostgres(pgDb);
    const pgTwoDb = await newDatabase('bench_two');
    await seed(pgTwoDb, 20);
    const [twoA, twoB] = await Promise.all([startProductionOnPostgres(pgTwoDb), startProductionOnPostgres(pgTwoDb)]);
    const both = (i: number) => (i % 2 ? twoA.port : twoB.port);
    // The bare handler again (its database kept), measured between the PostgreSQL runs, so machine load shows on both sides.
    await start('scripts/bench/bare-comments-server.ts', { PORT: String(barePort), DB: bareDb, SYNCHRONOUS }, /ready/);
    await closedLoop(get(barePort), 1);
    await closedLoop(get(one.port), 1);
    await closedLoop((i) => get(both(i))(), 1);
    pg = {
      getBare2: summary(await closedLoop(get(barePort), SECONDS)),
      getOne: summary(await closedLoop(get(one.port), SECONDS)),
      getTwo: summary(await closedLoop((i) => get(both(i))(), SECONDS)),
      postOne: summary(await closedLoop(() => commentRequest(one.port), SECONDS)),
      postTwo: summary(await closedLoop((i) => commentRequest(both(i)), SECONDS)),
      fixedOne: summary(await openLoop(() => commentRequest(one.port), 200, 10)),
      fixedTwo: summary(await openLoop((i) => commentRequest(both(i)), 200, 10)),
    };
    const staleness = await approvalDelay(twoA.port, twoB.port, 20);
    for (const child of children.splice(0)) child.kill('SIGTERM');
    const killPg = await killRunPostgres(newDatabase);
    const modes = [];
    for (const contended of [false, true]) {
      for (const mode of ['advisory-lock', 'serializable'] as const)
        modes.push({ mode, contended, ...(await compareCheckedInsert(newDatabase, mode, contended, 4)) });
    }
    pg = { ...pg, killPg, modes, staleness };
  } finally {
    for (const child of children.splice(0)) child.kill('SIGTERM');
    await cluster?.destroy();
  }

  const row = (name: string, prod: ReturnType<typeof summary>, bare: ReturnType<typeof summary>) =>
    `| ${name} | ${prod.rps} | ${prod.p50} / ${prod.p99} | ${bare.rps} | ${bare.p50} / ${bare.p99} | ${(prod.rps / bare.rps).toFixed(2)} |`;
  console.log(
    `\nComment API benchmark — Node ${process.version}, synchronous=${SYNCHRONOUS}, ${CONNECTIONS} connections, ${SECONDS} s per closed-loop run, loopback`,
  );
  // The load generator and both servers share the machine: a busy machine shows in every figure.
  console.log(
    `${cpus().length} CPUs; load average at start ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}, at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
  console.log('| run | production req/s | p50 / p99 ms | bare req/s | p50 / p99 ms | production ÷ bare |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(row('GET /api/comments (20 comments)', getProd, getBare));
  console.log(row('POST /api/comments (closed loop)', postProd, postBare));
  console.log(row('POST at a fixed 200 req/s, 10 s', fixedProd, fixedBare));
  console.log(
    `\nstatuses: GET ${getProd.statuses} | POST ${postProd.statuses} | fixed-rate POST ${fixedProd.statuses}`,
  );
  console.log(
    `kill -9: ${kill.acknowledged} comments acknowledged (201) before the kill, ${kill.inFlightAtKill} requests in flight at the kill, ${kill.stored} stored after restart, ${kill.lost} acknowledged comments lost`,
  );
  console.log(`client script: ${clientScriptSize()}`);

  const cell = (r: ReturnType<typeof summary>) => `${r.rps} | ${r.p50} / ${r.p99}`;
  console.log(
    `\nPostgreSQL ${cluster ? '(throwaway cluster, fsync on)' : '(BENCH_DATABASE_URL)'}, same load generator; bare and SQLite columns from the runs above`,
  );
  console.log(
    '| run | bare req/s | p50 / p99 ms | SQLite req/s | p50 / p99 ms | PostgreSQL ×1 req/s | p50 / p99 ms | PostgreSQL ×2 req/s | p50 / p99 ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(`| GET /api/comments | ${cell(getBare)} | ${cell(getProd)} | ${cell(pg.getOne)} | ${cell(pg.getTwo)} |`);
  console.log(`| GET, bare again just before the PostgreSQL runs | ${cell(pg.getBare2)} | | | | | | |`);
  console.log(
    `| POST (closed loop) | ${cell(postBare)} | ${cell(postProd)} | ${cell(pg.postOne)} | ${cell(pg.postTwo)} |`,
  );
  console.log(
    `| POST at a fixed 200 req/s, 10 s | ${cell(fixedBare)} | ${cell(fixedProd)} | ${cell(pg.fixedOne)} | ${cell(pg.fixedTwo)} |`,
  );
  console.log(
    `statuses: GET ×2 ${pg.getTwo.statuses} | POST ×2 ${pg.postTwo.statuses} | fixed-rate POST ×2 ${pg.fixedTwo.statuses}`,
  );
  console.log(
    `kill -9 of one of two PostgreSQL instances: ${pg.killPg.acknowledged} acknowledged, ${pg.killPg.inFlightAtKill} in flight at the kill, ${pg.killPg.stored} stored, ${pg.killPg.lost} lost`,
  );
  console.log(
    `approval through instance A's admin API, shown by instance B: median ${pg.staleness.p50} ms, max ${pg.staleness.max} ms (20 approvals; B's first read after the approval counts)`,
  );
  console.log('\ninsertChecked, two store instances × 8 connections, 32 calls in flight, 4 s each');
  console.log(
    '| senders | mode | calls/s | p50 / p99 ms | stored | refused (flood) | retries | gave up after 20 retries (503) |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const m of pg.modes)
    console.log(
      `| ${m.contended ? '8 senders, all at once' : 'each call its own sender'} | ${m.mode} | ${m.rate} | ${m.p50} / ${m.p99} | ${m.stored} | ${m.refused} | ${m.retries} | ${m.gaveUp} |`,
    );
  // Against the bare run just before the PostgreSQL runs (the same machine load, as far as one can tell).
  const pgRatio = Math.min(pg.getOne.rps, pg.getTwo.rps) / pg.getBare2.rps;
  console.log(
    `\nPostgreSQL goals: GET ≥ 0.8 × bare: ${pgRatio >= 0.8 ? 'met' : 'NOT met'} (${pgRatio.toFixed(2)}, the lower of ×1 and ×2 over the bare run before them); POST p99 < 50 ms at 200 req/s across two instances: ${Number(pg.fixedTwo.p99) < 50 ? 'met' : 'NOT met'} (${pg.fixedTwo.p99} ms); no acknowledged comment lost: ${pg.killPg.lost === 0 ? 'met' : 'NOT met'} (${pg.killPg.lost} of ${pg.killPg.acknowledged})`,
  );
  const ratio = getProd.rps / getBare.rps;
  console.log(
    `\ngoals: GET ≥ 0.6 × bare: ${ratio >= 0.6 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}); POST p99 < 50 ms at 200 req/s: ${Number(fixedProd.p99) < 50 ? 'met' : 'NOT met'} (${fixedProd.p99} ms); no acknowledged comment lost: ${kill.lost === 0 ? 'met' : 'NOT met'}`,
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
}
