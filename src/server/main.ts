/**
 * Production entry: one Node process serves the built site from `dist/`.
 * Configuration comes from the environment (see README, "Configuration").
 */
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createStaticHandler } from './static.ts';

const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';
const distDir = resolve(process.env['DIST_DIR'] ?? 'dist');

const serveStatic = createStaticHandler(distDir);
const server = createServer((req, res) => serveStatic(req, res));

server.listen(port, host, () => {
  const address = server.address();
  const shown = typeof address === 'object' && address ? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/` : String(address);
  console.log(`syENGAGE site serving ${distDir} at ${shown}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
