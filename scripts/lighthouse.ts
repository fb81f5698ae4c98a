/**
 * Lighthouse 12 (mobile, its default) over the six page types in both languages, as a browser
 * whose language is English sees them, served by the production server over the last build.
 * Writes the scores and CLS to docs/performance.md ("Lighthouse") and prints them.
 *
 *   npm run build && npm run lighthouse            (-- --no-write: print only)
 *
 * Lighthouse is pinned (lighthouse@12.2.3) and fetched by npx on first use, not installed by
 * `npm ci`: it is large and the tests do not need it. It drives the system Chromium (CHROME_PATH,
 * else /usr/bin/chromium) with the flags the browser tests use.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, findChromium } from '../tests/e2e/chromium.ts';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const BROWSER_LANGUAGE = 'en-US';
const root = join(import.meta.dirname, '..');
const docFile = join(root, 'docs', 'performance.md');
const write = !process.argv.includes('--no-write');

const pages = [
  ['home', '/', '/zh-cn/'],
  ['post', '/blog/wechat-mobile-marketing-mayhem/', '/zh-cn/blog/wechat-mobile-marketing-mayhem/'],
  ['tag', '/tags/wechat/', '/zh-cn/tags/wechat/'],
  ['search', '/search/?q=WeChat', '/zh-cn/search/?q=%E5%BE%AE%E4%BF%A1'],
  ['follow', '/follow/', '/zh-cn/follow/'],
  // Lighthouse stops on a 404 status: the 404 pages are measured at their own files (served with 200).
  ['404', '/404.html', '/zh-cn/404/'],
] as const;

interface Row {
  type: string;
  path: string;
  scores: Record<string, number | null>;
  cls: number;
  lcpMs: number;
}

const work = mkdtempSync(join(tmpdir(), 'syengage-lighthouse-'));
const chrome = findChromium();

// The production entry over dist/, on a free port, with a throwaway comments database.
const server = spawn(
  process.execPath,
  ['--import', join(root, 'src', 'runtime', 'require-node.mjs'), 'src/server/main.ts'],
  {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', COMMENTS_DB: join(work, 'comments.db') },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const address = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
    if (address) resolve(address);
  });
  server.on('exit', (code) =>
    reject(new Error(`The server stopped (${code}) before listening. Run "npm run build" first.\n${out}`)),
  );
});

const rows: Row[] = [];
try {
  for (const [type, ...paths] of pages) {
    for (const path of paths) {
      const report = join(work, 'report.json');
      const flags = [
        ...chromiumArgs.filter((flag) => flag !== '--headless'),
        '--headless=new',
        `--lang=${BROWSER_LANGUAGE}`,
        `--accept-lang=${BROWSER_LANGUAGE}`,
      ];
      const result = spawnSync(
        'npx',
        [
          '--yes',
          LIGHTHOUSE,
          `${base}${path}`,
          '--output=json',
          `--output-path=${report}`,
          '--quiet',
          `--chrome-flags=${flags.join(' ')}`,
        ],
        { cwd: root, env: { ...process.env, CHROME_PATH: chrome }, stdio: ['ignore', 'inherit', 'inherit'] },
      );
      if (result.status !== 0) throw new Error(`Lighthouse failed on ${path} (exit ${result.status})`);
      const lhr = JSON.parse(readFileSync(report, 'utf8')) as {
        categories: Record<string, { score: number | null }>;
        audits: Record<string, { numericValue?: number }>;
        runtimeError?: { message: string };
      };
      if (lhr.runtimeError) throw new Error(`Lighthouse on ${path}: ${lhr.runtimeError.message}`);
      const row: Row = {
        type,
        path,
        scores: Object.fromEntries(
          Object.entries(lhr.categories).map(([key, category]) => [
            key,
            category.score === null ? null : Math.round(category.score * 100),
          ]),
        ),
        cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
        lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
      };
      rows.push(row);
      console.log(
        `${path}  performance ${row.scores['performance']}  accessibility ${row.scores['accessibility']}  best practices ${row.scores['best-practices']}  SEO ${row.scores['seo']}  CLS ${row.cls.toFixed(3)}  LCP ${(row.lcpMs / 1000).toFixed(1)} s`,
      );
    }
  }
} finally {
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

const score = (value: number | null | undefined) => (value === null || value === undefined ? '–' : String(value));
const table = [
  '| page | path | performance | accessibility | best practices | SEO | CLS | LCP (simulated) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (row) =>
      `| ${row.type} | \`${decodeURIComponent(row.path)}\` | ${score(row.scores['performance'])} | ${score(row.scores['accessibility'])} | ${score(row.scores['best-practices'])} | ${score(row.scores['seo'])} | ${row.cls.toFixed(3)} | ${(row.lcpMs / 1000).toFixed(1)} s |`,
  ),
].join('\n');

if (write) {
  const START = '<!-- lighthouse:start -->';
  const END = '<!-- lighthouse:end -->';
  const section = `${START}\nLast run ${new Date().toISOString().slice(0, 10)}: \`npm run lighthouse\` (${LIGHTHOUSE}, mobile preset with its simulated throttling, Chromium ${chromeVersion()}, browser language ${BROWSER_LANGUAGE}).\n\n${table}\n${END}`;
  const doc = readFileSync(docFile, 'utf8');
  const next = doc.includes(START)
    ? doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), section)
    : `${doc.trimEnd()}\n\n## Lighthouse\n\n${section}\n`;
  writeFileSync(docFile, next);
  console.log(`Written to ${docFile}`);
}

function chromeVersion(): string {
  const result = spawnSync(chrome, ['--version'], { encoding: 'utf8' });
  return /[\d.]+/.exec(result.stdout)?.[0] ?? 'unknown';
}
