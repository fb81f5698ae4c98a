import { createMiddleware } from 'hono/factory';
import { cors } from 'hono/cors';
import { useTranslations } from '../../i18n/translate.ts';
import { readerLocale } from '../error-boundary.ts';
import type { ApiContext, ApiEnv } from './context.ts';

/** The allow-list as the browser sends origins: no trailing slash. */
export function originSet(allowedOrigins: readonly string[] | undefined): ReadonlySet<string> {
  return new Set((allowedOrigins ?? []).map((origin) => origin.replace(/\/+$/, '')));
}

/** Same origin (by Host), an allowed origin, or a request without Origin that the browser did not mark cross-site. */
export function isOriginAllowed(c: ApiContext, allowed: ReadonlySet<string>): boolean {
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') {
    return origin !== 'null' && c.req.header('sec-fetch-site') !== 'cross-site';
  }
  if (allowed.has(origin)) return true;
  try {
    return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}

/**
 * Refuses a write from another site with 403, before the body is read or converted: a post from
 * another site learns nothing else. The message is in the browser's language.
 */
export function sameSiteWrites(allowed: ReadonlySet<string>) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    if (isOriginAllowed(c, allowed)) return next();
    const message = useTranslations(readerLocale(c))('comments.error.forbidden');
    return (c.req.header('content-type') ?? '').includes('application/json')
      ? c.json({ error: 'forbidden-origin', message }, 403)
      : c.text(message, 403);
  });
}

/** CORS for the listed origins (an API on an origin of its own); same-origin pages need none, so without a list there is none. */
export function listedOriginsCors(allowed: ReadonlySet<string>) {
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  });
}
