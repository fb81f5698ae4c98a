import { Hono, type Env, type Schema } from 'hono';
import { createAdminApp, type AdminAppOptions } from './app.ts';

/** Whether a request path (with its query) belongs to the moderation page: the Node server sends these to the API app. */
export function isAdminPath(url: string | undefined): boolean {
  return url !== undefined && (url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?'));
}

/** The comment API with the moderation page (/admin/) beside it, as one `fetch` handler. */
export function withAdminPage<E extends Env, S extends Schema, B extends string>(
  api: Hono<E, S, B>,
  options: AdminAppOptions,
) {
  return new Hono().route('/', api).route('/', createAdminApp(options));
}
