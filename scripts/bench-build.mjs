#!/usr/bin/env node
// Build-time benchmark at scale: this site against plain Astro 7 + MDX on the same generated posts.
//   npm run bench:build -- [postsPerLanguage=1000] [--runs R] [--keep] [--dev]
// For each of R rounds, interleaved (plain, then this site): a cold build in a brand-new folder
// (copied sources, hard-linked node_modules, no caches), then in that same folder a rebuild after
// appending a sentence to one English post (Astro's incremental cache kept), then a rebuild with
// nothing changed. Prints each time, the site/plain ratio per phase (median over rounds) and the
// CPU time (user + system, the build and the processes it waited for) and peak RSS (its largest
// process) of each build, from /usr/bin/time. The machine may be busy: compare the ratios of one
// run, never absolute times of different runs; CPU time suffers less from other load than wall time.
// --dev also times `astro dev` of the site: start, then the first post page's response (--runs 0 --dev: only that).
// --unique-titles numbers every generated title ("… (1234)"): the generator repeats titles (about 156 distinct at any
// size), so without it a cold build renders about 156 social cards however many posts there are; a real blog has one
// card per post.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const benchDir = join(root, 'scripts', 'bench');
const vendorDir = join(benchDir, 'vendor');
const args = process.argv.slice(2);
const flag = (name) => {
  const k = args.indexOf(name);
  return k >= 0 ? (args.splice(k, 1), true) : false;
};
const option = (name, dflt) => {
  const k = args.indexOf(name);
  return k >= 0 ? args.splice(k, 2)[1] : dflt;
};
const keep = flag('--keep');
const dev = flag('--dev');
const uniqueTitles = flag('--unique-titles');
const runs = Number(option('--runs', '1'));
const N = Number(args[0] ?? '1000');
if (!Number.isInteger(N) || N < 2 || !Number.isInteger(runs) || runs < 0 || (runs === 0 && !dev)) {
  console.error('usage: npm run bench:build -- [postsPerLanguage>=2] [--runs R] [--keep] [--dev] [--unique-titles]');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), `syengage-bench-${N}-`));
const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
log(
  `posts per language: ${N}, rounds: ${runs}, titles: ${uniqueTitles ? 'unique' : 'as generated'}, work folder: ${work}`,
);

// ---- node_modules ------------------------------------------------------------------------------
/** Hard-link a node_modules tree (cheap, and each build gets a folder no other build wrote to), without Astro's or Vite's caches. */
function linkTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (from.endsWith('node_modules') && ['.astro', '.vite', '.cache'].includes(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) cpSync(source, target, { verbatimSymlinks: true });
    else linkSync(source, target);
  }
}

/** The plain baseline's dependencies, installed once and kept in node_modules/.cache (same lock file, same install). */
function plainModules() {
  const lock = readFileSync(join(vendorDir, 'astro-plain', 'package-lock.json'));
  const dir = join(root, 'node_modules', '.cache', 'syengage-bench-plain');
  const stamp = join(dir, 'lock.json');
  if (!existsSync(stamp) || !readFileSync(stamp).equals(lock)) {
    log('installing the plain baseline (once)…');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const file of ['package.json', 'package-lock.json'])
      cpSync(join(vendorDir, 'astro-plain', file), join(dir, file));
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts=false'], {
      cwd: dir,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('npm ci of the plain baseline failed');
    writeFileSync(stamp, lock);
  }
  return join(dir, 'node_modules');
}

// ---- Sources -----------------------------------------------------------------------------------

function generatePosts(outDir, siteEnv = {}) {
  const env = { ...process.env, ...siteEnv };
  const result = spawnSync(process.execPath, [join(vendorDir, 'gen-posts.mjs'), outDir, String(N)], {
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`gen-posts failed: ${result.stderr}`);
  if (uniqueTitles) numberTitles(outDir);
}

/** Give every generated post a title of its own (its number in brackets), in both languages alike. */
function numberTitles(postsDir) {
  for (const language of readdirSync(postsDir)) {
    for (const file of readdirSync(join(postsDir, language))) {
      // Only the generated posts: the site's own posts keep their titles.
      const number = /^post-(\d+)\.mdx?$/.exec(file)?.[1];
      if (number === undefined) continue;
      const path = join(postsDir, language, file);
      const text = readFileSync(path, 'utf8').replace(
        /^title: (".*")$/m,
        (_, title) => `title: ${JSON.stringify(`${JSON.parse(title)} (${Number(number)})`)}`,
      );
      writeFileSync(path, text);
    }
  }
}

/** The tags the generator gave its posts (the site must know each one, in `content/tags.yml`). */
function generatedTags(postsDir) {
  const tags = new Set();
  for (const file of readdirSync(postsDir)) {
    const line = /^tags: (\[.*\])$/m.exec(readFileSync(join(postsDir, file), 'utf8'));
    for (const tag of line ? JSON.parse(line[1]) : []) tags.add(tag);
  }
  return tags;
}

/** Sources of this site (working tree, without build output and caches) with N generated posts per language. */
function siteTemplate() {
  const dir = join(work, 'site-template');
  const skip = new Set([
    'node_modules',
    'dist',
    '.astro',
    '.git',
    'test-results',
    'playwright-report',
    'data',
    'coverage',
  ]);
  cpSync(root, dir, { recursive: true, filter: (src) => !skip.has(relative(root, src).split('/')[0]) });
  // The site maps MDX components globally (no import line) and its Callout needs a title.
  generatePosts(join(dir, 'content', 'posts'), { GEN_IMPORT: '', GEN_ATTRS: 'type="tip" title="Tip"' });
  const tags = readFileSync(join(dir, 'content', 'tags.yml'), 'utf8');
  const known = new Set([...tags.matchAll(/^([a-z0-9-]+):/gm)].map((m) => m[1]));
  const extra = [...generatedTags(join(dir, 'content', 'posts', 'en'))]
    .filter((tag) => !known.has(tag))
    .map((tag) => `${tag}:\n  en: ${tag.replace(/-/g, ' ')}\n  zh-cn: ${tag}\n`);
  writeFileSync(join(dir, 'content', 'tags.yml'), `${tags.trimEnd()}\n${extra.join('')}`);
  return {
    name: 'site',
    sources: dir,
    modules: join(root, 'node_modules'),
    post: join('content', 'posts', 'en', 'post-0001.mdx'),
  };
}

function plainTemplate() {
  const dir = join(work, 'plain-template');
  for (const entry of ['astro.config.mjs', 'package.json', 'package-lock.json', 'src'])
    cpSync(join(vendorDir, 'astro-plain', entry), join(dir, entry), { recursive: true });
  generatePosts(join(dir, 'src', 'content'));
  return { name: 'plain', sources: dir, modules: plainModules(), post: join('src', 'content', 'en', 'post-0001.mdx') };
}

// ---- One build ---------------------------------------------------------------------------------
/** Run `astro build` in `cwd` with that folder's Node 24; wall time and the peak RSS of the largest process. */
function build(cwd) {
  const node = join(cwd, 'node_modules', 'node', 'bin', 'node');
  const astro = join(cwd, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const rssFile = join(cwd, '.peak-rss');
  const useTime = existsSync('/usr/bin/time');
  const command = useTime
    ? ['/usr/bin/time', '-f', '%M %U %S', '-o', rssFile, node, astro, 'build']
    : [node, astro, 'build'];
  const started = performance.now();
  const result = spawnSync(command[0], command.slice(1), {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(join(cwd, `.build-${Date.now()}.log`), `${result.stdout}\n${result.stderr}`);
  if (result.status !== 0)
    throw new Error(`astro build failed in ${cwd}:\n${(result.stdout + result.stderr).slice(-4000)}`);
  const [rssKb, user, system] = useTime
    ? readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
    : [NaN, NaN, NaN];
  return { seconds, peakMb: rssKb / 1024, cpuSeconds: user + system };
}

function freshFolder(template, label) {
  const dir = join(work, label);
  cpSync(template.sources, dir, { recursive: true });
  linkTree(template.modules, join(dir, 'node_modules'));
  return dir;
}

// ---- astro dev ---------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Start `astro dev` of the site; seconds until it listens and until the first post page has answered. */
async function timeDev(template) {
  const dir = freshFolder(template, 'dev');
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    join(dir, 'node_modules', 'node', 'bin', 'node'),
    [join(dir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    const deadline = Date.now() + 600_000;
    let listening = NaN;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`astro dev did not answer in 10 minutes:\n${output.slice(-2000)}`);
      if (child.exitCode !== null) throw new Error(`astro dev exited:\n${output.slice(-2000)}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/blog/post-0001/`);
        if (Number.isNaN(listening)) listening = (performance.now() - started) / 1000;
        const body = await response.text();
        if (response.status === 200 && body.includes('</html>')) break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const firstPage = (performance.now() - started) / 1000;
    const again = performance.now();
    await (await fetch(`http://127.0.0.1:${port}/zh-cn/blog/post-0002/`)).text();
    return { firstPage, listening, secondPage: (performance.now() - again) / 1000 };
  } finally {
    process.kill(-child.pid, 'SIGTERM');
  }
}

// ---- Run ---------------------------------------------------------------------------------------
const templates = runs > 0 ? [plainTemplate(), siteTemplate()] : [siteTemplate()];
const phases = ['cold', 'one-post edit', 'no change'];
const results = Object.fromEntries(templates.map((t) => [t.name, Object.fromEntries(phases.map((p) => [p, []]))]));

for (let round = 1; round <= runs; round += 1) {
  for (const template of templates) {
    const dir = freshFolder(template, `${template.name}-${round}`);
    const record = (phase, measured) => {
      results[template.name][phase].push(measured);
      log(
        `${template.name.padEnd(5)} round ${round} ${phase.padEnd(13)} ${measured.seconds.toFixed(1).padStart(6)} s wall, ${measured.cpuSeconds.toFixed(1).padStart(6)} s CPU, peak RSS ${measured.peakMb.toFixed(0)} MB`,
      );
    };
    record('cold', build(dir));
    appendFileSync(join(dir, template.post), '\nOne more sentence, appended by the benchmark.\n');
    record('one-post edit', build(dir));
    record('no change', build(dir));
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (runs > 0) printTable();
function printTable() {
  const median = (values) => {
    const s = [...values].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  console.log(`\n${N} posts per language (${2 * N} posts), ${runs} round(s), medians:`);
  console.log(
    '| phase | plain Astro | this site | ratio | CPU plain | CPU site | CPU ratio | peak RSS plain | peak RSS site | RSS ratio |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const phase of phases) {
    const plain = results.plain[phase];
    const site = results.site[phase];
    const [ps, ss] = [median(plain.map((m) => m.seconds)), median(site.map((m) => m.seconds))];
    const [pc, sc] = [median(plain.map((m) => m.cpuSeconds)), median(site.map((m) => m.cpuSeconds))];
    const [pr, sr] = [median(plain.map((m) => m.peakMb)), median(site.map((m) => m.peakMb))];
    console.log(
      `| ${phase} | ${ps.toFixed(1)} s | ${ss.toFixed(1)} s | ${(ss / ps).toFixed(2)}× | ${pc.toFixed(1)} s | ${sc.toFixed(1)} s | ${(sc / pc).toFixed(2)}× | ${pr.toFixed(0)} MB | ${sr.toFixed(0)} MB | ${(sr / pr).toFixed(2)}× |`,
    );
  }
}

if (dev) {
  const measured = await timeDev(templates.at(-1));
  console.log(
    `\nastro dev (site): answering after ${measured.listening.toFixed(1)} s; first post page complete after ${measured.firstPage.toFixed(1)} s from start; next post page ${measured.secondPage.toFixed(2)} s`,
  );
}

if (keep) console.log(`\nkept: ${work}`);
else rmSync(work, { recursive: true, force: true });
