/**
 * Production entry: one Node process serves the built site from `dist/` and the comment API
 * under `/api/`. With COMMENTS_API_ONLY=1 it serves the API alone (static files hosted elsewhere,
 * their origin listed in COMMENTS_ALLOWED_ORIGINS). Configuration: README, "Configuration".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createStaticHandler } from './static.ts';
import { openCommentsApi, readCommentsEnv } from './comments-config.ts';

const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';
const distDir = resolve(process.env['DIST_DIR'] ?? 'dist');
const commentsEnv = readCommentsEnv();
const apiOnly = commentsEnv.COMMENTS_API_ONLY === true;

const { app, store, dbPath } = await openCommentsApi(commentsEnv);
const serveApi = getRequestListener(app.fetch);
const serveStatic = apiOnly
  ? (_req: IncomingMessage, res: ServerResponse) => {
      res.statusCode = 404;
      res.end('Not found');
    }
  : createStaticHandler(distDir);

const server = createServer((req, res) => {
  if (req.url === '/api' || req.url?.startsWith('/api/')) void serveApi(req, res);
  else serveStatic(req, res);
});

server.listen(port, host, () => {
  const address = server.address();
  const shown = typeof address === 'object' && address ? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/` : String(address);
  console.log(apiOnly ? `syENGAGE comment API (${dbPath}) at ${shown}` : `syENGAGE site serving ${distDir} and comments (${dbPath}) at ${shown}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () =>
    server.close(() => {
      void store.close().then(() => process.exit(0));
    }),
  );
}
