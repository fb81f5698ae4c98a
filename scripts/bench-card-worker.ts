// What the build's card worker costs: this process's peak RSS and CPU time (every thread) while one
// CardWorkerPool renders a social card for every distinct post title of a content folder, as a cold
// build does, optionally with N share codes as well. The worker ends when its queue is empty.
//   npx node --import ./src/runtime/require-node.mjs scripts/bench-card-worker.ts [postsDir=content/posts] [--qr N] [--limit N]
// (after `npm run bench:build -- 250 --keep`, point it at /tmp/syengage-bench-250-*/site-1/content/posts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CardWorkerPool } from '../src/social/card-pool.ts';
import { postCardContent } from '../src/social/content.ts';
import { localeKeys } from '../src/i18n/locales.ts';
import type { SocialCardContent } from '../src/social/card.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : undefined;
};
const qrCount = option('--qr') ?? 0;
const limit = option('--limit');
const dir = args[0] ?? join(import.meta.dirname, '..', 'content', 'posts');

const cards: SocialCardContent[] = [];
for (const locale of localeKeys) {
  const titles = new Set<string>();
  for (const file of readdirSync(join(dir, locale))) {
    const title = /^title: "?(.*?)"?$/m.exec(readFileSync(join(dir, locale, file), 'utf8'))?.[1];
    if (title) titles.add(title);
  }
  for (const title of titles) cards.push(postCardContent(locale, title));
}
if (limit !== undefined) cards.splice(limit);

const base = process.memoryUsage().rss;
let peak = base;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const pool = new CardWorkerPool(join(import.meta.dirname, '..', 'src', 'social', 'card-worker.ts'));
const started = performance.now();
const cpuBefore = process.cpuUsage();
await Promise.all([
  ...Array.from({ length: qrCount }, (_, index) => pool.renderQr(`https://www.syengage.com/q/post-${index}`, 360)),
  ...cards.map((card) => pool.render(card)),
]);
const wall = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
console.log(
  `${cards.length} cards${qrCount ? ` + ${qrCount} share codes` : ''}: ${Math.round(wall)} ms wall, ` +
    `${Math.round((cpu.user + cpu.system) / 1000)} ms CPU; RSS before ${mb(base)}, peak +${mb(peak - base)}, ` +
    `after the worker ended +${mb(process.memoryUsage().rss - base)}`,
);
