import { Hono } from 'hono';
import { createAdminApp, type AdminAppOptions } from './app.ts';

/** Whether a request path (with its query) belongs to the moderation page: the Node server sends these to the API app. */
export function isAdminPath(url: string | undefined): boolean {
  return url !== undefined && (url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?'));
}

/** The comment API with the moderation page (/admin/) beside it, as one `fetch` handler. */
export function withAdminPage<A extends Hono<any, any, any>>(api: A, options: AdminAppOptions) {
  return new Hono().route('/', api).route('/', createAdminApp(options));
}
