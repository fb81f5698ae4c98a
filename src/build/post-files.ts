/**
 * The post PNGs (share QR code and social card of every post, in each language) without Astro's
 * route pipeline. Astro spends several milliseconds per route whatever the route does (request,
 * response, directories and writes to dist/ and to its incremental cache), and these were two of
 * the three routes per post. Instead the build hands their list over when the route table is
 * first computed (src/build/post-file-list.ts), a worker thread encodes and renders what the cache
 * in cacheDir does not have while Astro renders the pages, and after the build the files are
 * copied from the cache into dist/. `astro dev` serves them from a middleware.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { distFileOf, matchRoute } from '../routes/table.ts';
import { cachedFile, pruneCache } from './content-cache.ts';
import { receivePostFiles, type PostFile } from './post-file-list.ts';
import type * as PostFileList from './post-file-list.ts';
import type * as SiteContent from '../routes/site-content.ts';
import type { SocialCardContent } from '../social/card.ts';

/** What a build did, for its log line and the tests that read it. */
interface ProducedCounts {
  qr: { files: number; encoded: number; cached: number };
  /** Cards rendered and cached are counted by src/social/cache.ts (the social-cards integration logs them). */
  card: { files: number };
}

/** Produces the post PNGs of one build into the cache, each distinct content once. */
export class PostFileProducer {
  readonly #qrDir: string;
  readonly #cardDir: string;
  readonly #qrKeySalt: Promise<string>;
  readonly #render: Renderers;
  /** Site path → the cache file that holds it. */
  readonly #files = new Map<string, Promise<string>>();
  /** Cache name → the cache file, once per distinct content. */
  readonly #byContent = new Map<string, Promise<string>>();
  readonly usedQr = new Set<string>();
  readonly counts: ProducedCounts = {
    qr: { files: 0, encoded: 0, cached: 0 },
    card: { files: 0 },
  };

  constructor(options: { qrDir: string; cardDir: string; qrKeySalt: Promise<string>; render: Renderers }) {
    this.#qrDir = options.qrDir;
    this.#cardDir = options.cardDir;
    this.#qrKeySalt = options.qrKeySalt;
    this.#render = options.render;
  }

  /** Start producing `files` (a path already known is left alone). */
  start(files: readonly PostFile[]): void {
    for (const file of files) {
      if (this.#files.has(file.path)) continue;
      const produced = file.kind === 'qr' ? this.#qr(file.payload, file.minWidth) : this.#card(file);
      // A failure is reported when the build awaits the files; this only keeps Node from calling it unhandled meanwhile.
      produced.catch(() => {});
      this.#files.set(file.path, produced);
      this.counts[file.kind].files += 1;
    }
  }

  #qr(payload: string, minWidth: number): Promise<string> {
    return this.#qrKeySalt.then((salt) => {
      const name = `${createHash('sha256')
        .update(JSON.stringify([salt, payload, minWidth]))
        .digest('hex')
        .slice(0, 32)}.png`;
      this.usedQr.add(name);
      let file = this.#byContent.get(name);
      if (!file) {
        file = cachedFile(this.#qrDir, name, () => this.#render.qr(payload, minWidth)).then(({ file, produced }) => {
          if (produced) this.counts.qr.encoded += 1;
          else this.counts.qr.cached += 1;
          return file;
        });
        this.#byContent.set(name, file);
      }
      return file;
    });
  }

  #card({ card }: Extract<PostFile, { kind: 'card' }>): Promise<string> {
    // Posts may share a title: each distinct card is asked for once (src/social/cache.ts counts it).
    const content = `card\u0000${JSON.stringify(card)}`;
    let file = this.#byContent.get(content);
    if (!file) {
      file = this.#render.cardFile(card, this.#cardDir);
      this.#byContent.set(content, file);
    }
    return file;
  }

  /**
   * Copy every file into `dist`. Astro empties dist/ before each build (unless `vite.build.emptyOutDir`
   * is false), so normally every file is new; one already there with the same bytes is left alone.
   * Copies, not hard links (a third of the time for 1,000 files here): a tool that changed a file of
   * dist/ in place would change the cache with it, and every later build would ship its change.
   */
  async writeInto(dist: string): Promise<number> {
    const made = new Set<string>();
    let written = 0;
    const entries = [...this.#files];
    const putOne = async ([path, source]: [string, Promise<string>]) => {
      const cached = await source;
      const target = join(dist, distFileOf(path));
      const dir = dirname(target);
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      try {
        // A copy-on-write clone where the file system has them, else a copy; never over an existing file.
        await copyFile(cached, target, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if ((await readFile(target)).equals(await readFile(cached))) return;
        await copyFile(cached, target);
      }
      written += 1;
    };
    // A few at a time: enough to keep the disk busy, few enough to keep file handles low.
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(16, entries.length) }, async () => {
        while (next < entries.length) await putOne(entries[next++]!);
      }),
    );
    return written;
  }
}

/** How the producer makes a QR PNG and finds or renders a card (both from src/social/, loaded with the build). */
export interface Renderers {
  qr(payload: string, minWidth: number): Promise<Uint8Array>;
  /** The card's cache file (rendered and stored when missing). */
  cardFile(card: SocialCardContent, dir: string): Promise<string>;
}

/** The build's renderers: in the card worker (useCardWorker()), else on this thread, which the log names. */
async function buildRenderers(workerFile: string): Promise<{ renderers: Renderers; thread: string }> {
  const [{ sharedCardPool, useCardWorker }, { cachedSocialCardFile, cardCacheStats }] = await Promise.all([
    import('../social/card-pool.ts'),
    import('../social/cache.ts'),
  ]);
  if (useCardWorker()) {
    const pool = sharedCardPool(workerFile);
    const renderers: Renderers = {
      qr: (payload, minWidth) => pool.renderQr(payload, minWidth),
      cardFile: (content, dir) =>
        cachedSocialCardFile(content, {
          dir,
          render: (content) => {
            cardCacheStats.thread = 'a worker thread';
            return pool.render(content);
          },
        }),
    };
    return { renderers, thread: 'a worker thread' };
  }
  const [{ renderQrPng }, { renderSocialCard }] = await Promise.all([
    import('../follow/qr.ts'),
    import('../social/card.ts'),
  ]);
  const renderers: Renderers = {
    qr: renderQrPng,
    cardFile: (content, dir) =>
      cachedSocialCardFile(content, {
        dir,
        render: (content) => {
          cardCacheStats.thread = 'the main thread';
          return renderSocialCard(content);
        },
      }),
  };
  return { renderers, thread: 'the main thread' };
}

/**
 * A digest of what decides a QR PNG's bytes besides its payload and size: the encoder's sources and
 * the `qrcode` version. Part of every QR cache name, so a changed encoder never serves old files.
 */
async function qrEncoderDigest(root: URL): Promise<string> {
  const require = createRequire(import.meta.url);
  const hash = createHash('sha256');
  for (const file of ['src/follow/qr.ts', 'src/follow/qr-png.ts'])
    hash.update(await readFile(fileURLToPath(new URL(file, root))));
  hash.update(await readFile(require.resolve('qrcode/package.json')));
  return hash.digest('hex');
}

/** Serve `/blog/<slug>/qr.png` and `/blog/<slug>/social-card.png` under `astro dev`, rendered per request. */
function devMiddleware(server: { ssrLoadModule(id: string): Promise<Record<string, unknown>> }) {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const route = matchRoute(pathname)?.route;
    if (route !== 'postQr' && route !== 'postSocialCard') return next();
    try {
      // Through Vite, as the pages read them: drafts included, edits seen on the next request.
      const { getSiteRoutes } = (await server.ssrLoadModule('/src/routes/site-content.ts')) as typeof SiteContent;
      const { postFilesOf } = (await server.ssrLoadModule('/src/build/post-file-list.ts')) as typeof PostFileList;
      const file = postFilesOf(await getSiteRoutes()).find((candidate) => candidate.path === pathname);
      if (!file) return next();
      const png =
        file.kind === 'qr'
          ? await (await import('../follow/qr.ts')).renderQrPng(file.payload, file.minWidth)
          : await (await import('../social/card.ts')).renderSocialCard(file.card);
      res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-cache' });
      res.end(png);
    } catch (error) {
      // As an Astro endpoint would: the dev server shows what went wrong (a title no card font can draw, …).
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(error instanceof Error ? error.message : String(error));
    }
  };
}

/**
 * Astro integration: the post PNGs. During a build it takes the list handed over from the route
 * table, produces the files beside the render (cached by content in `<cacheDir>/social-cards/` and
 * `<cacheDir>/post-qr/`) and writes them into dist/ when Astro is done (before the sitemap and the
 * post-build pass, which never read them). Under `astro dev` a middleware serves them.
 */
export function postFiles(): AstroIntegration {
  let producer: PostFileProducer | undefined;
  let renderers: ReturnType<typeof buildRenderers> | undefined;
  let qrDir = '';
  let cardDir = '';
  let root: URL | undefined;
  let workerFile = '';
  return {
    name: 'syengage:post-files',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = config.root;
        qrDir = fileURLToPath(new URL('post-qr/', config.cacheDir));
        cardDir = fileURLToPath(new URL('social-cards/', config.cacheDir));
        workerFile = fileURLToPath(new URL('src/social/card-worker.ts', config.root));
      },
      'astro:build:start': () => {
        const loaded = (renderers = buildRenderers(workerFile));
        // The renderers load (with sharp and satori) while the first files are already queued.
        const render: Renderers = {
          qr: async (payload, minWidth) => (await loaded).renderers.qr(payload, minWidth),
          cardFile: async (content, dir) => (await loaded).renderers.cardFile(content, dir),
        };
        producer = new PostFileProducer({ qrDir, cardDir, qrKeySalt: qrEncoderDigest(root!), render });
        receivePostFiles((files) => producer!.start(files));
      },
      'astro:build:done': async ({ dir, logger }) => {
        receivePostFiles(undefined);
        if (!producer) return;
        const started = performance.now();
        const written = await producer.writeInto(fileURLToPath(dir));
        const { qr, card } = producer.counts;
        const removed = await pruneCache(qrDir, producer.usedQr);
        logger.info(
          `post files: ${qr.files} share codes (${qr.encoded} encoded${qr.encoded ? ` in ${(await renderers!).thread}` : ''}, ${qr.cached} from the cache), ` +
            `${card.files} social cards (see "social cards" below), ${written} written to dist/ in ${Math.round(performance.now() - started)} ms` +
            (removed ? `; ${removed} codes unused for two weeks removed from the cache` : ''),
        );
        producer = undefined;
      },
      'astro:server:setup': ({ server }) => {
        // Vitest builds its config through Astro (getViteConfig), which runs this hook too.
        if (process.env['VITEST']) return;
        const handle = devMiddleware(server);
        // In front of Astro's own middleware, which would answer these paths with its 404.
        const mount = () => server.middlewares.stack.unshift({ route: '', handle });
        if (server.httpServer) server.httpServer.once('listening', mount);
        else mount();
      },
    },
  };
}
