import { z } from 'zod';
import { commaList, parseCommentsVariables } from '../server/env-variables.ts';
import { siteConfig } from '../site.config.ts';
import type { OutboxEvent } from './notification-record.ts';

/**
 * Notification settings (README, "Moderating comments"). Nothing is sent unless mail
 * (COMMENTS_SMTP_URL and COMMENTS_MODERATOR_EMAILS) or a webhook (COMMENTS_WEBHOOK_URL) is set.
 */
export interface NotifyConfig {
  /** nodemailer transport URL, e.g. smtps://user:password@smtp.example.com:465. Never printed. */
  smtpUrl: string | null;
  moderatorEmails: string[];
  /** The From of every mail, e.g. "syENGAGE <comments@example.com>". */
  mailFrom: string;
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** Which new comments the moderators hear of: held for moderation, published at once, or both. */
  notifyOn: ReadonlySet<OutboxEvent>;
  /** The public origin links in mails point to (no trailing slash). */
  publicUrl: string;
  /** First retry after this many ms; each next one waits twice as long (capped at 6 hours). */
  retryBaseMs: number;
  /** Tries before a job counts as failed (shown by `npm run comments -- outbox`). */
  maxAttempts: number;
  /** How long a worker holds a job it is sending before another may take it (a worker that died). */
  leaseMs: number;
  /** Days a one-click moderation link works. */
  actionLinkDays: number;
}

// Messages never repeat a value: URLs may hold a password or a webhook's secret path.
const schema = z
  .object({
    COMMENTS_SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, { error: 'an SMTP URL such as smtps://user:password@smtp.example.com:465' })
      .optional(),
    COMMENTS_MODERATOR_EMAILS: commaList(z.email({ error: 'comma-separated email addresses' })),
    COMMENTS_MAIL_FROM: z.string().min(3).max(300).optional(),
    COMMENTS_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
    COMMENTS_WEBHOOK_SECRET: z.string().min(16, { error: 'at least 16 characters' }).optional(),
    COMMENTS_NOTIFY_ON: commaList(
      z.enum(['held', 'published'], { error: 'held, published or held,published' }),
      'held',
    ),
    COMMENTS_PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'the public origin, e.g. https://www.example.com' })
      .optional(),
    COMMENTS_OUTBOX_RETRY_SECONDS: z.coerce.number().min(0.01).max(86_400).default(30),
    COMMENTS_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    COMMENTS_OUTBOX_LEASE_SECONDS: z.coerce.number().min(1).max(86_400).default(120),
  })
  .refine((env) => !env.COMMENTS_WEBHOOK_URL || env.COMMENTS_WEBHOOK_SECRET, {
    error: 'COMMENTS_WEBHOOK_URL needs COMMENTS_WEBHOOK_SECRET (at least 16 characters), so receivers can check it',
    path: ['COMMENTS_WEBHOOK_SECRET'],
  });

/** Reads the notification settings from the environment; a bad value throws with the variable's name. */
export function readNotifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const e = parseCommentsVariables(schema, env, 'notification settings');
  const publicUrl = (e.COMMENTS_PUBLIC_URL ?? siteConfig.siteUrl).replace(/\/+$/, '');
  return {
    smtpUrl: e.COMMENTS_SMTP_URL ?? null,
    moderatorEmails: e.COMMENTS_MODERATOR_EMAILS.map((email) => email.toLowerCase()),
    mailFrom: e.COMMENTS_MAIL_FROM ?? `${siteConfig.brand} <comments@${new URL(publicUrl).hostname}>`,
    webhookUrl: e.COMMENTS_WEBHOOK_URL ?? null,
    webhookSecret: e.COMMENTS_WEBHOOK_SECRET ?? null,
    notifyOn: new Set(e.COMMENTS_NOTIFY_ON),
    publicUrl,
    retryBaseMs: e.COMMENTS_OUTBOX_RETRY_SECONDS * 1000,
    maxAttempts: e.COMMENTS_OUTBOX_MAX_ATTEMPTS,
    leaseMs: e.COMMENTS_OUTBOX_LEASE_SECONDS * 1000,
    actionLinkDays: 7,
  };
}

/** Settings with nothing configured (tests and callers that build their own). */
export function notifyConfig(overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  return { ...readNotifyConfig({}), ...overrides };
}

/** Whether mail can be sent at all. */
export const mailEnabled = (config: NotifyConfig) => config.smtpUrl !== null;
