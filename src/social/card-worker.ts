/**
 * A worker thread that renders social cards, so Astro's render thread (Astro renders pages on one
 * thread) never pays for fonts, layout or rasterising. Started by src/social/card-pool.ts; runs as
 * plain TypeScript under Node's type stripping, so it imports only modules without Vite features.
 */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { renderSocialCard, type SocialCardContent } from './card.ts';

// One libvips thread: the worker is meant to use the core Astro leaves free, not to compete for Astro's.
sharp.concurrency(1);

/** A job from the pool and the worker's answer. */
export interface CardJob {
  id: number;
  content: SocialCardContent;
}
export type CardResult = { id: number; png: Uint8Array<ArrayBuffer> } | { id: number; error: string };

parentPort?.on('message', async ({ id, content }: CardJob) => {
  try {
    const png = await renderSocialCard(content);
    parentPort?.postMessage({ id, png } satisfies CardResult, [png.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies CardResult);
  }
});
