/**
 * Start-up time and memory of the production server, per way of running its TypeScript
 * (`npm run bench:startup`, after `npm run build`). Each round starts every variant once, in turn
 * (interleaved, so the load of a shared machine hits them alike), and measures:
 * - ready: from spawn to the first 200 answer of GET / (the server listens on port 0 and prints its address);
 * - RSS: resident memory of the whole process tree (a loader CLI that spawns a child counts both)
 *   after one page, one QR PNG and one comment API request.
 *
 * Variants: Node 24's own type stripping with its compile cache (what `npm start` runs; the first round
 * fills the cache) and without it; the server compiled to JavaScript
 * once by esbuild (our code alone, and one bundle with the packages), to see whether a build step
 * for the server would earn its place; and, when the npm package tsx is installed
 * (`npm i --no-save tsx@4` to compare), tsx's CLI (the old `npm start`) and its loader.
 * BENCH_ROUNDS (default 10).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 10);
const ENTRY = 'src/server/main.ts';
const tsxCli = join('node_modules', 'tsx', 'dist', 'cli.mjs');

const variants: { name: string; args: string[]; env?: Record<string, string> }[] = [
  {
    name: 'node, type stripping + compile cache (npm start)',
    args: ['--import', './src/runtime/require-node.mjs', ENTRY],
  },
  {
    name: 'node, type stripping, no compile cache',
    args: ['--import', './src/runtime/require-node.mjs', ENTRY],
    env: { NODE_DISABLE_COMPILE_CACHE: '1' },
  },
];
// The alternative to stripping types at start-up: compiling the server once at build time, with the esbuild
// that Vite brings. Written under node_modules/.cache so that the bundle resolves the same packages.
const esbuild = join('node_modules', '.bin', 'esbuild');
if (existsSync(esbuild)) {
  const out = join('node_modules', '.cache', 'bench-startup');
  for (const [file, extra] of [
    ['main-own-code.mjs', ['--packages=external']],
    [
      'main-bundled.mjs',
      ['--banner:js=import { createRequire } from "node:module"; const require = createRequire(import.meta.url);'],
    ],
  ] as const) {
    const built = spawnSync(
      esbuild,
      [
        ENTRY,
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--target=node24',
        `--outfile=${join(out, file)}`,
        '--log-level=warning',
        ...extra,
      ],
      { stdio: 'inherit' },
    );
    if (built.status !== 0) process.exit(1);
  }
  variants.push({
    name: 'compiled at build time: our code bundled, packages from node_modules',
    args: ['--import', './src/runtime/require-node.mjs', join(out, 'main-own-code.mjs')],
  });
  variants.push({
    name: 'compiled at build time: one bundle with the packages',
    args: ['--import', './src/runtime/require-node.mjs', join(out, 'main-bundled.mjs')],
  });
}
if (existsSync(tsxCli)) {
  variants.push({ name: 'tsx CLI (before: tsx src/server/main.ts)', args: [tsxCli, ENTRY] });
  variants.push({ name: 'tsx loader (node --import tsx)', args: ['--import', 'tsx', ENTRY] });
}

if (!existsSync(join('dist', 'comment-threads.json'))) {
  console.error('No build in dist/: run "npm run build" first.');
  process.exit(1);
}
const thread =
  (JSON.parse(readFileSync(join('dist', 'comment-threads.json'), 'utf8')) as { threads: string[] }).threads[0] ?? '';
const dir = mkdtempSync(join(tmpdir(), 'syengage-startup-'));

/** Resident set of a process and all its descendants, in KiB (Linux /proc). */
function treeRssKiB(pid: number): number {
  let total = 0;
  try {
    total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean))
        total += treeRssKiB(Number(child));
    }
  } catch {
    // the process ended meanwhile
  }
  return total;
}

async function get(url: string): Promise<number> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** Starts a variant on port 0 and waits for the address it prints (or its exit). */
function listen(
  args: string[],
  env: Record<string, string>,
  db: string,
): { child: ChildProcess; origin: Promise<string> } {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', COMMENTS_DB: db },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const address = / at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (address) resolve(address);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before listening: ${output}`)));
  });
  return { child, origin };
}

async function measure(
  args: string[],
  env: Record<string, string>,
  db: string,
): Promise<{ readyMs: number; rssMiB: number }> {
  const started = performance.now();
  const { child, origin: listening } = listen(args, env, db);
  try {
    const origin = await listening;
    if ((await get(`${origin}/`)) !== 200) throw new Error('/ did not answer 200');
    const readyMs = performance.now() - started;
    for (const path of ['/zh-cn/', '/follow/qr/wechat-screen.png', `/api/comments?thread=${thread}`]) {
      if ((await get(`${origin}${path}`)) !== 200) throw new Error(`${path} did not answer 200`);
    }
    return { readyMs, rssMiB: treeRssKiB(child.pid ?? 0) / 1024 };
  } finally {
    await stop(child);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const results = variants.map(() => ({ ready: [] as number[], rss: [] as number[] }));
console.log(`${ROUNDS} rounds, ${variants.length} variants interleaved; load average ${loadavg()[0]?.toFixed(1)}`);
for (let round = 0; round < ROUNDS; round++) {
  for (const [index, variant] of variants.entries()) {
    const { readyMs, rssMiB } = await measure(variant.args, variant.env ?? {}, join(dir, `r${round}-${index}.db`));
    results[index]?.ready.push(readyMs);
    results[index]?.rss.push(rssMiB);
  }
}
rmSync(dir, { recursive: true, force: true });

const base = results[0];
for (const [index, variant] of variants.entries()) {
  const { ready, rss } = results[index] ?? { ready: [], rss: [] };
  const ratio =
    base && index > 0
      ? ` (${(median(ready) / median(base.ready)).toFixed(2)}× the time, ${(median(rss) / median(base.rss)).toFixed(2)}× the memory of node)`
      : '';
  console.log(
    `${variant.name}: ready ${median(ready).toFixed(0)} ms median (${Math.min(...ready).toFixed(0)}–${Math.max(...ready).toFixed(0)}), RSS ${median(rss).toFixed(1)} MiB median (${Math.min(...rss).toFixed(1)}–${Math.max(...rss).toFixed(1)})${ratio}`,
  );
}
console.log(`load average at the end ${loadavg()[0]?.toFixed(1)}`);
