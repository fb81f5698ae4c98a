import { Worker } from 'node:worker_threads';
import type { SocialCardContent } from './card.ts';
import type { CardResult, WorkerJob } from './card-worker.ts';

type Job = WorkerJob extends infer J ? (J extends WorkerJob ? Omit<J, 'id'> : never) : never;

/**
 * The worker's V8 heap, kept small: by default V8 lets a heap grow far before it collects, and the
 * worker's share of the build's peak memory was about 230 MB for 153 cards; with these limits about
 * 150 MB, for the same CPU time (docs/performance.md). Every card font parsed fits in less than 64 MB.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

interface Pending {
  job: WorkerJob;
  resolve: (png: Uint8Array<ArrayBuffer>) => void;
  reject: (error: Error) => void;
}

/**
 * Renders cards and QR codes in one worker thread (src/social/card-worker.ts) beside the thread
 * Astro renders pages on. A few jobs are in flight at once, so the worker lays out the next card
 * while sharp rasterises the last one; more would only crowd the cores Astro needs. The worker
 * ends as soon as nothing is queued or running (its fonts and libvips' memory go with it) and
 * starts again with the next job.
 */
export class CardWorkerPool {
  readonly #workerFile: string;
  readonly #inFlight: number;
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #queue: Pending[] = [];
  readonly #running = new Map<number, Pending>();
  /** How many workers this pool started (tests, the build log). */
  started = 0;

  /** @param workerFile absolute path of card-worker.ts. */
  constructor(workerFile: string, inFlight = 2) {
    this.#workerFile = workerFile;
    this.#inFlight = inFlight;
  }

  render(content: SocialCardContent): Promise<Uint8Array<ArrayBuffer>> {
    return this.#submit({ kind: 'card', content });
  }

  /** The QR code of `payload` as a PNG at least `minWidth` pixels wide (src/follow/qr.ts, renderQrPng). */
  renderQr(payload: string, minWidth: number): Promise<Uint8Array<ArrayBuffer>> {
    return this.#submit({ kind: 'qr', payload, minWidth });
  }

  #submit(job: Job): Promise<Uint8Array<ArrayBuffer>> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ job: { ...job, id: (this.#nextId += 1) } as WorkerJob, resolve, reject });
      this.#pump();
    });
  }

  #start(): Worker {
    const worker = new Worker(this.#workerFile, { resourceLimits: WORKER_HEAP });
    this.started += 1;
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
    // Nothing left to do: end the worker now rather than hold its memory until the build ends.
    if (this.#running.size === 0) void this.close();
  }

  /** Stop the worker (it starts again with the next job). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}

const SHARED = Symbol.for('syengage.cardWorkerPool');

/**
 * The process's one pool: the card endpoints (from Astro's bundle) and the post-files step (from
 * the integration) load separate copies of this module, and must not start a worker each.
 */
export function sharedCardPool(workerFile: string): CardWorkerPool {
  const store = globalThis as Record<symbol, CardWorkerPool | undefined>;
  return (store[SHARED] ??= new CardWorkerPool(workerFile));
}

/**
 * Whether build PNGs render in the worker: when this Node can run the worker's TypeScript (type
 * stripping: Node 22.18+, 23.6+) and SOCIAL_CARDS_WORKER is not 0; else on the calling thread.
 */
export function useCardWorker(): boolean {
  const nodeRunsTypeScript = Boolean((process.features as { typescript?: string | false }).typescript);
  return nodeRunsTypeScript && process.env['SOCIAL_CARDS_WORKER'] !== '0';
}
