/**
 * What it costs to write the approved comments and a fresh form token into a post page as the
 * server serves it (src/server/post-comments.ts), against serving the built file as it is
 * (`npm run bench:post-page`, after `npm run build`).
 *
 * Two server processes on one database with BENCH_COMMENTS approved comments (default 30, with
 * replies) on the article's thread: the baseline with COMMENTS_IN_PAGES=0 (the built file,
 * precompressed with brotli once and then served from disk), the candidate as `npm start` runs.
 * Each round runs both in turn, in alternating order (a shared machine's load hits them alike):
 * BENCH_REQUESTS requests (default 400) to the English post, BENCH_CONCURRENCY (default 8) at a
 * time, with a browser's Accept-Encoding. Then, in this process, the cost of one render when the
 * store revision moved (a cache miss: the file read, the thread read, the section rendered).
 * BENCH_ROUNDS (default 6).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SqliteCommentStore } from '../src/comments/sqlite-store.ts';
import { loadThreadList } from '../src/comments/threads.ts';
import { createPostComments } from '../src/server/post-comments.ts';
import { startServerProcess, type ServerProcess } from '../tests/support/server-process.ts';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 6);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 400);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const COMMENTS = Number(process.env['BENCH_COMMENTS'] ?? 30);
const THREAD = 'wechat-mobile-marketing-mayhem';
const PATH = `/blog/${THREAD}/`;
const distDir = join(import.meta.dirname, '..', 'dist');

const dir = mkdtempSync(join(tmpdir(), 'bench-post-page-'));
const dbPath = join(dir, 'comments.db');
const store = new SqliteCommentStore(dbPath);
const base = { thread: THREAD, authorEmail: 'bench@example.com', status: 'approved' as const, ipHash: 'x' };
for (let index = 0; index < COMMENTS; index += 1) {
  const parent = await store.insert({
    ...base,
    parentId: null,
    locale: index % 2 ? 'zh-cn' : 'en',
    authorName: `Reader ${index}`,
    authorUrl: index % 3 ? null : 'https://reader.example/',
    body: `Comment ${index}: a paragraph of about the length readers write, with a link https://example.com/${index}.\n\nAnd a second one.`,
    createdAt: Date.UTC(2026, 0, 1) + index * 60_000,
    fingerprint: `f${index}`,
  });
  if (index % 4 === 0)
    await store.insert({
      ...base,
      parentId: parent.id,
      locale: 'en',
      authorName: 'Replier',
      authorUrl: null,
      body: 'A reply.',
      createdAt: Date.UTC(2026, 0, 2) + index * 60_000,
      fingerprint: `r${index}`,
    });
}

const env = { DIST_DIR: distDir, COMMENTS_DB: dbPath, COMMENTS_SECRET: 'bench-secret-0123456789abcdef' };
const variants: { name: string; server: ServerProcess; times: number[]; bytes: number }[] = [
  {
    name: 'built file (COMMENTS_IN_PAGES=0)',
    server: await startServerProcess({ ...env, COMMENTS_IN_PAGES: '0' }),
    times: [],
    bytes: 0,
  },
  { name: 'comments + token written in', server: await startServerProcess(env), times: [], bytes: 0 },
];

async function run(origin: string): Promise<{ msPerRequest: number; bytes: number }> {
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const response = await fetch(`${origin}${PATH}`, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
        if (response.status !== 200) throw new Error(`${origin}${PATH}: ${response.status}`);
        bytes = Number(response.headers.get('content-length') ?? 0) || bytes;
        await response.arrayBuffer();
      }
    }),
  );
  return { msPerRequest: (performance.now() - started) / REQUESTS, bytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

console.log(
  `${ROUNDS} rounds × ${REQUESTS} requests, ${CONCURRENCY} at a time, ${COMMENTS} comments; load average ${loadavg()[0]?.toFixed(1)}`,
);
// One warm-up each: the baseline compresses its file on the first request, the candidate fills its cache.
for (const variant of variants) await run(variant.server.origin);
for (let round = 0; round < ROUNDS; round += 1) {
  const order = round % 2 ? [...variants].reverse() : variants;
  for (const variant of order) {
    const { msPerRequest, bytes } = await run(variant.server.origin);
    variant.times.push(msPerRequest);
    variant.bytes = bytes;
  }
}
const [baseline, candidate] = variants as [(typeof variants)[0], (typeof variants)[0]];
for (const variant of variants)
  console.log(
    `${variant.name.padEnd(34)} ${median(variant.times).toFixed(3)} ms/request (${(1000 / median(variant.times)).toFixed(0)} req/s), ${variant.bytes} bytes on the wire`,
  );
const ratios = baseline.times.map((time, index) => (candidate.times[index] ?? NaN) / time);
console.log(
  `candidate / baseline per round: ${ratios.map((ratio) => ratio.toFixed(2)).join(' ')}; median ${median(ratios).toFixed(2)}`,
);

// A cache miss, in this process: the store's revision moves before every render.
const posts = createPostComments({
  store,
  secret: 'bench',
  threadPosts: loadThreadList(join(distDir, 'comment-threads.json')).posts,
  distDir,
});
const miss: number[] = [];
const hit: number[] = [];
const gzipped: number[] = [];
for (let index = 0; index < 200; index += 1) {
  await store.setStatus(1, 'approved');
  let started = performance.now();
  await posts.render(PATH, 1);
  miss.push(performance.now() - started);
  started = performance.now();
  const page = await posts.render(PATH, 1);
  hit.push(performance.now() - started);
  started = performance.now();
  gzipSync(page!, { level: 6 });
  gzipped.push(performance.now() - started);
}
console.log(
  `in-process: render ${median(miss).toFixed(3)} ms after a write (cache miss), ${median(hit).toFixed(3)} ms from the cache; gzip -6 of the page ${median(gzipped).toFixed(3)} ms`,
);
console.log(`load average at the end ${loadavg()[0]?.toFixed(1)}`);

for (const variant of variants) await variant.server.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
