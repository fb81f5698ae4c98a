import type { AstroIntegration } from 'astro';
import { getRequestListener } from '@hono/node-server';

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
        const { openCommentsApi } = (await server.ssrLoadModule('/src/server/comments-config.ts')) as typeof import('./comments-config.ts');
        const { app, dbPath } = await openCommentsApi();
        logger.info(`comment API at /api/comments (${dbPath})`);
        const listener = getRequestListener(app.fetch);
        server.middlewares.use((req, res, next) => {
          if (req.url === '/api' || req.url?.startsWith('/api/')) void listener(req, res);
          else next();
        });
      },
    },
  };
}
