/**
 * The scan redirect over real HTTP on a temporary SQLite file: counted redirects, and redirects
 * that go ahead when counting fails (a locked database, a broken store).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeTableJsonText, type ScanCode } from '../../src/codes/code-table.ts';
import { ScanStore, scanDay } from '../../src/codes/scan-store.ts';
import { createScanRedirect, openScanRedirect, type ScanRecorder } from '../../src/server/scan-redirect.ts';

const codes: ScanCode[] = [
  { name: 'line', kind: 'follow', target: 'https://line.me/R/ti/p/%40syengage' },
  {
    name: 'fair',
    kind: 'flyer',
    target: 'https://www.syengage.com/follow/?utm_source=print&utm_medium=qr&utm_campaign=fair',
  },
];

let dir: string;
const servers: Server[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syengage-scan-redirect-'));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

/** A server that answers scans and sends 404 "static" for the rest. */
async function serve(handle: ReturnType<typeof createScanRedirect>): Promise<string> {
  const server = createServer((req, res) => {
    if (!handle(req, res)) {
      res.statusCode = 404;
      res.end('static 404');
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function send(url: string, method = 'GET'): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scan redirect', () => {
  it('counts a GET and redirects to the target; HEAD redirects uncounted; other paths and methods fall through', async () => {
    const store = new ScanStore(join(dir, 'counted.db'));
    const base = await serve(createScanRedirect({ codes, recorder: store, log: () => {} }));
    expect(await send(`${base}/q/fair?utm_source=ignored`)).toMatchObject({ status: 302, location: codes[1]!.target });
    expect(await send(`${base}/q/fair/`)).toMatchObject({ status: 302, location: codes[1]!.target });
    expect(await send(`${base}/q/fair`, 'HEAD')).toMatchObject({ status: 302 });
    expect(await send(`${base}/q/fair`, 'POST')).toMatchObject({ status: 404, body: 'static 404' });
    expect(await send(`${base}/q/unknown`)).toMatchObject({ status: 404 });
    expect(await send(`${base}/q/fair/qr.png`)).toMatchObject({ status: 404 });
    expect(await send(`${base}/q/..%2Fetc`)).toMatchObject({ status: 404 });
    expect(store.counts()).toEqual([{ code: 'fair', day: scanDay(new Date()), scans: 2 }]);
    store.close();
  });

  it('redirects even when the store throws, and logs one line', async () => {
    const lines: string[] = [];
    const broken: ScanRecorder = {
      record() {
        throw new Error('disk I/O error');
      },
    };
    const base = await serve(createScanRedirect({ codes, recorder: broken, log: (line) => lines.push(line) }));
    expect(await send(`${base}/q/line`)).toMatchObject({ status: 302, location: codes[0]!.target });
    expect(lines).toEqual(['scan of "line" not counted: disk I/O error']);
  });

  it('redirects when another connection holds the database locked, without waiting long', async () => {
    const path = join(dir, 'locked.db');
    const store = new ScanStore(path, { busyTimeoutMs: 50 });
    const lines: string[] = [];
    const base = await serve(createScanRedirect({ codes, recorder: store, log: (line) => lines.push(line) }));
    const holder = new DatabaseSync(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      expect(await send(`${base}/q/line`)).toMatchObject({ status: 302, location: codes[0]!.target });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^scan of "line" not counted: .*locked/);
    expect(await send(`${base}/q/line`)).toMatchObject({ status: 302 });
    expect(store.counts()).toEqual([{ code: 'line', day: scanDay(new Date()), scans: 1 }]);
    store.close();
  });

  it('opens from a build: the table from scan-codes.json, counts in the named file; without the table, no handler', () => {
    const dist = join(dir, 'dist');
    mkdirSync(dist);
    const lines: string[] = [];
    expect(openScanRedirect(dist, join(dir, 'x.db'), (line) => lines.push(line))).toBeNull();
    expect(lines[0]).toMatch(/no scan-codes\.json in .*: scan URLs \(\/q\/…\) are served as static pages, uncounted/);
    writeFileSync(join(dist, 'scan-codes.json'), codeTableJsonText(codes));
    const opened = openScanRedirect(dist, join(dir, 'from-build.db'));
    expect(opened?.codes).toEqual(codes);
    expect(opened?.store).toBeInstanceOf(ScanStore);
    opened?.store?.close();
    writeFileSync(join(dist, 'scan-codes.json'), '{"codes": 1}');
    expect(() => openScanRedirect(dist, join(dir, 'y.db'))).toThrow(/scan-codes\.json is invalid/);
  });

  it('redirects uncounted when the database cannot be opened at all', async () => {
    const dist = join(dir, 'dist2');
    mkdirSync(dist);
    writeFileSync(join(dist, 'scan-codes.json'), codeTableJsonText(codes));
    // A directory where the database file should be: SQLite cannot open it.
    const blocked = join(dir, 'blocked.db');
    mkdirSync(blocked);
    const lines: string[] = [];
    const opened = openScanRedirect(dist, blocked, (line) => lines.push(line));
    expect(opened?.store).toBeNull();
    expect(lines[0]).toMatch(/^scan counts disabled, cannot open/);
    const base = await serve(opened!.handle);
    expect(await send(`${base}/q/line`)).toMatchObject({ status: 302, location: codes[0]!.target });
  });
});
