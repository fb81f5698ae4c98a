/**
 * Printed codes, scanned: decode the PNGs the build wrote, follow each through the real server
 * (src/server/main.ts over dist/, a temporary SQLite file, real HTTP), and see the count go up
 * and the redirect land on the tagged target. Also the static forward pages a static host serves.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distDir, readDist, requireBuild } from './dist-files.ts';
import { decodeQrPng } from '../fixtures/qr-decode.ts';
import {
  CODES_JSON_FILE,
  parseCodeTableJson,
  postCodeName,
  scanUrl,
  type ScanCode,
} from '../../src/codes/code-table.ts';
import { ScanStore, scanDay } from '../../src/codes/scan-store.ts';
import { buildShareUrl } from '../../src/follow/share.ts';
import { lineAddFriendUrl } from '../../src/follow/channels.ts';
import { siteConfig } from '../../src/site.config.ts';

const projectRoot = join(import.meta.dirname, '..', '..');
/** Node's own TypeScript after the version check, as the npm scripts run it. */
const runTs = ['--import', join(projectRoot, 'src', 'runtime', 'require-node.mjs')];
const ARTICLE = 'wechat-mobile-marketing-mayhem';

let server: ChildProcess;
let base: string;
let dbDir: string;
let codes: ScanCode[];

beforeAll(async () => {
  requireBuild();
  codes = parseCodeTableJson(readDist(CODES_JSON_FILE), CODES_JSON_FILE);
  dbDir = mkdtempSync(join(tmpdir(), 'syengage-scans-'));
  server = spawn(process.execPath, [...runTs, 'src/server/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DIST_DIR: distDir, COMMENTS_DB: join(dbDir, 'comments.db') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const address = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      if (address) resolve(address);
    });
    server.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${out}`)));
  });
}, 60_000);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(dbDir, { recursive: true, force: true });
});

/** `npm run codes -- <args>` on the test database. */
function codesCli(...args: string[]) {
  const result = spawnSync(process.execPath, [...runTs, 'scripts/codes.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, COMMENTS_DB: join(dbDir, 'comments.db') },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** Scans per code today, read from the file the server writes (a second connection, as the CLI opens). */
function statsToday(): Record<string, number> {
  const store = new ScanStore(join(dbDir, 'comments.db'));
  try {
    return Object.fromEntries(store.counts({ since: scanDay(new Date()) }).map((row) => [row.code, row.scans]));
  } finally {
    store.close();
  }
}

/** The decoded URL of a printed code, pointed at the test server instead of the public origin. */
function onTestServer(printed: string): string {
  const url = new URL(printed);
  expect(url.origin).toBe(new URL(siteConfig.siteUrl).origin);
  return `${base}${url.pathname}${url.search}`;
}

/** One request on a fresh connection (a reused keep-alive socket can race the server's idle timeout). */
function scan(url: string, method = 'GET'): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a printed code, scanned and followed through the server', () => {
  const printed = [
    {
      png: `blog/${ARTICLE}/qr.png`,
      name: postCodeName('en', ARTICLE),
      target: buildShareUrl(siteConfig.siteUrl, `/blog/${ARTICLE}/`, ARTICLE),
    },
    {
      png: `zh-cn/blog/${ARTICLE}/qr.png`,
      name: postCodeName('zh-cn', ARTICLE),
      target: buildShareUrl(siteConfig.siteUrl, `/zh-cn/blog/${ARTICLE}/`, ARTICLE),
    },
    { png: 'follow/qr/line-print.png', name: 'line', target: lineAddFriendUrl(siteConfig.follow.line.account) },
    {
      png: 'q/flyer-follow/qr.png',
      name: 'flyer-follow',
      target: `${siteConfig.siteUrl}/follow/?utm_source=print&utm_medium=qr&utm_campaign=flyer-follow`,
    },
  ];

  for (const code of printed) {
    it(`${code.png}: counted, then redirected to ${code.target}`, async () => {
      const text = decodeQrPng(new Uint8Array(readFileSync(join(distDir, code.png)))).text;
      expect(text).toBe(scanUrl(siteConfig.siteUrl, code.name));
      const before = statsToday()[code.name] ?? 0;
      const response = await scan(onTestServer(text!));
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(code.target);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['set-cookie']).toBeUndefined();
      await scan(`${onTestServer(text!)}/`);
      expect(statsToday()[code.name]).toBe(before + 2);
    });
  }

  it('the share code lands on the post page with its UTM tags, which the server serves', async () => {
    const response = await scan(onTestServer(scanUrl(siteConfig.siteUrl, postCodeName('zh-cn', ARTICLE))));
    const landing = new URL(response.headers.location!);
    expect(Object.fromEntries(landing.searchParams)).toEqual({
      utm_source: 'wechat',
      utm_medium: 'qr',
      utm_campaign: ARTICLE,
    });
    const page = await scan(`${base}${landing.pathname}${landing.search}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="zh-CN"');
  });

  it('a HEAD request is redirected without counting; an unknown code gets the 404 page and no row', async () => {
    const name = postCodeName('en', 'line-for-brands');
    const before = statsToday()[name] ?? 0;
    const head = await scan(`${base}/q/${name}`, 'HEAD');
    expect(head.status).toBe(302);
    const unknown = await scan(`${base}/q/no-such-code`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('<html lang="en"');
    const stats = statsToday();
    expect(stats[name] ?? 0).toBe(before);
    expect(stats['no-such-code']).toBeUndefined();
  });

  it('files below a code (the flyer PNG) are served as files, not scans', async () => {
    const response = await scan(`${base}/q/flyer-follow/qr.png`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
  });

  it('npm run codes -- stats prints the counts per code and day, as text and as JSON, with the WeChat note', () => {
    const counts = statsToday();
    expect(counts['line']).toBeGreaterThan(0);
    const json = JSON.parse(codesCli('stats', '--json')) as {
      counts: { code: string; day: string; scans: number }[];
      totals: Record<string, number>;
      note: string;
    };
    expect(json.counts).toContainEqual({ code: 'line', day: scanDay(new Date()), scans: counts['line'] });
    expect(json.totals['line']).toBe(counts['line']);
    expect(json.note).toMatch(/WeChat's follow code is not counted/);
    const text = codesCli('stats', '--code', 'line');
    expect(text).toMatch(new RegExp(`${scanDay(new Date())}\\s+line\\s+${counts['line']}\\n`));
    expect(text).not.toContain('flyer-follow');
    expect(text).toContain("WeChat's follow code is not counted");
  });
});

describe('static forward pages (for a static host)', () => {
  it('every code has one that forwards at once, with and without JavaScript, to its target', () => {
    expect(codes.map((code) => code.name)).toContain('line');
    for (const code of codes) {
      const html = readDist(`q/${code.name}/index.html`);
      const escaped = code.target.replace(/&/g, '&amp;');
      expect(html, code.name).toContain(`<meta http-equiv="refresh" content="0; url=${escaped}">`);
      expect(html, code.name).toContain(`<a href="${escaped}"`);
      expect(html, code.name).toContain(`location.replace(${JSON.stringify(code.target)})`);
      expect(html, code.name).toContain('<meta name="robots" content="noindex">');
    }
  });

  it('no forward page is in the sitemap', () => {
    expect(readDist('sitemap-0.xml')).not.toContain('/q/');
  });
});
