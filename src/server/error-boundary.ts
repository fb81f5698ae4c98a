/**
 * The server's error boundary: what a request that failed is answered, and the one log line it
 * leaves. Every request runs inside it (the Node listener, the static files, the API's `onError`),
 * so no input can end the process. THE place where `StoreUnavailableError` becomes
 * 503 + Retry-After (`answerAppError`), whichever store threw it.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { relative } from 'node:path';
import type { Duplex } from 'node:stream';
import { RequestError } from '@hono/node-server';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { StoreUnavailableError } from '../comments/store.ts';
import { localeFromAcceptLanguage } from '../i18n/accept-language.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { renderErrorPage } from './comments-view.ts';
import { apiPolicyHeader, SECURITY_HEADERS, setSecurityHeaders } from './security-headers.ts';

/** Seconds a client is asked to wait (`Retry-After`) while the comment store is unavailable. */
export const STORE_RETRY_AFTER_SECONDS = 30;

/** Codes of errors that come from a malformed request (a URL, a header, the HTTP framing), not from the server. */
const CLIENT_ERROR_CODES = new Set([
  'ERR_INVALID_URL',
  'ERR_INVALID_URI',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
]);

const codeOf = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** The status a failed request gets: 503 while the store is away, 4xx for a malformed request, 500 for a fault of ours. */
export function statusForError(error: unknown): number {
  if (error instanceof StoreUnavailableError) return 503;
  if (error instanceof HTTPException) return error.status;
  if (error instanceof RequestError || error instanceof URIError) return 400;
  const code = codeOf(error);
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (code && (CLIENT_ERROR_CODES.has(code) || code.startsWith('HPE_'))) return 400;
  return 500;
}

/** Where in our code an error was thrown ("src/server/static.ts:55"), without the message, which may quote the request. */
function origin(error: unknown): string {
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').slice(1) : [];
  const frame = frames.find((line) => !line.includes('node_modules') && !line.includes('node:')) ?? frames[0];
  const place = frame ? /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(frame) : null;
  return place ? `${relative(process.cwd(), (place[1] ?? '').replace(/^file:\/\//, ''))}:${place[2]}` : 'unknown place';
}

/**
 * One line per failed request at the default log level: the status, the error's class and code,
 * where a fault of ours was thrown. No stack trace, and nothing from the request (no URL, no body:
 * messages of malformed-input errors quote the input, so they are left out too). The store's own
 * message is kept: we wrote it.
 */
export function describeFailure(status: number, error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const code = codeOf(error);
  const detail =
    error instanceof StoreUnavailableError ? `: ${error.message}` : status >= 500 ? ` at ${origin(error)}` : '';
  return `request failed: ${status} ${name}${code ? ` ${code}` : ''}${detail}`;
}

export function logRequestFailure(status: number, error: unknown): void {
  console.error(describeFailure(status, error));
}

/** A plain answer with the security headers and the status's name as text, for answers outside the API (failures, the API alone's 404). */
export function answerStatus(res: ServerResponse, status: number): void {
  // Whatever the failed handler set (a length, a type) does not describe this answer.
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  setSecurityHeaders(res, apiPolicyHeader());
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  if (status === 503) res.setHeader('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
  res.statusCode = status;
  res.end(STATUS_CODES[status] ?? 'Error');
}

/** Answers (or, once the answer has begun, cuts short) a request whose handler threw. */
export function answerNodeError(res: ServerResponse, error: unknown): void {
  const status = statusForError(error);
  logRequestFailure(status, error);
  if (res.headersSent) res.destroy();
  else answerStatus(res, status);
}

/** A Node request listener inside the boundary: a throw or a rejected promise is answered, never left to end the process. */
export function guardRequests(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    try {
      const result = handler(req, res);
      if (result instanceof Promise) result.catch((error: unknown) => answerNodeError(res, error));
    } catch (error) {
      answerNodeError(res, error);
    }
  };
}

/** The answer to a request Hono's Node adapter could not turn into a `Request` (a bad Host, an absolute URL it refuses). */
export function fetchErrorResponse(error: unknown): Response {
  const status = statusForError(error);
  logRequestFailure(status, error);
  return new Response(STATUS_CODES[status] ?? 'Error', {
    status,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': apiPolicyHeader(),
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * Node's answer to a request it cannot even parse (a broken request line or header, a header
 * too large): the usual status, with the security headers, then the connection is closed.
 */
export function answerClientError(error: Error, socket: Duplex): void {
  const code = codeOf(error);
  const pending = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const status = statusForError(error) === 500 ? 400 : statusForError(error);
  logRequestFailure(status, error);
  endWithStatus(socket, status);
}

/** Writes a bodiless answer with the security headers straight to a socket Node took out of HTTP handling, and closes it. */
function endWithStatus(socket: Duplex, status: number, extra: Record<string, string> = {}): void {
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': apiPolicyHeader(),
    ...extra,
    'Content-Length': '0',
    Connection: 'close',
  };
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`,
  );
}

/** A CONNECT request (this is no proxy): 405, where Node alone would drop the connection without a word. */
export function answerConnect(_req: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => socket.destroy());
  endWithStatus(socket, 405, { Allow: 'GET, HEAD, POST, DELETE, OPTIONS' });
}

/** Context variables the API sets for its error answers. */
export interface ErrorBoundaryVariables {
  /** The reader's language, once the request has said it (the form's `locale` field). */
  locale?: Locale;
}

/** The language of the reader a failed API request came from: its form, its `?locale=`, its browser. */
export function readerLocale<E extends { Variables: ErrorBoundaryVariables }>(c: Context<E>): Locale {
  const chosen: unknown = c.var.locale;
  const query = c.req.query('locale');
  return isLocale(chosen)
    ? chosen
    : isLocale(query)
      ? query
      : localeFromAcceptLanguage(c.req.header('accept-language'));
}

/** Whether the reader of this request reads HTML (the no-JavaScript pages and form posts) rather than JSON. */
function wantsHtml<E extends { Variables: ErrorBoundaryVariables }>(c: Context<E>): boolean {
  if (c.req.path.endsWith('/comments/view')) return true;
  return c.req.method === 'POST' && !(c.req.header('content-type') ?? '').includes('application/json');
}

/**
 * The API's `onError`. `StoreUnavailableError`, from any store and any route, becomes 503 with
 * `Retry-After` and a message in the reader's language (JSON, or the site's error page for HTML
 * readers). Anything else is a fault of ours: one log line and a 500 without details.
 */
export function answerAppError<E extends { Variables: ErrorBoundaryVariables }>(
  error: Error,
  c: Context<E>,
): Response | Promise<Response> {
  if (error instanceof HTTPException) return error.getResponse();
  const status = statusForError(error);
  logRequestFailure(status, error);
  c.header('Cache-Control', 'no-store');
  if (status === 503) {
    const locale = readerLocale(c);
    const message = useTranslations(locale)('comments.error.unavailable');
    c.header('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    return wantsHtml(c)
      ? c.html(renderErrorPage(locale, message), 503)
      : c.json({ error: 'unavailable', message }, 503);
  }
  return status < 500 ? c.json({ error: 'bad-request' }, 400) : c.json({ error: 'internal' }, 500);
}
