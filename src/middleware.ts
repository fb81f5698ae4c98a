import { defineMiddleware } from 'astro:middleware';
import { finishRenderedPage, isRecording } from './build/rendered-pages.ts';

/**
 * Every page the build renders gets its Content-Security-Policy here, from its final HTML
 * (src/build/csp.ts), so the copy Astro keeps in its incremental cache has it too and nothing reads
 * the built pages again to add it. Not in `astro dev`, whose pages carry Vite's own scripts.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  // Only while `astro build` renders (src/build/post-build.ts records it): never in `astro dev`.
  if (!isRecording() || !context.isPrerendered) return response;
  if (!/^text\/html\b/i.test(response.headers.get('content-type') ?? '') || !response.body) return response;
  const html = finishRenderedPage(context.url.pathname, await response.text());
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
});
