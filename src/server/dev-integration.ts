import type { AstroIntegration } from 'astro';
import type * as CommentsConfig from './comments-config.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { isAdminPath } from '../admin/mount.ts';

/**
 * Mounts the comment API into `astro dev`, so comments work while editing: the same Hono app
 * and environment variables as `npm start`, on the dev server's own origin.
 */
export function commentsDevApi(): AstroIntegration {
  return {
    name: 'syengage:comments-dev-api',
    hooks: {
      'astro:server:setup': async ({ server, logger }) => {
        // Vitest builds its config through Astro (getViteConfig), which runs this hook too: no database there.
        if (process.env['VITEST']) return;
        // Loaded through Vite, not at config time: a build never opens the database, and the
        // app's modules (JSON resources included) load as they do everywhere else.
        const { openCommentsApi } = (await server.ssrLoadModule(
          '/src/server/comments-config.ts',
        )) as typeof CommentsConfig;
        // No thread list: drafts take comments while editing, and new posts need no rebuild.
        const { app, dbPath, notifications } = await openCommentsApi();
        // Mail and webhooks, when configured, go out under `npm run dev` too.
        notifications.worker.start();
        logger.info(`comment API at /api/comments (${dbPath})`);
        const listener = getRequestListener(app.fetch);
        // First in the stack, or Astro's trailing-slash check answers /api/… with 404. Astro puts its
        // own middleware first after this hook, so ours goes in front once the server listens.
        const mount = () =>
          server.middlewares.stack.unshift({
            route: '',
            handle: (req: IncomingMessage, res: ServerResponse, next: () => void) => {
              if (req.url === '/api' || req.url?.startsWith('/api/') || isAdminPath(req.url)) void listener(req, res);
              else next();
            },
          });
        if (server.httpServer) server.httpServer.once('listening', mount);
        else mount();
      },
    },
  };
}
