/**
 * What the moderation page costs (docs/performance.md, "Moderation page"): one scrypt password
 * check (the price of every sign-in attempt, right or wrong), and the page's search on a SQLite
 * file of N comments (a substring search is a scan of the comments table), against the plain list
 * query the CLI uses, interleaved in one run.
 *
 *   npm run bench:admin -- [N=20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { hashPassword, verifyPassword } from '../src/admin/auth.ts';
import { SqliteCommentStore } from '../src/comments/sqlite-store.ts';
import type { CommentRecord } from '../src/comments/store.ts';

const count = Number(process.argv[2] ?? 20_000);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const stored = await hashPassword('correct horse battery staple');
const checks: number[] = [];
for (let i = 0; i < 10; i++) {
  const start = performance.now();
  await verifyPassword(i % 2 ? 'correct horse battery staple' : 'wrong password', stored);
  checks.push(performance.now() - start);
}
console.log(`scrypt check (N=2^15, r=8, p=1): median ${median(checks).toFixed(1)} ms of 10`);

const dir = mkdtempSync(join(tmpdir(), 'bench-admin-'));
const store = new SqliteCommentStore(join(dir, 'comments.db'));
const words = ['wechat', 'line', 'brand', 'mobile', 'marketing', 'QR', '微信', '营销', 'follow', 'reader'];
const comments: CommentRecord[] = Array.from({ length: count }, (_, i) => ({
  id: i + 1,
  thread: `post-${i % 200}`,
  parentId: null,
  locale: i % 3 ? 'en' : 'zh-cn',
  authorName: `Reader ${i}`,
  authorEmail: `reader${i}@example.com`,
  authorUrl: null,
  body: Array.from({ length: 40 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' '),
  status: i % 10 === 0 ? 'pending' : 'approved',
  createdAt: Date.UTC(2026, 0, 1) + i * 60_000,
  ipHash: `ip-${i % 500}`,
  fingerprint: `fp-${i}`,
}));
await store.importMany(comments);

const runs: Record<string, number[]> = {
  'list (CLI, newest first)': [],
  'page: pending first': [],
  'page: search': [],
};
for (let round = 0; round < 15; round++) {
  for (const [name, run] of [
    ['list (CLI, newest first)', () => store.list({ limit: 20 })],
    ['page: pending first', () => store.search({ limit: 20, offset: 0 })],
    ['page: search', () => store.search({ text: `Reader ${round}9`, limit: 20, offset: 0 })],
  ] as const) {
    const start = performance.now();
    await run();
    runs[name]!.push(performance.now() - start);
  }
}
const base = median(runs['list (CLI, newest first)']!);
for (const [name, values] of Object.entries(runs))
  console.log(
    `${name}: median ${median(values).toFixed(2)} ms of 15 (${(median(values) / base).toFixed(1)}× the list)`,
  );
await store.close();
rmSync(dir, { recursive: true, force: true });
