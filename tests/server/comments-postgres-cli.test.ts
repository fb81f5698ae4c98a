/**
 * Moving from SQLite to PostgreSQL with the moderation CLI: `export` from the SQLite file, then
 * `import` into PostgreSQL keeps every comment, status, reply link and id, and new comments get
 * ids after the imported ones.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresCommentStore } from '../../src/comments/postgres-store.ts';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import type { CommentRecord, NewComment } from '../../src/comments/store.ts';
import { freshDatabase } from '../fixtures/postgres-test.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'comments-move-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm run comments -- …args` (scripts/comments.ts) with only the given store variables. */
async function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('COMMENTS_')));
  const child = spawn(
    process.execPath,
    ['--import', './src/runtime/require-node.mjs', 'scripts/comments.ts', ...args],
    { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

const T0 = Date.UTC(2026, 5, 1, 12);
let serial = 0;
const comment = (fields: Partial<NewComment> = {}): NewComment => {
  const n = ++serial;
  return {
    thread: n % 2 ? 'wechat-mobile-marketing-mayhem' : 'line-for-brands',
    parentId: null,
    locale: n % 2 ? 'en' : 'zh-cn',
    authorName: n % 2 ? `Reader ${n}` : `读者 ${n}`,
    authorEmail: `reader${n}@example.com`,
    authorUrl: n % 3 ? null : 'https://example.com/',
    body: `Comment ${n}: “quotes”, 中文 and <b>markup</b>.\n\nA second paragraph.`,
    status: 'approved',
    createdAt: T0 + n * 60_000,
    ipHash: `ip-${n}`,
    fingerprint: `fp-${n}`,
    ...fields,
  };
};

describe('moving comments from SQLite to PostgreSQL with the CLI', () => {
  it('keeps every comment, status, reply link and id', { timeout: 120_000 }, async () => {
    const sqlitePath = join(dir, 'comments.db');
    const sqlite = new SqliteCommentStore(sqlitePath);
    const parents: CommentRecord[] = [];
    for (const status of ['approved', 'pending', 'spam', 'trash', 'approved'] as const)
      parents.push(await sqlite.insert(comment({ status })));
    await sqlite.insert(comment({ parentId: parents[0]!.id }));
    await sqlite.insert(comment({ parentId: parents[0]!.id, status: 'pending' }));
    await sqlite.delete((await sqlite.insert(comment())).id);
    await sqlite.insert(comment({ parentId: parents[4]!.id }));
    const original = await sqlite.all();
    await sqlite.close();

    const file = join(dir, 'export.json');
    const exported = await cli(['export', file], { COMMENTS_DB: sqlitePath });
    expect(exported.code, exported.output).toBe(0);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { comments: unknown[] }).comments).toHaveLength(original.length);

    const databaseUrl = await freshDatabase('move');
    const imported = await cli(['import', file], { COMMENTS_DATABASE_URL: databaseUrl });
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toMatch(
      new RegExp(`Imported ${original.length} of ${original.length} comments into postgres://postgres:\\*\\*\\*@`),
    );
    const again = await cli(['import', file], { COMMENTS_DATABASE_URL: databaseUrl });
    expect(again.output).toContain(`Imported 0 of ${original.length} comments`);

    const store = await PostgresCommentStore.open(databaseUrl, { pool: 1 });
    try {
      expect(await store.all()).toEqual(original);
      const next = await store.insert(comment());
      expect(next.id).toBeGreaterThan(Math.max(...original.map((c) => c.id)));
    } finally {
      await store.close();
    }

    const listed = await cli(['list', '--status', 'pending', '--json'], { COMMENTS_DATABASE_URL: databaseUrl });
    expect(listed.code, listed.output).toBe(0);
    expect((JSON.parse(listed.output) as CommentRecord[]).map((c) => c.id)).toEqual(
      original
        .filter((c) => c.status === 'pending')
        .map((c) => c.id)
        .reverse(),
    );
  });
});
