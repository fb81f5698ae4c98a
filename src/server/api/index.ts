import { Hono } from 'hono';
import { createAdminApp } from '../../admin/app.ts';
import { answerAppError } from '../error-boundary.ts';
import { SECURITY_HEADERS, apiPolicyHeader, apiSecurityHeaders } from '../security-headers.ts';
import { adminRoutes, isBearerToken } from './admin.ts';
import { apiDeps, type ApiEnv, type CommentsAppOptions } from './context.ts';
import { healthRoutes } from './health.ts';
import { listedOriginsCors, originSet } from './origins.ts';
import { postingRoutes } from './posting.ts';
import { readingRoutes } from './reading.ts';

export type { CommentsAppOptions } from './context.ts';
export { viewUrl } from './thread-page.ts';

/**
 * The comment API as a Hono app: one `fetch(Request) → Response` handler, mounted by the
 * production server, the dev-server integration and the tests (`app.request()`). It is small
 * routed parts joined here, each testable on its own: reading (`/api/comments` GETs), posting
 * (`POST /api/comments`), health, and admin (only with a token).
 */
export function createCommentsApp(options: CommentsAppOptions) {
  if (options.adminToken !== undefined && !isBearerToken(options.adminToken)) {
    throw new Error('The admin token may hold only letters, digits and - . _ ~ + / (and = at the end)');
  }
  const deps = apiDeps(options);
  const allowedOrigins = originSet(options.allowedOrigins);

  const api = new Hono<ApiEnv>();
  // Every answer, errors and 404s included, carries the security headers and the pages' policy.
  api.use('*', apiSecurityHeaders());
  // Anything a handler throws is answered here; a store that is away gets 503 (src/server/error-boundary.ts).
  api.onError(answerAppError);
  // CORS only for an API on its own origin; same-origin pages need no CORS headers.
  if (allowedOrigins.size > 0) api.use('/comments/*', listedOriginsCors(allowedOrigins));

  api.route('/comments', readingRoutes(deps));
  api.route('/comments', postingRoutes(deps, allowedOrigins));
  api.route('/health', healthRoutes(deps));
  // Moderation. Without a configured token the routes do not exist.
  if (options.adminToken) api.route('/admin', adminRoutes(deps, options.adminToken));
  // The pages behind the links in notification mails (src/notify/routes.ts).
  if (options.notifications) {
    api.route('/moderate', options.notifications.routes.moderate);
    api.route('/subscriptions', options.notifications.routes.subscriptions);
  }

  // The moderation page (/admin/, src/admin/) beside the API, on the same store and options.
  const app = new Hono<ApiEnv>().route('/api', api).route('/', createAdminApp(options));
  // A path no part has, including one that leaves /api once its dot segments are resolved
  // ("GET /api/.." is "/"): a plain 404, with the same headers as every other answer of the API.
  app.notFound((c) =>
    c.text('404 Not Found', 404, { ...SECURITY_HEADERS, 'Content-Security-Policy': apiPolicyHeader() }),
  );
  return app;
}
