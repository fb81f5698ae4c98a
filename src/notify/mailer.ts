import nodemailer from 'nodemailer';
import type { MailContent } from './mail.ts';

/** Sends one mail; throws when the server refuses it or cannot be reached (the worker retries). */
export interface Mailer {
  send(to: string, messageId: string, content: MailContent): Promise<void>;
  close(): void;
}

/** Error text safe to store and print: no address, no URL (an SMTP answer often quotes the recipient). */
export function redactError(message: string): string {
  return message
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '<address>')
    .slice(0, 300);
}

/**
 * A mailer over nodemailer's SMTP transport (COMMENTS_SMTP_URL). Timeouts keep a server that does
 * not answer from holding a job for long; the worker sends several jobs at once, so one slow
 * server or recipient never holds up the rest.
 */
export function smtpMailer(url: string, from: string): Mailer {
  // Every mail is its own connection: nothing to keep open while the outbox is idle.
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(to, messageId, content) {
      await transport.sendMail({
        from,
        to,
        subject: content.subject,
        text: content.text,
        html: content.html,
        messageId,
        headers: { 'Auto-Submitted': 'auto-generated', ...content.headers },
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close() {
      transport.close();
    },
  };
}
