/**
 * The outbox survives `kill -9`: the real server process (src/server/main.ts) is killed while
 * mails are queued and in flight, then started again on the same SQLite file. Every queued mail
 * arrives; a mail that was in flight at the kill may arrive twice, always under the same
 * Message-ID (its job's idempotency key), so a receiver can drop the copy.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const MODERATORS = Array.from({ length: 6 }, (_, i) => `moderator${i}@example.com`);
const COMMENTS = 4;
const EXPECTED = MODERATORS.length * COMMENTS;

let dir: string;
let smtp: SmtpSink;
let server: ServerProcess | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notify-kill-'));
  // Each mail takes 150 ms to be accepted: with 4 sent at a time, the queue takes over a second.
  smtp = await startSmtpSink({ delayMs: 150 });
});

afterAll(async () => {
  if (server) await server.stop();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({
  COMMENTS_API_ONLY: '1',
  COMMENTS_DB: join(dir, 'comments.db'),
  COMMENTS_SMTP_URL: smtp.url,
  COMMENTS_MODERATOR_EMAILS: MODERATORS.join(','),
  COMMENTS_PUBLIC_URL: 'http://blog.example',
  COMMENTS_MIN_FILL_SECONDS: '0',
  COMMENTS_FLOOD_SECONDS: '0',
  // A job a dead process held goes again one second after its lease was taken.
  COMMENTS_OUTBOX_LEASE_SECONDS: '1',
});

it('kill -9 with mails queued loses none, and a mail sent twice carries the same Message-ID', async () => {
  server = await startServerProcess(env());
  const origin = server.origin;
  for (let i = 0; i < COMMENTS; i++) {
    const { token } = (await (await fetch(`${origin}/api/comments/token?thread=kill-test`)).json()) as {
      token: string;
    };
    const response = await fetch(`${origin}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        thread: 'kill-test',
        locale: 'en',
        name: `Reader ${i}`,
        email: `reader${i}@example.com`,
        body: `Comment ${i} before the crash.`,
        token,
      }),
    });
    expect(response.status).toBe(201);
  }
  // A few mails out, most still queued or in flight: kill -9.
  await smtp.waitFor(4);
  let output = server.output();
  server.child.kill('SIGKILL');
  expect((await server.exited).signal).toBe('SIGKILL');
  server = null;
  const atKill = smtp.mails.length;
  expect(atKill).toBeLessThan(EXPECTED);

  const store = new SqliteCommentStore(join(dir, 'comments.db'));
  const jobs = await store.notifications.outbox({ limit: 1000 });
  await store.close();
  expect(jobs).toHaveLength(EXPECTED);
  expect(jobs.filter((job) => job.status !== 'sent').length).toBeGreaterThan(0);

  server = await startServerProcess(env());
  const keys = new Set(jobs.map((job) => `<${job.key}@blog.example>`));
  await smtp.waitFor(EXPECTED, () => true, 30_000);
  // Every job's Message-ID arrived, and no other.
  const deadline = Date.now() + 30_000;
  while (new Set(smtp.mails.map((mail) => mail.messageId)).size < EXPECTED && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Let anything still in flight land before counting copies.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const ids = smtp.mails.map((mail) => mail.messageId);
  expect(new Set(ids)).toEqual(keys);
  // A copy is only ever a mail that was in flight at the kill (4 at a time), to the same recipient.
  expect(ids.length - EXPECTED).toBeLessThanOrEqual(4);
  const recipientOf = new Map<string, string>();
  for (const mail of smtp.mails) {
    const to = mail.to.join(',');
    expect(recipientOf.get(mail.messageId) ?? to).toBe(to);
    recipientOf.set(mail.messageId, to);
  }
  expect(new Set(recipientOf.values())).toEqual(new Set(MODERATORS));

  await server.stop();
  output += server.output();
  server = null;
  // Nothing the server printed names an address.
  expect(output).not.toMatch(/@example\.com/);
  const after = new SqliteCommentStore(join(dir, 'comments.db'));
  expect(await after.notifications.outboxCounts()).toMatchObject({ sent: EXPECTED, queued: 0, sending: 0, failed: 0 });
  await after.close();
  // What the moderator sees: every job sent, no address.
  const cli = execFileSync(
    process.execPath,
    ['--import', './src/runtime/require-node.mjs', 'scripts/comments.ts', 'outbox', '--status', 'sent', '--limit', '3'],
    { env: { ...process.env, COMMENTS_DB: join(dir, 'comments.db') }, encoding: 'utf8' },
  );
  expect(cli).toContain(`Outbox: 0 queued, 0 sending, ${EXPECTED} sent, 0 failed, 0 skipped`);
  expect(cli).toMatch(/#\d+ {2}sent {4}moderator \(held\) +comment #\d+ {2}to a moderator {2}tries 1/);
  expect(cli).not.toContain('@');
}, 120_000);
