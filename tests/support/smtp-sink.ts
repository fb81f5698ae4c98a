/**
 * A real SMTP server for the tests (npm smtp-server on 127.0.0.1, an ephemeral port): it receives
 * the site's mails and parses each with mailparser, so tests read them as a mail client would.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail['headers'];
  /** A header as it was sent (unfolded), by case-insensitive name: mailparser groups List-* headers. */
  header(name: string): string | undefined;
  /** The raw message as it arrived. */
  raw: string;
}

export interface SmtpSink {
  port: number;
  /** The COMMENTS_SMTP_URL that reaches it. */
  url: string;
  mails: ReceivedMail[];
  /** Resolves once `count` mails matching `filter` have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, filter?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Recipients it refuses with 550 (a send that keeps failing). */
  reject?: (address: string) => boolean;
  /** Milliseconds it waits before accepting each message (mails in flight when a test kills the sender). */
  delayMs?: number;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) {
        const error = new Error(`Mailbox unavailable: ${address.address}`) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          const finish = () => {
            mails.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              header: (name) => rawHeader(raw, name),
              raw,
            });
            for (const wake of waiters) wake();
            callback();
          };
          if (options.delayMs) setTimeout(finish, options.delayMs);
          else finish();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  const port = address.port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    mails,
    waitFor(count, filter = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = mails.filter(filter);
          if (found.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `Expected ${count} mails, got ${mails.filter(filter).length} within ${timeoutMs} ms (all: ${mails.map((m) => m.subject).join(' | ')})`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function rawHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The links of a plain-text mail, in order. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>]+/g)].map((m) => m[0]);
}
