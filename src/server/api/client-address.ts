import type { ApiContext } from './context.ts';

/**
 * The address a request came from: the socket's peer, or, with `trustProxy` (only behind a proxy
 * you run), the last X-Forwarded-For hop, the one that proxy added. Only its keyed hash is ever stored.
 */
export function clientAddress(c: ApiContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
