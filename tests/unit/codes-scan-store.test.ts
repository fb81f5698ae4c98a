import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanStore, scanDay } from '../../src/codes/scan-store.ts';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'syengage-scan-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'comments.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ScanStore', () => {
  it('counts scans per code and UTC day, and keeps them when reopened', () => {
    const path = tempDb();
    const store = new ScanStore(path);
    const late = new Date('2026-11-28T23:59:59Z');
    const early = new Date('2026-11-29T00:00:01Z');
    store.record('line', late);
    store.record('line', early);
    store.record('line', early);
    store.record('fair', early);
    store.close();
    const reopened = new ScanStore(path);
    expect(reopened.counts()).toEqual([
      { code: 'fair', day: '2026-11-29', scans: 1 },
      { code: 'line', day: '2026-11-29', scans: 2 },
      { code: 'line', day: '2026-11-28', scans: 1 },
    ]);
    expect(reopened.counts({ code: 'line', since: '2026-11-29' })).toEqual([
      { code: 'line', day: '2026-11-29', scans: 2 },
    ]);
    reopened.close();
  });

  it('stores a code, a day and a number: nothing about the reader', () => {
    const path = tempDb();
    new ScanStore(path).close();
    const db = new DatabaseSync(path);
    const columns = db
      .prepare('PRAGMA table_info(scan_counts)')
      .all()
      .map((row) => row['name']);
    db.close();
    expect(columns).toEqual(['code', 'day', 'scans']);
  });

  it('lives beside the comments without touching their schema version', () => {
    const path = tempDb();
    new ScanStore(path).close();
    const db = new DatabaseSync(path);
    db.exec('PRAGMA user_version = 7');
    db.close();
    new ScanStore(path).close();
    const again = new DatabaseSync(path);
    expect(again.prepare('PRAGMA user_version').get()?.['user_version']).toBe(7);
    again.close();
  });

  it('counts every scan from two connections on one file (one upsert each, no read-then-write)', () => {
    const path = tempDb();
    const a = new ScanStore(path);
    const b = new ScanStore(path);
    const at = new Date('2026-11-29T12:00:00Z');
    for (let i = 0; i < 200; i += 1) (i % 2 ? a : b).record('line', at);
    expect(a.counts()).toEqual([{ code: 'line', day: '2026-11-29', scans: 200 }]);
    a.close();
    b.close();
  });

  it('formats days in UTC', () => {
    expect(scanDay(new Date('2026-01-02T23:30:00-05:00'))).toBe('2026-01-03');
  });
});
