/**
 * SIGTERM under load, on the real server process over a small built-site fixture: every request in
 * flight is answered (none gets a reset), every acknowledged comment is in the database, and the
 * process exits 0 well within its bound.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import { gracefulShutdown } from '../../src/server/graceful-shutdown.ts';
import { openExchange, parseAnswer } from '../support/raw-http.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const THREAD = 'line-for-brands';
let dir: string;
let server: ServerProcess;

function put(path: string, content: string) {
  mkdirSync(dirname(join(dir, 'dist', path)), { recursive: true });
  writeFileSync(join(dir, 'dist', path), content);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'syengage-shutdown-'));
  put('index.html', '<!doctype html><title>home</title>');
  put('404.html', '<!doctype html><title>Page not found</title>');
  put('zh-cn/404/index.html', '<!doctype html><title>找不到页面</title>');
  put('comment-threads.json', JSON.stringify({ threads: [THREAD], posts: {} }));
  server = await startServerProcess({
    DIST_DIR: join(dir, 'dist'),
    COMMENTS_DB: join(dir, 'comments.db'),
    COMMENTS_FLOOD_SECONDS: '0',
    COMMENTS_MIN_FILL_SECONDS: '0',
  });
}, 60_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  status?: number;
  id?: number;
  error?: string;
}

/** One HTTP request on a keep-alive agent; the outcome, or the network error's code. */
function send(agent: Agent, method: string, path: string, body?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        agent,
        headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let id: number | undefined;
          if (res.statusCode === 201) id = (JSON.parse(text) as { id: number }).id;
          resolve({ status: res.statusCode ?? 0, ...(id === undefined ? {} : { id }) });
        });
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(body);
  });
}

describe('graceful shutdown', () => {
  it('on SIGTERM under load: answers every request it accepted, keeps every acknowledged comment, exits 0 within the bound', async () => {
    const { token } = (await (await fetch(`${server.origin}/api/comments/token?thread=${THREAD}`)).json()) as {
      token: string;
    };
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const outcomes: Outcome[] = [];
    let serial = 0;
    let stopping = false;

    // A slow client: its request is half sent when the signal comes, and finished afterwards.
    const slowBody = JSON.stringify({
      thread: THREAD,
      locale: 'en',
      name: 'Slow',
      email: 'slow@example.com',
      body: 'Sent in two halves, across the SIGTERM.',
      token,
    });
    const slowHead = `POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(slowBody)}\r\nConnection: close\r\n\r\n`;
    const half = Math.floor(slowBody.length / 2);

    // Eight clients posting and reading in a loop until the server no longer takes connections.
    const worker = async (index: number) => {
      for (;;) {
        const n = ++serial;
        const outcome =
          n % 3 === 0
            ? await send(agent, 'GET', `/api/comments?thread=${THREAD}`)
            : await send(
                agent,
                'POST',
                '/api/comments',
                JSON.stringify({
                  thread: THREAD,
                  locale: 'en',
                  name: `Load ${index}`,
                  email: `load${n}@example.com`,
                  body: `Comment ${n} under load.`,
                  token,
                }),
              );
        outcomes.push(outcome);
        if (outcome.error === 'ECONNREFUSED' || (stopping && outcome.error)) return;
      }
    };
    const workers = Array.from({ length: 8 }, (_, index) => worker(index));

    // Under way: a few dozen comments in before the signal (however busy the machine is).
    while (outcomes.filter((outcome) => outcome.id !== undefined).length < 30)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const slow = openExchange(server.port, slowHead + slowBody.slice(0, half), { timeoutMs: 8_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    stopping = true;
    // The rest of the slow request arrives after the signal; it was accepted, so it must be answered.
    await new Promise((resolve) => setTimeout(resolve, 300));
    slow.write(slowBody.slice(half));

    const exit = await server.exited;
    const took = Date.now() - signalled;
    await Promise.all(workers);
    agent.destroy();

    // Exited cleanly and well within the 10 s bound.
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(10_000);

    // Every request got an answer or found the door closed; none was cut off.
    const failures = outcomes.filter((outcome) => outcome.error && outcome.error !== 'ECONNREFUSED');
    expect(failures).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status !== undefined && outcome.status >= 500)).toEqual([]);
    const acknowledged = outcomes.flatMap((outcome) => (outcome.id === undefined ? [] : [outcome.id]));
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);

    const slowAnswer = await slow.answer;
    expect(slowAnswer.error).toBeNull();
    const parsedSlow = parseAnswer(slowAnswer.bytes);
    expect(parsedSlow.status).toBe(201);
    acknowledged.push((JSON.parse(parsedSlow.body.toString('utf8')) as { id: number }).id);

    // Every acknowledged comment is in the database the server closed.
    const store = new SqliteCommentStore(join(dir, 'comments.db'));
    try {
      const ids = new Set((await store.all()).map((comment) => comment.id));
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    } finally {
      await store.close();
    }
    expect(server.output()).toContain('SIGTERM: no new connections');
  }, 30_000);
});

describe('graceful shutdown bounds', () => {
  /** A server whose one handler never answers, with a request stuck in it. */
  async function stuckServer() {
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const stuck = createServer(() => arrived());
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    const port = (stuck.address() as AddressInfo).port;
    const client = fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    await arrival;
    return { stuck, client };
  }

  it('cuts a request that never finishes after the bound, closes the store and exits 1; relayed copies of the signal change nothing', async () => {
    const { stuck, client } = await stuckServer();
    const lines: string[] = [];
    let closed = 0;
    const started = Date.now();
    const exitCode = new Promise<number>((resolve) => {
      const { shutdown } = gracefulShutdown(stuck, {
        closeResources: async () => void closed++,
        timeoutMs: 300,
        log: (line) => lines.push(line),
        exit: resolve,
      });
      shutdown('SIGINT');
      shutdown('SIGINT');
      shutdown('SIGTERM');
    });
    expect(await exitCode).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(closed).toBe(1);
    expect(lines.join('\n')).toContain('still busy after 0 s');
    expect(lines.join('\n')).not.toContain('second');
    await client;
  });

  it('stops at once on a second signal given a second after the first', async () => {
    const { stuck, client } = await stuckServer();
    const lines: string[] = [];
    let exited: number | null = null;
    const { shutdown } = gracefulShutdown(stuck, {
      closeResources: async () => {},
      timeoutMs: 10_000,
      log: (line) => lines.push(line),
      exit: (code) => void (exited = code),
    });
    shutdown('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(exited).toBeNull();
    shutdown('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exited).toBe(1);
    expect(lines.join('\n')).toContain('second SIGINT');
    await client;
  });
});
