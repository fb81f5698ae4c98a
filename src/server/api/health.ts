import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from './context.ts';

/**
 * For load balancers, systemd watchdogs and uptime checks: 200 when the store answers a trivial
 * query; otherwise `healthCheck` throws `StoreUnavailableError`, answered 503 + Retry-After by
 * `answerAppError`. Mounted at `/api/health`.
 */
export function healthRoutes({ store }: ApiDeps) {
  return new Hono<ApiEnv>().get('/', async (c) => {
    await store.healthCheck();
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });
}
