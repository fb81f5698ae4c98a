/**
 * Production entry: one Node process serves the built site from `dist/` and the comment API
 * under `/api/`. With COMMENTS_API_ONLY=1 it serves the API alone (static files hosted elsewhere,
 * their origin listed in COMMENTS_ALLOWED_ORIGINS). Configuration: README, "Configuration".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createStaticHandler } from './static.ts';
import { openCommentsApi, readCommentsEnv } from './comments-config.ts';
import { THREADS_FILE_NAME } from '../comments/threads.ts';
import { openScanRedirect } from './scan-redirect.ts';

const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';
const distDir = resolve(process.env['DIST_DIR'] ?? 'dist');
const commentsEnv = readCommentsEnv();
const apiOnly = commentsEnv.COMMENTS_API_ONLY === true;

// Comments only on posts that exist: the list the build wrote next to the site, or the file named
// by COMMENTS_THREADS_FILE (e.g. for the API alone); the API alone without that file takes any thread.
const threadsFile = commentsEnv.COMMENTS_THREADS_FILE ?? (apiOnly ? undefined : join(distDir, THREADS_FILE_NAME));
const { app, store, dbPath, knownThreads } = await openCommentsApi(commentsEnv, { threadsFile });
const serveApi = getRequestListener(app.fetch);
const serveStatic = apiOnly
  ? (_req: IncomingMessage, res: ServerResponse) => {
      res.statusCode = 404;
      res.end('Not found');
    }
  : createStaticHandler(distDir);
// Scan URLs of printed QR codes (/q/<name>): counted per code and day in the same SQLite file, then redirected.
const scans = apiOnly ? null : openScanRedirect(distDir, dbPath);

const server = createServer((req, res) => {
  if (req.url === '/api' || req.url?.startsWith('/api/')) void serveApi(req, res);
  else if (!scans?.handle(req, res)) serveStatic(req, res);
});

server.listen(port, host, () => {
  const address = server.address();
  const shown = typeof address === 'object' && address ? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/` : String(address);
  const threads = knownThreads ? `${knownThreads.size} threads` : 'any thread';
  console.log(apiOnly ? `syENGAGE comment API (${dbPath}, ${threads}) at ${shown}` : `syENGAGE site serving ${distDir} and comments (${dbPath}, ${threads}) at ${shown}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () =>
    server.close(() => {
      scans?.store?.close();
      void store.close().then(() => process.exit(0));
    }),
  );
}
