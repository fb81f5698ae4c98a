/**
 * A worker thread that renders the build's PNGs, so Astro's render thread (Astro renders pages on
 * one thread) never pays for fonts, layout, rasterising or QR encoding: social cards, and the post
 * share codes of the post-files step (src/build/post-files.ts). Started by src/social/card-pool.ts;
 * runs as plain TypeScript under Node's type stripping, so it imports only modules without Vite
 * features. The card renderer (satori, sharp, fonts) loads with the first card: a build whose
 * cards all come from the cache never loads it.
 */
import { parentPort } from 'node:worker_threads';
import type * as CardModule from './card.ts';
import type { SocialCardContent } from './card.ts';

/** A job from the pool and the worker's answer. */
export type WorkerJob =
  | { id: number; kind: 'card'; content: SocialCardContent }
  | { id: number; kind: 'qr'; payload: string; minWidth: number };
export type CardResult = { id: number; png: Uint8Array<ArrayBuffer> } | { id: number; error: string };

let cardRenderer: Promise<typeof CardModule> | undefined;

function loadCardRenderer(): Promise<typeof CardModule> {
  return (cardRenderer ??= Promise.all([import('sharp'), import('./card.ts')]).then(([{ default: sharp }, card]) => {
    // One libvips thread: the worker is meant to use the core Astro leaves free, not to compete for Astro's.
    sharp.concurrency(1);
    // Every card is a new picture: libvips' operation cache would only hold memory.
    sharp.cache(false);
    return card;
  }));
}

async function run(job: WorkerJob): Promise<Uint8Array<ArrayBuffer>> {
  if (job.kind === 'card') return (await loadCardRenderer()).renderSocialCard(job.content);
  const { clearQrCache, renderQrPng } = await import('../follow/qr.ts');
  const png = await renderQrPng(job.payload, job.minWidth);
  // Each code is asked for once: the encoder's memo would only grow.
  clearQrCache();
  return png;
}

parentPort?.on('message', async (job: WorkerJob) => {
  try {
    const png = await run(job);
    parentPort?.postMessage({ id: job.id, png } satisfies CardResult, [png.buffer]);
  } catch (error) {
    parentPort?.postMessage({
      id: job.id,
      error: error instanceof Error ? error.message : String(error),
    } satisfies CardResult);
  }
});
