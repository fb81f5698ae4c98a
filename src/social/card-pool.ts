import { Worker } from 'node:worker_threads';
import type { SocialCardContent } from './card.ts';
import type { CardJob, CardResult } from './card-worker.ts';

interface Pending {
  job: CardJob;
  resolve: (png: Uint8Array<ArrayBuffer>) => void;
  reject: (error: Error) => void;
}

/**
 * Renders cards in one worker thread (src/social/card-worker.ts) beside the thread Astro renders
 * pages on. A few jobs are in flight at once, so the worker lays out the next card while sharp
 * rasterises the last one; more would only crowd the cores Astro needs.
 */
export class CardWorkerPool {
  readonly #workerFile: string;
  readonly #inFlight: number;
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #queue: Pending[] = [];
  readonly #running = new Map<number, Pending>();

  /** @param workerFile absolute path of card-worker.ts. */
  constructor(workerFile: string, inFlight = 2) {
    this.#workerFile = workerFile;
    this.#inFlight = inFlight;
  }

  render(content: SocialCardContent): Promise<Uint8Array<ArrayBuffer>> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ job: { id: (this.#nextId += 1), content }, resolve, reject });
      this.#pump();
    });
  }

  #start(): Worker {
    const worker = new Worker(this.#workerFile);
    worker.on('message', (result: CardResult) => {
      const pending = this.#running.get(result.id);
      if (!pending) return;
      this.#running.delete(result.id);
      if ('png' in result) pending.resolve(result.png);
      else pending.reject(new Error(result.error));
      this.#pump();
    });
    const fail = (error: Error) => {
      // A crashed worker fails what it held; the next job starts a fresh one.
      for (const pending of this.#running.values()) pending.reject(error);
      this.#running.clear();
      this.#worker = undefined;
      this.#pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.#worker === worker) fail(new Error(`social card worker exited with code ${code}`));
    });
    return worker;
  }

  #pump(): void {
    while (this.#running.size < this.#inFlight && this.#queue.length > 0) {
      const pending = this.#queue.shift()!;
      this.#worker ??= this.#start();
      this.#running.set(pending.job.id, pending);
      this.#worker.postMessage(pending.job);
    }
    // An idle worker must not keep the build's process alive; a busy one must.
    if (this.#running.size === 0) this.#worker?.unref();
    else this.#worker?.ref();
  }

  /** Stop the worker (tests, benchmarks). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}
