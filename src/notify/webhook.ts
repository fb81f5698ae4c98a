import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../comments/spam.ts';
import { localeKeys, type Locale } from '../i18n/locales.ts';
import type { CommentRecord } from '../comments/store.ts';
import type { PostsOfThread } from './mail.ts';

/**
 * The webhook: a JSON POST about a new comment, signed so the receiver (a WeCom or Slack bridge)
 * can tell it comes from this site and was not replayed:
 *
 *   X-Comments-Timestamp: <unix seconds>
 *   X-Comments-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed by COMMENTS_WEBHOOK_SECRET>
 *   X-Comments-Delivery: <id of this notification; the same on every retry>
 *
 * The body carries the author's name and the comment, never an address.
 */
export const SIGNATURE_HEADER = 'X-Comments-Signature';
export const TIMESTAMP_HEADER = 'X-Comments-Timestamp';
export const DELIVERY_HEADER = 'X-Comments-Delivery';

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: the signature matches and the timestamp is within `toleranceSeconds` of now. */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  return constantTimeEqual(headers.signature, webhookSignature(secret, timestamp, body));
}

export interface WebhookPayload {
  event: 'comment.held' | 'comment.published';
  delivery: string;
  comment: {
    id: number;
    thread: string;
    parentId: number | null;
    locale: Locale;
    /** The language it was written in, named in English and in Chinese. */
    language: Record<Locale, string>;
    author: string;
    body: string;
    status: CommentRecord['status'];
    createdAt: string;
  };
  /** The post in each language it is published in. */
  post: Partial<Record<Locale, { title: string; url: string }>>;
}

export function webhookPayload(
  comment: CommentRecord,
  event: 'held' | 'published',
  delivery: string,
  posts: PostsOfThread,
  publicUrl: string,
  languageName: (locale: Locale, inLocale: Locale) => string,
): WebhookPayload {
  const post: WebhookPayload['post'] = {};
  for (const locale of localeKeys) {
    const entry = posts?.[locale];
    if (entry) post[locale] = { title: entry.title, url: `${publicUrl}${entry.path}` };
  }
  return {
    event: `comment.${event}`,
    delivery,
    comment: {
      id: comment.id,
      thread: comment.thread,
      parentId: comment.parentId,
      locale: comment.locale,
      language: Object.fromEntries(localeKeys.map((l) => [l, languageName(comment.locale, l)])) as Record<
        Locale,
        string
      >,
      author: comment.authorName,
      body: comment.body,
      status: comment.status,
      createdAt: new Date(comment.createdAt).toISOString(),
    },
    post,
  };
}

/** POSTs the payload; resolves on a 2xx answer, throws otherwise (the worker retries). */
export async function sendWebhook(
  url: string,
  secret: string,
  payload: WebhookPayload,
  { timeoutMs = 10_000, now = Date.now } = {},
): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now() / 1000);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'syENGAGE-comments',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, body),
        [DELIVERY_HEADER]: payload.delivery,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // The message of a failed fetch may name the URL, which can hold the receiver's secret path.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = (cause as { code?: unknown }).code;
    throw new Error(
      `webhook not reached (${typeof code === 'string' ? code : error instanceof Error ? error.name : 'error'})`,
    );
  }
  await response.body?.cancel();
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}
