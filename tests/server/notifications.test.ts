/**
 * Notifications end to end through the API (app.request), a real SMTP server (smtp-server, mails
 * parsed with mailparser) and a real HTTP webhook receiver that checks the signature, on both
 * stores: a SQLite file and a real PostgreSQL server (tests/server/postgres-setup.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresCommentStore } from '../../src/comments/postgres-store.ts';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import type { CommentStore } from '../../src/comments/store.ts';
import type { ThreadPosts } from '../../src/comments/threads.ts';
import { notifyConfig, type NotifyConfig } from '../../src/notify/config.ts';
import { createNotifications, type Notifications } from '../../src/notify/index.ts';
import { smtpMailer } from '../../src/notify/mailer.ts';
import { outboxCommand, unsubscribeCommand } from '../../src/notify/outbox-cli.ts';
import { verifyWebhookSignature, type WebhookPayload } from '../../src/notify/webhook.ts';
import { createCommentsApp } from '../../src/server/comments-app.ts';
import { SECRET, commentFields, postJsonTo } from '../fixtures/comment-api.ts';
import { freshDatabase } from '../fixtures/postgres-test.ts';
import { linksIn, startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.ts';

const WEBHOOK_SECRET = 'webhook-secret-0123456789';
const THREAD = 'wechat-mobile-marketing-mayhem';
const PUBLIC = 'https://blog.example';
const MODERATORS = ['mod-one@example.com', 'mod-two@example.com'];
const T0 = Date.UTC(2026, 5, 1, 12);
const POSTS: ThreadPosts = new Map([
  [
    THREAD,
    {
      en: { title: 'We Chat: Mobile Marketing Mayhem?', path: `/blog/${THREAD}/` },
      'zh-cn': { title: '微信：移动营销的混乱？', path: `/zh-cn/blog/${THREAD}/` },
    },
  ],
]);

interface Backend {
  name: string;
  open(): Promise<{ store: CommentStore; remove(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'notify-'));
      const store = new SqliteCommentStore(join(dir, 'comments.db'));
      return { store, remove: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const store = await PostgresCommentStore.open(await freshDatabase('notify'), { pool: 4 });
      return { store, remove: async () => {} };
    },
  },
];

/** A webhook receiver on 127.0.0.1:0 that checks every signature and can fail the first calls. */
async function startReceiver(failFirst = 0) {
  const calls: { valid: boolean; payload: WebhookPayload; delivery: string }[] = [];
  let failures = failFirst;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(500).end();
        return;
      }
      const valid = verifyWebhookSignature(
        WEBHOOK_SECRET,
        {
          timestamp: req.headers['x-comments-timestamp'] as string | undefined,
          signature: req.headers['x-comments-signature'] as string | undefined,
        },
        body,
        Math.floor(clock / 1000),
      );
      calls.push({
        valid,
        payload: JSON.parse(body) as WebhookPayload,
        delivery: String(req.headers['x-comments-delivery']),
      });
      res.writeHead(valid ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, calls, close: () => new Promise((r) => server.close(r)) };
}

let clock = T0;
let serial = 0;

for (const backend of backends) {
  describe(`notifications on ${backend.name}`, () => {
    let store: CommentStore;
    let remove: () => Promise<void>;
    let smtp: SmtpSink;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let notifications: Notifications;
    let app: ReturnType<typeof createCommentsApp>;
    let logs: string[];

    function setup(overrides: Partial<NotifyConfig> = {}) {
      const config = notifyConfig({
        smtpUrl: smtp.url,
        moderatorEmails: MODERATORS,
        mailFrom: 'syENGAGE <comments@blog.example>',
        webhookUrl: receiver.url,
        webhookSecret: WEBHOOK_SECRET,
        publicUrl: PUBLIC,
        retryBaseMs: 1000,
        maxAttempts: 3,
        ...overrides,
      });
      notifications = createNotifications({
        store,
        secret: SECRET,
        config,
        threadPosts: POSTS,
        mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null,
        now: () => clock,
        worker: { log: (line) => logs.push(line) },
      });
      app = createCommentsApp({ store, secret: SECRET, now: () => clock, notifications, floodSeconds: 0 });
    }

    beforeEach(async () => {
      clock = T0;
      logs = [];
      ({ store, remove } = await backend.open());
      smtp = await startSmtpSink({ reject: (address) => address.startsWith('bounce') });
      receiver = await startReceiver();
      setup();
    });

    afterEach(async () => {
      await notifications.worker.stop();
      await store.close();
      await smtp.close();
      await receiver.close();
      await remove();
    });

    /** Runs the worker until nothing is due. */
    async function drain() {
      for (let i = 0; i < 50 && (await notifications.worker.runOnce()) > 0; i++);
    }

    async function post(fields: Record<string, unknown>) {
      const response = await postJsonTo(app, '/api/comments', commentFields(THREAD, clock, fields), {
        ip: `198.51.100.${++serial % 250}`,
      });
      return { response, body: (await response.json()) as { id: number; status: string } };
    }

    const path = (url: string) => new URL(url).pathname;
    const open = (url: string) => app.request(path(url), { headers: { 'accept-language': 'en' } });
    const press = (url: string, form: Record<string, string> = {}) =>
      app.request(path(url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        body: new URLSearchParams(form).toString(),
      });

    it('queues the mails and the webhook with the comment, and the worker sends them: both languages, text escaped, signed', async () => {
      const hostile = '<img src=x onerror=alert(1)> & "Ann" $& Co';
      const { body } = await post({
        name: hostile,
        body: 'First line <b>bold</b>\n\n<script>alert(1)</script>',
        locale: 'zh-cn',
      });
      expect(body.status).toBe('pending');
      // Queued in the comment's transaction, before any worker ran: two moderators and the webhook.
      const queued = await store.notifications.outbox({});
      expect(queued.map((job) => job.kind).sort()).toEqual(['moderator', 'moderator', 'webhook']);
      expect(queued.every((job) => job.commentId === body.id && job.status === 'queued')).toBe(true);

      await drain();
      const mails = await smtp.waitFor(2);
      expect(mails.flatMap((mail) => mail.to).sort()).toEqual(MODERATORS);
      const mail = mails[0] as ReceivedMail;
      expect(mail.subject).toContain('We Chat: Mobile Marketing Mayhem?');
      expect(mail.subject).toContain('微信：移动营销的混乱？');
      expect(mail.text).toContain(hostile);
      expect(mail.text).toContain('<script>alert(1)</script>');
      expect(mail.text).toContain('Written in / 评论语言: Chinese / 中文');
      // The HTML part shows the typed text as text: escaped, never markup.
      expect(mail.html).not.toContain('<img src=x');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Ann&quot; $&amp; Co');
      // Each mail carries its job's idempotency key as Message-ID.
      const keys = (await store.notifications.outbox({ status: 'sent' })).filter((j) => j.kind === 'moderator');
      expect(mails.map((m) => m.messageId).sort()).toEqual(keys.map((j) => `<${j.key}@blog.example>`).sort());
      // The webhook: signature checked by the receiver, no address in it.
      expect(receiver.calls).toHaveLength(1);
      const call = receiver.calls[0]!;
      expect(call.valid).toBe(true);
      expect(call.payload).toMatchObject({
        event: 'comment.held',
        comment: { id: body.id, author: hostile, locale: 'zh-cn' },
      });
      expect(call.payload.post['zh-cn']?.url).toBe(`${PUBLIC}/zh-cn/blog/${THREAD}/`);
      expect(JSON.stringify(call.payload)).not.toContain('@example.com');
      expect(logs).toEqual([]);
    });

    it('writes nothing when the comment is refused, and rolls the comment back when its outbox row fails', async () => {
      const first = await post({ email: 'same@example.com', body: 'Same words.' });
      expect(first.response.status).toBe(201);
      const again = await post({ email: 'same@example.com', body: 'Same words.' });
      expect(again.response.status).toBe(409);
      expect(await store.notifications.outbox({})).toHaveLength(3);
      // A plan the database refuses (an unknown kind breaks the table's CHECK): the comment goes too.
      const before = (await store.all()).length;
      await expect(
        store.insertChecked(
          {
            thread: THREAD,
            parentId: null,
            locale: 'en',
            authorName: 'Bo',
            authorEmail: 'bo@example.com',
            authorUrl: null,
            body: 'Rolled back with its outbox row.',
            status: 'pending',
            createdAt: clock,
            ipHash: 'x',
            fingerprint: 'rolled-back',
          },
          { floodSeconds: 0, notify: { outbox: [{ kind: 'bogus' as never }], optIn: false } },
        ),
      ).rejects.toThrow();
      expect((await store.all()).length).toBe(before);
    });

    it('approves through the mailed link only after the confirmation button; the link works once and expires', async () => {
      const { body } = await post({});
      await drain();
      const [mail] = await smtp.waitFor(2);
      const links = linksIn(mail!.text).filter((link) => link.includes('/api/moderate/'));
      expect(links).toHaveLength(3);
      const [approve, spam] = links as [string, string, string];

      // Opening the link (as a mail scanner does) changes nothing.
      const page = await open(approve);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html).toContain('Approve this comment?');
      expect(html).toContain('<form method="post">');
      expect(html).not.toContain(path(approve).split('/').at(-1));
      expect(html).not.toContain('@example.com');
      expect((await store.get(body.id))?.status).toBe('pending');

      const done = await press(approve);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain(`href="/zh-cn/blog/${THREAD}/"`);
      expect((await store.get(body.id))?.status).toBe('approved');
      // Used once: the same link again is refused and changes nothing.
      expect((await press(approve)).status).toBe(410);
      // Tampered: refused.
      expect((await press(approve.replace(/\.approve\./, '.trash.'))).status).toBe(404);
      // Expired after the configured days.
      clock += 8 * 86_400_000;
      expect((await press(spam)).status).toBe(410);
      expect((await store.get(body.id))?.status).toBe('approved');
    });

    it('a send that keeps failing is retried with backoff, then shows as failed, and never holds up the rest', async () => {
      await notifications.worker.stop();
      setup({ moderatorEmails: ['bounce@example.com', 'mod-one@example.com'], webhookUrl: null });
      await post({});
      await post({});
      await drain();
      // Both good mails went out at once, though the bad ones came first in the queue.
      await smtp.waitFor(2);
      let bad = (await store.notifications.outbox({})).filter((job) => job.recipient === 'bounce@example.com');
      expect(bad.map((job) => [job.status, job.attempts])).toEqual([
        ['queued', 1],
        ['queued', 1],
      ]);
      // Not due yet: nothing is sent again before the backoff.
      clock += 500;
      expect(await notifications.worker.runOnce()).toBe(0);
      for (let i = 0; i < 3; i++) {
        clock += 10_000;
        await drain();
      }
      bad = (await store.notifications.outbox({})).filter((job) => job.recipient === 'bounce@example.com');
      expect(bad.map((job) => [job.status, job.attempts])).toEqual([
        ['failed', 3],
        ['failed', 3],
      ]);
      expect(bad[0]?.lastError).toContain('550');
      // The error and the log lines name no address.
      expect(bad[0]?.lastError).not.toContain('bounce@');
      expect(logs.join('\n')).not.toMatch(/@example\.com/);
      expect(logs.some((line) => line.includes('failed for good'))).toBe(true);
      expect(await store.notifications.outboxCounts()).toMatchObject({ failed: 2, sent: 2 });
      expect(smtp.mails).toHaveLength(2);
      // `npm run comments -- outbox` shows them, with the SMTP answer and without the address.
      const shown = await outboxCommand(store, [], { limit: 50, json: false });
      expect(shown.output).toContain('Outbox: 0 queued, 0 sending, 2 sent, 2 failed, 0 skipped');
      expect(shown.output).toMatch(
        /#\d+ {2}failed {2}moderator \(held\).*to a moderator {2}tries 3 .*\n {6}last error: .*550 Mailbox unavailable: <address>/,
      );
      expect(shown.output).not.toContain('@');
      // Retried by hand after the problem is fixed: queued again, tries reset.
      const retried = await outboxCommand(store, ['retry', String(bad[0]!.id)], { limit: 50, json: false });
      expect(retried.output).toBe(`#${bad[0]!.id} queued again`);
      expect((await store.notifications.outbox({ status: 'queued' })).map((job) => job.attempts)).toEqual([0]);
    });

    it('the webhook is retried after an error and keeps its delivery id', async () => {
      await receiver.close();
      receiver = await startReceiver(1);
      await notifications.worker.stop();
      setup({ smtpUrl: null });
      await post({});
      await drain();
      expect(receiver.calls).toHaveLength(0);
      clock += 2_000;
      await drain();
      expect(receiver.calls).toHaveLength(1);
      const [job] = await store.notifications.outbox({});
      expect(job).toMatchObject({ kind: 'webhook', status: 'sent', attempts: 2 });
      expect(receiver.calls[0]?.delivery).toBe(job?.key);
      expect(receiver.calls[0]?.valid).toBe(true);
    });

    it('reply notifications: double opt-in first, then replies in the reader’s language, one-click unsubscribe honoured', async () => {
      await notifications.worker.stop();
      setup({ moderatorEmails: [], webhookUrl: null });
      const mei = 'mei@example.com';
      const top = await post({ email: mei, name: 'Mei', locale: 'zh-cn', notify: true, body: '第一条评论' });
      // A second opt-in of the same address before confirming: still only one confirmation mail.
      const second = await post({ email: mei, name: 'Mei', locale: 'zh-cn', notify: '1', body: '第二条评论' });
      await drain();
      const [confirm] = await smtp.waitFor(1);
      expect(confirm!.to).toEqual([mei]);
      expect(confirm!.subject).toContain('请确认');
      expect(confirm!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(confirm!.header('List-Unsubscribe')).toMatch(
        /^<https:\/\/blog\.example\/api\/subscriptions\/unsubscribe\/[^>]+>$/,
      );
      expect(confirm!.text).toContain('不再接收');

      // Approve Mei's comments; a reply before she confirms sends her nothing.
      for (const id of [top.body.id, second.body.id]) await store.setStatus(id, 'approved');
      const early = await post({ parent: top.body.id, name: 'Bob', body: 'An early reply.' });
      await store.setStatus(early.body.id, 'approved');
      await drain();
      expect(smtp.mails).toHaveLength(1);

      // Confirm: the link's page asks; only the button confirms.
      const confirmLink = linksIn(confirm!.text).find((link) => link.includes('/confirm/'))!;
      expect(await (await open(confirmLink)).text()).toContain('<button type="submit"');
      expect((await store.notifications.addressByEmail(mei))?.confirmedAt).toBeNull();
      expect((await press(confirmLink)).status).toBe(200);
      expect((await store.notifications.addressByEmail(mei))?.confirmedAt).not.toBeNull();

      // A reply (held, then approved by the moderator) reaches her, in Chinese, with the reply escaped.
      const reply = await post({ parent: top.body.id, name: 'Bob <b>', body: 'Thanks <i>Mei</i>!' });
      await drain();
      expect(smtp.mails).toHaveLength(1);
      await store.setStatus(reply.body.id, 'approved');
      await store.notifications.wake(reply.body.id, clock);
      await drain();
      const [, replyMail] = await smtp.waitFor(2);
      expect(replyMail!.to).toEqual([mei]);
      expect(replyMail!.subject).toBe('Bob <b> 在《微信：移动营销的混乱？》下回复了');
      expect(replyMail!.text).toContain('Thanks <i>Mei</i>!');
      expect(replyMail!.html).toContain('Thanks &lt;i&gt;Mei&lt;/i&gt;!');
      expect(replyMail!.text).toContain(`${PUBLIC}/zh-cn/blog/${THREAD}/#comment-${reply.body.id}`);
      const unsubscribe = linksIn(replyMail!.text).find((link) => link.includes('/unsubscribe/'))!;
      expect(replyMail!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(replyMail!.header('List-Unsubscribe')).toBe(`<${unsubscribe}>`);

      // RFC 8058 one-click: the POST a mail provider sends. No more mail about this thread.
      const oneClick = await app.request(path(unsubscribe), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status).toBe(200);
      expect(await oneClick.text()).not.toContain('@');
      const later = await post({ parent: top.body.id, name: 'Cy', body: 'Another reply.' });
      await store.setStatus(later.body.id, 'approved');
      await store.notifications.wake(later.body.id, clock);
      await drain();
      expect(smtp.mails).toHaveLength(2);
      expect(
        (await store.notifications.outbox({})).every((job) => job.status !== 'queued' && job.status !== 'sending'),
      ).toBe(true);
    });

    it('unsubscribing from every thread is for good: no confirmation mail for a later opt-in either', async () => {
      await notifications.worker.stop();
      setup({ moderatorEmails: [], webhookUrl: null });
      const kim = 'kim@example.com';
      await post({ email: kim, notify: true });
      await drain();
      const [confirm] = await smtp.waitFor(1);
      const all = linksIn(confirm!.text).filter((link) => link.includes('/unsubscribe/'))[1]!;
      const page = await (await open(all)).text();
      expect(page).toContain('Stop all emails');
      expect(page).not.toContain(kim);
      expect((await press(all, { scope: 'all' })).status).toBe(200);
      await post({ email: kim, notify: true, body: 'Trying again later.' });
      await drain();
      expect(smtp.mails).toHaveLength(1);
      // Even an old confirmation link does not undo it.
      const confirmLink = linksIn(confirm!.text).find((link) => link.includes('/confirm/'))!;
      expect(await (await press(confirmLink)).text()).toContain('not to get any more mail');
      expect((await store.notifications.addressByEmail(kim))?.confirmedAt).toBeNull();
    });

    it('a moderator unsubscribes an address on request (npm run comments -- unsubscribe), before it ever asked', async () => {
      await notifications.worker.stop();
      setup({ moderatorEmails: [], webhookUrl: null });
      const result = await unsubscribeCommand(store, ['Lee@Example.com'], {});
      expect(result).toEqual({ output: 'Unsubscribed: that address gets no more mail from this site.', exitCode: 0 });
      await post({ email: 'lee@example.com', notify: true });
      await drain();
      expect(smtp.mails).toHaveLength(0);
      expect((await unsubscribeCommand(store, ['not-an-address'], {})).exitCode).toBe(1);
    });
  });
}
