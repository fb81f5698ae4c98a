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
      'astro:server:setup': async ({ server }) => {
        // Loaded here, not at config time, so a build never opens the database.
        const { openCommentsApi } = await import('./comments-config.ts');
        const { app } = await openCommentsApi();
        const listener = getRequestListener(app.fetch);
        server.middlewares.use((req, res, next) => {
          if (req.url === '/api' || req.url?.startsWith('/api/')) void listener(req, res);
          else next();
        });
      },
    },
  };
}
