/**
 * Benchmark of notifications (not a test): `npm run bench:notify`.
 *
 * 1. What the outbox costs a POST: the comment API in this process (app.request, a SQLite file)
 *    without notifications, and with two moderator mails, the webhook and an opt-in queued per
 *    comment while the worker sends to a real SMTP server (smtp-server on 127.0.0.1) that takes
 *    200 ms per mail. Rounds alternate between the two, so machine noise hits both alike; it
 *    prints p50/p99 per POST and their ratio. Goal: posting never waits for mail.
 * 2. How fast the worker empties the outbox into a local SMTP server that answers at once.
 *
 * BENCH_POSTS (default 300 per round and setup) and BENCH_ROUNDS (default 4) bound it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCommentStore } from '../src/comments/sqlite-store.ts';
import { notifyConfig } from '../src/notify/config.ts';
import { createNotifications, type Notifications } from '../src/notify/index.ts';
import { createCommentsApp } from '../src/server/comments-app.ts';
import { startSmtpSink } from '../tests/support/smtp-sink.ts';
import { SECRET, commentFields, postJsonTo } from '../tests/fixtures/comment-api.ts';

const THREAD = 'wechat-mobile-marketing-mayhem';
const POSTS = Number(process.env['BENCH_POSTS'] ?? 300);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4);
const dir = mkdtempSync(join(tmpdir(), 'bench-notify-'));

const slowSmtp = await startSmtpSink({ delayMs: 200 });
const fastSmtp = await startSmtpSink();
const hook = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(204).end());
});
await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/`;

function setup(name: string, withNotifications: boolean, smtpUrl: string) {
  const store = new SqliteCommentStore(join(dir, `${name}.db`));
  const notifications: Notifications | undefined = withNotifications
    ? createNotifications({
        store,
        secret: SECRET,
        config: notifyConfig({
          smtpUrl,
          moderatorEmails: ['one@example.com', 'two@example.com'],
          webhookUrl: hookUrl,
          webhookSecret: 'bench-webhook-secret-0123',
        }),
        worker: { log: () => {} },
      })
    : undefined;
  notifications?.worker.start();
  const app = createCommentsApp({ store, secret: SECRET, floodSeconds: 0, minFillSeconds: 0, notifications });
  return { store, app, notifications };
}

let serial = 0;
async function post(app: ReturnType<typeof createCommentsApp>): Promise<number> {
  const n = ++serial;
  const started = performance.now();
  const response = await postJsonTo(app, '/api/comments', commentFields(THREAD, Date.now(), { notify: true }), {
    ip: `10.0.${(n >> 8) & 255}.${n & 255}`,
  });
  if (response.status !== 201) throw new Error(`POST answered ${response.status}`);
  return performance.now() - started;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

// 1. POST with and without the outbox, rounds interleaved.
const plain = setup('plain', false, '');
const notified = setup('notified', true, slowSmtp.url);
const times = { plain: [] as number[], notified: [] as number[] };
for (let i = 0; i < 50; i++) {
  await post(plain.app);
  await post(notified.app);
}
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, target] of [
    ['plain', plain],
    ['notified', notified],
  ] as const) {
    for (let i = 0; i < POSTS; i++) times[name].push(await post(target.app));
  }
}
const counts = await notified.store.notifications.outboxCounts();
console.log(`POST (in-process, SQLite file), ${ROUNDS} interleaved rounds of ${POSTS} per setup:`);
for (const name of ['plain', 'notified'] as const) {
  console.log(
    `  ${name === 'plain' ? 'no notifications       ' : 'outbox: 4 jobs/comment '} p50 ${quantile(times[name], 0.5).toFixed(2)} ms  p99 ${quantile(times[name], 0.99).toFixed(2)} ms`,
  );
}
console.log(
  `  ratio (outbox / none): p50 ${(quantile(times.notified, 0.5) / quantile(times.plain, 0.5)).toFixed(2)}, p99 ${(quantile(times.notified, 0.99) / quantile(times.plain, 0.99)).toFixed(2)}`,
);
console.log(
  `  while posting, the worker had sent ${slowSmtp.mails.length} mails to the 200 ms/mail SMTP server; outbox then: ${JSON.stringify(counts)}`,
);
await notified.notifications?.worker.stop();
await plain.store.close();
await notified.store.close();

// 2. Worker throughput into a fast local SMTP server.
const drain = setup('drain', true, fastSmtp.url);
await drain.notifications?.worker.stop();
const queueSize = 200;
for (let i = 0; i < queueSize / 2; i++) await post(drain.app);
const expected = (await drain.store.notifications.outboxCounts()).queued;
const started = performance.now();
const worker = createNotifications({
  store: drain.store,
  secret: SECRET,
  config: notifyConfig({
    smtpUrl: fastSmtp.url,
    moderatorEmails: ['one@example.com', 'two@example.com'],
    webhookUrl: hookUrl,
    webhookSecret: 'bench-webhook-secret-0123',
  }),
  worker: { log: () => {} },
}).worker;
while ((await worker.runOnce()) > 0);
const seconds = (performance.now() - started) / 1000;
console.log(
  `Worker: ${expected} queued jobs (mails, webhooks, opt-in confirmations) sent in ${seconds.toFixed(2)} s: ${(expected / seconds).toFixed(0)} jobs/s (4 at a time, a new SMTP connection per mail)`,
);
await drain.store.close();
await slowSmtp.close();
await fastSmtp.close();
hook.close();
rmSync(dir, { recursive: true, force: true });
