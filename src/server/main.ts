/**
 * Production entry: one Node process serves the built site from `dist/` and the comment API
 * under `/api/`. With COMMENTS_API_ONLY=1 it serves the API alone (static files hosted elsewhere,
 * their origin listed in COMMENTS_ALLOWED_ORIGINS). Configuration: README, "Configuration".
 */
// First: a too-old Node.js stops with one line (npm scripts also preload it, for Nodes that cannot read this file).
import '../runtime/require-node.mjs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createStaticHandler } from './static.ts';
import { createPostComments } from './post-comments.ts';
import { openCommentsApi, readCommentsEnv } from './comments-config.ts';
import { THREADS_FILE_NAME } from '../comments/threads.ts';
import { answerClientError, answerConnect, answerStatus, fetchErrorResponse, guardRequests } from './error-boundary.ts';
import { gracefulShutdown } from './graceful-shutdown.ts';
import { openScanRedirect } from './scan-redirect.ts';
import { isAdminPath } from '../admin/mount.ts';
import { openServerPageFrames } from '../server-page/open.ts';

const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';
const distDir = resolve(process.env['DIST_DIR'] ?? 'dist');
const commentsEnv = readCommentsEnv();
const apiOnly = commentsEnv.COMMENTS_API_ONLY === true;

// Comments only on posts that exist: the list the build wrote next to the site, or the file named
// by COMMENTS_THREADS_FILE (e.g. for the API alone); the API alone without that file takes any thread.
const threadsFile = commentsEnv.COMMENTS_THREADS_FILE ?? (apiOnly ? undefined : join(distDir, THREADS_FILE_NAME));
// The site's frame for the pages the server renders, before the API (its policy names the frame's styles).
openServerPageFrames({ distDir, apiOnly, threadsFile, file: process.env['SERVER_PAGES_FILE'] });
// A database that cannot be opened (COMMENTS_DATABASE_URL unreachable, a newer schema) stops the start with its message.
const { app, store, dbPath, knownThreads, secret, threadPosts, notifications } = await openCommentsApi(commentsEnv, {
  threadsFile,
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
// A request Hono cannot even turn into a Request (a bad Host header) is answered by the error boundary.
const serveApi = getRequestListener(app.fetch, { errorHandler: fetchErrorResponse });
// Post pages get their approved comments and a fresh form token as they are served (src/server/post-comments.ts).
const postComments =
  threadPosts && commentsEnv.COMMENTS_IN_PAGES !== false
    ? createPostComments({ store, secret, threadPosts, distDir })
    : undefined;
const serveStatic = apiOnly
  ? (_req: IncomingMessage, res: ServerResponse) => answerStatus(res, 404)
  : createStaticHandler(distDir, { postComments });
// Scan URLs of printed QR codes (/q/<name>): counted per code and day in the SQLite file COMMENTS_DB
// (also when comments live in PostgreSQL), then redirected.
const scans = apiOnly ? null : openScanRedirect(distDir, resolve(commentsEnv.COMMENTS_DB));

// Every request inside the error boundary: no input ends the process (src/server/error-boundary.ts).
// Node would refuse an HTTP/1.1 request without Host itself, without our headers: we do it instead.
const server = createServer(
  { requireHostHeader: false },
  guardRequests((req, res) => {
    if (req.headers.host === undefined && req.httpVersion === '1.1') return answerStatus(res, 400);
    if (req.url === '/api' || req.url?.startsWith('/api/') || isAdminPath(req.url)) return serveApi(req, res);
    if (scans?.handle(req, res)) return;
    return serveStatic(req, res);
  }),
);
// Requests Node cannot parse get a 400 with the security headers, and one log line.
server.on('clientError', answerClientError);
server.on('connect', answerConnect);

// The outbox worker sends notification mails and webhooks in the background (src/notify/worker.ts).
notifications.worker.start();

server.listen(port, host, () => {
  const address = server.address();
  const shown =
    typeof address === 'object' && address
      ? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`
      : String(address);
  const threads = knownThreads ? `${knownThreads.size} threads` : 'any thread';
  console.log(
    apiOnly
      ? `syENGAGE comment API (${dbPath}, ${threads}) at ${shown}`
      : `syENGAGE site serving ${distDir} and comments (${dbPath}, ${threads}) at ${shown}`,
  );
});

// SIGTERM (systemd, containers) or Ctrl-C: finish what is in flight, close the store, exit within 10 s.
const { shutdown } = gracefulShutdown(server, {
  closeResources: async () => {
    scans?.store?.close();
    await notifications.worker.stop();
    await store.close();
  },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(signal));
