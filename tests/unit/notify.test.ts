import { describe, expect, it } from 'vitest';
import type { CommentRecord } from '../../src/comments/store.ts';
import { notifyConfig, readNotifyConfig } from '../../src/notify/config.ts';
import {
  signConfirmToken,
  signModerationToken,
  signUnsubscribeToken,
  verifyConfirmToken,
  verifyModerationToken,
  verifyUnsubscribeToken,
} from '../../src/notify/links.ts';
import { confirmMail, escapeHtml, moderatorMail, replyMail } from '../../src/notify/mail.ts';
import { redactError } from '../../src/notify/mailer.ts';
import { notifyPlan } from '../../src/notify/plan.ts';
import { verifyWebhookSignature, webhookSignature } from '../../src/notify/webhook.ts';
import { backoffMs } from '../../src/notify/worker.ts';

const SECRET = 'unit-secret-0123456789abcdef';
const NOW = Date.UTC(2026, 5, 1);

const comment = (fields: Partial<CommentRecord> = {}): CommentRecord => ({
  id: 7,
  thread: 'a-post',
  parentId: null,
  locale: 'en',
  authorName: 'Ann',
  authorEmail: 'ann@example.com',
  authorUrl: null,
  body: 'Hello',
  status: 'pending',
  createdAt: NOW,
  ipHash: 'h',
  fingerprint: 'f',
  ...fields,
});

describe('signed links', () => {
  it('a moderation link names its comment and action, cannot be changed, and expires', () => {
    const token = signModerationToken(42, 'approve', NOW + 1000, SECRET);
    expect(verifyModerationToken(token, SECRET, NOW)).toEqual({
      ok: true,
      value: { commentId: 42, action: 'approve' },
    });
    expect(verifyModerationToken(token.replace('.approve.', '.spam.'), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(verifyModerationToken(token.replace(/^42/, '43'), SECRET, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyModerationToken(token, 'another-secret-0123456789', NOW).ok).toBe(false);
    expect(verifyModerationToken(token, SECRET, NOW + 2000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyModerationToken('../../etc/passwd', SECRET, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('confirmation and unsubscribe links hold an address id, never the address', () => {
    const confirm = signConfirmToken(3, NOW + 1000, SECRET);
    expect(verifyConfirmToken(confirm, SECRET, NOW)).toEqual({ ok: true, value: { addressId: 3 } });
    expect(verifyConfirmToken(confirm, SECRET, NOW + 5000)).toEqual({ ok: false, reason: 'expired' });
    const thread = signUnsubscribeToken(3, 'a-post', SECRET);
    const all = signUnsubscribeToken(3, null, SECRET);
    expect(verifyUnsubscribeToken(thread, SECRET)).toEqual({ ok: true, value: { addressId: 3, thread: 'a-post' } });
    expect(verifyUnsubscribeToken(all, SECRET)).toEqual({ ok: true, value: { addressId: 3, thread: null } });
    // A thread link cannot be widened to every thread, nor moved to another address.
    expect(verifyUnsubscribeToken(thread.replace('.a-post.', '._all.'), SECRET).ok).toBe(false);
    expect(verifyUnsubscribeToken(all.replace(/^3/, '4'), SECRET).ok).toBe(false);
    for (const token of [confirm, thread, all]) expect(token).not.toContain('@');
  });
});

describe('webhook signature', () => {
  it('verifies the body and the timestamp it was signed with', () => {
    const body = JSON.stringify({ event: 'comment.held' });
    const timestamp = 1_800_000_000;
    const signature = webhookSignature('hook-secret-0123456789', timestamp, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const check = (b: string, t: number, now = timestamp) =>
      verifyWebhookSignature('hook-secret-0123456789', { timestamp: String(t), signature }, b, now);
    expect(check(body, timestamp)).toBe(true);
    expect(check(`${body} `, timestamp)).toBe(false);
    expect(check(body, timestamp + 1)).toBe(false);
    // A replay long after is refused.
    expect(check(body, timestamp, timestamp + 3600)).toBe(false);
  });
});

describe('mails', () => {
  const posts = {
    en: { title: 'A <post> & more', path: '/blog/a-post/' },
    'zh-cn': { title: '一篇文章', path: '/zh-cn/blog/a-post/' },
  };
  const hostile = comment({
    authorName: '<script>alert(1)</script>',
    body: '"><img src=x onerror=alert(1)>\nline two',
  });

  it('escape every typed string in the HTML and keep it as typed in the text', () => {
    const mail = moderatorMail({
      comment: hostile,
      event: 'held',
      posts,
      publicUrl: 'https://blog.example',
      links: {
        approve: 'https://blog.example/a?x=1&y=2',
        spam: 'https://blog.example/s',
        trash: 'https://blog.example/t',
      },
      linkDays: 7,
    });
    expect(mail.html).not.toMatch(/<script>|<img|<post>/);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('href="https://blog.example/a?x=1&amp;y=2"');
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(mail.text).toContain('> "><img src=x onerror=alert(1)>\n> line two');
    expect(mail.subject).toContain('A <post> & more');
    expect(mail.subject).toContain('一篇文章');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('a typed name cannot add a header through the subject', () => {
    const mail = replyMail({
      locale: 'en',
      reply: comment({ authorName: 'Eve\r\nBcc: victim@example.com', parentId: 1 }),
      posts,
      publicUrl: 'https://blog.example',
      unsubscribe: { thread: 'https://blog.example/u/1', all: 'https://blog.example/u/2' },
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.headers).toEqual({
      'List-Unsubscribe': '<https://blog.example/u/1>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('mails to commenters are in their language and always carry the unsubscribe links', () => {
    const mail = confirmMail({
      locale: 'zh-cn',
      thread: 'a-post',
      posts,
      confirmUrl: 'https://blog.example/c',
      unsubscribe: { thread: 'https://blog.example/u/1', all: 'https://blog.example/u/2' },
    });
    expect(mail.subject).toBe('请确认接收 syENGAGE 的回复通知');
    expect(mail.text).toContain('《一篇文章》');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('https://blog.example/u/1');
      expect(part).toContain('https://blog.example/u/2');
    }
  });
});

describe('outbox plan and retries', () => {
  const mail = notifyConfig({ smtpUrl: 'smtp://127.0.0.1:25', moderatorEmails: ['m@example.com'] });
  it('queues what the settings ask for', () => {
    expect(notifyPlan({ status: 'pending', parentId: null, locale: 'en' }, false, mail).outbox).toEqual([
      { kind: 'moderator', event: 'held', recipient: 'm@example.com' },
    ]);
    // Published comments are only announced with COMMENTS_NOTIFY_ON=held,published.
    expect(notifyPlan({ status: 'approved', parentId: null, locale: 'en' }, false, mail).outbox).toEqual([]);
    const both = {
      ...mail,
      notifyOn: new Set(['held', 'published'] as const),
      webhookUrl: 'https://hook.example/x',
      webhookSecret: 'x'.repeat(16),
    };
    expect(notifyPlan({ status: 'approved', parentId: 3, locale: 'zh-cn' }, true, both)).toEqual({
      outbox: [
        { kind: 'moderator', event: 'published', recipient: 'm@example.com' },
        { kind: 'webhook', event: 'published' },
        { kind: 'reply' },
        { kind: 'optin', locale: 'zh-cn' },
      ],
      optIn: true,
    });
    // Spam announces nothing; without mail, no opt-in is kept.
    expect(notifyPlan({ status: 'spam', parentId: null, locale: 'en' }, false, mail).outbox).toEqual([]);
    expect(notifyPlan({ status: 'pending', parentId: null, locale: 'en' }, true, notifyConfig())).toEqual({
      outbox: [],
      optIn: false,
    });
  });

  it('backs off exponentially with jitter, capped at six hours', () => {
    expect(backoffMs(1, 30_000, () => 0.5)).toBe(30_000);
    expect(backoffMs(3, 30_000, () => 0.5)).toBe(120_000);
    expect(backoffMs(2, 30_000, () => 0)).toBe(48_000);
    expect(backoffMs(40, 30_000, () => 1)).toBe(6 * 3_600_000 * 1.2);
  });

  it('errors are stored and printed without addresses or URLs', () => {
    expect(redactError('550 5.1.1 <bob@example.com>: Recipient rejected at smtp://user:pw@mail.example:25')).toBe(
      '550 5.1.1 <<address>>: Recipient rejected at <url>',
    );
  });
});

describe('settings', () => {
  it('refuse a webhook without a secret, and never repeat a value in the message', () => {
    expect(() => readNotifyConfig({ COMMENTS_WEBHOOK_URL: 'https://hooks.example/T0/secret-path' })).toThrow(
      /COMMENTS_WEBHOOK_SECRET/,
    );
    let message = '';
    try {
      readNotifyConfig({ COMMENTS_SMTP_URL: 'mail.example with password hunter2' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('COMMENTS_SMTP_URL');
    expect(message).not.toContain('hunter2');
    expect(() => readNotifyConfig({ COMMENTS_MODERATOR_EMAILS: 'a@example.com, not-an-address' })).toThrow(
      /COMMENTS_MODERATOR_EMAILS/,
    );
    const config = readNotifyConfig({
      COMMENTS_SMTP_URL: 'smtps://u:p@smtp.example:465',
      COMMENTS_MODERATOR_EMAILS: 'A@Example.com, b@example.com',
      COMMENTS_NOTIFY_ON: 'held,published',
      COMMENTS_PUBLIC_URL: 'https://blog.example/',
    });
    expect(config.moderatorEmails).toEqual(['a@example.com', 'b@example.com']);
    expect([...config.notifyOn]).toEqual(['held', 'published']);
    expect(config.publicUrl).toBe('https://blog.example');
    expect(config.mailFrom).toBe('syENGAGE <comments@blog.example>');
  });
});
