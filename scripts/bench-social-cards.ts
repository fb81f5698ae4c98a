/**
 * What social cards cost a build. Renders N English and N Chinese cards (titles made from the
 * site's own, each one different) and prints:
 *   1. per card, interleaved on one thread: satori (layout, text to outlines) + sharp (rasterise,
 *      PNG) — what the build uses — against the same SVG rasterised by resvg, and against
 *      @napi-rs/canvas drawing a card of the same design itself (bands, name, title) and encoding it;
 *      wall time and CPU time (all threads of the process) for each;
 *   2. the whole batch through the build's worker thread (src/social/card-pool.ts) into a fresh
 *      card cache, with how busy the main thread stayed meanwhile (the thread Astro renders pages on);
 *   3. the same batch again, now all from the cache: what a rebuild with no changed title pays.
 * Run with `npm run bench:cards` (`-- 200` for 200 cards per language; default 50).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Resvg } from '@resvg/resvg-js';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import sharp from 'sharp';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  cardColors,
  renderSocialCardSvg,
  titleFontSize,
  type SocialCardContent,
} from '../src/social/card.ts';
import { CardWorkerPool } from '../src/social/card-pool.ts';
import { cachedSocialCard } from '../src/social/cache.ts';
import { cardFonts } from '../src/social/fonts.ts';
import { defaultCardContent, postCardContent } from '../src/social/content.ts';

const perLanguage = Number(process.argv[2] ?? 50);
const baseTitles = {
  en: [
    'We Chat: Mobile Marketing Mayhem? Or the next big thing?',
    'Designing WeChat and LINE follow flows for a brand site',
    'Mind the LINE: stickers, official accounts and brands',
  ],
  'zh-cn': [
    '微信：昙花一现还是新的契机？',
    '为品牌网站设计微信与 LINE 关注流程',
    '留意 LINE：贴图、官方账号与品牌玩法',
  ],
} as const;
const cards: SocialCardContent[] = [];
for (let index = 0; index < perLanguage; index += 1) {
  for (const locale of ['en', 'zh-cn'] as const) {
    const base = baseTitles[locale][index % 3]!;
    cards.push(
      postCardContent(locale, locale === 'en' ? `${base} (part ${index + 1})` : `${base}（第 ${index + 1} 篇）`),
    );
  }
}

const ms = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return `mean ${mean.toFixed(1)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, p90 ${sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1)} ms`;
};

// Fonts are read and parsed once per process; measured apart from the per-card cost.
let start = performance.now();
cardFonts();
await renderSocialCardSvg(defaultCardContent('zh-cn'));
const fontLoad = performance.now() - start;

// The same fonts for canvas, registered under the names the card uses.
for (const font of cardFonts()) GlobalFonts.register(font.data, font.name);
const canvasFamilies = (locale: string) => {
  const names = [...new Set(cardFonts().map((font) => `"${font.name}"`))];
  const first = locale === 'en' ? '"Noto Sans"' : '"Noto Sans SC"';
  return [first, ...names.filter((name) => name !== first)].join(', ');
};

/** The card's design drawn by canvas: bands, mark, name, kicker, title wrapped to the width, host. */
async function canvasCard(card: SocialCardContent): Promise<Buffer> {
  const canvas = createCanvas(CARD_WIDTH, CARD_HEIGHT);
  const context = canvas.getContext('2d');
  context.fillStyle = cardColors.background;
  context.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
  context.fillStyle = cardColors.brand;
  context.fillRect(0, 0, CARD_WIDTH, 18);
  context.fillRect(80, 70, 22, 44);
  context.fillStyle = cardColors.brandDark;
  context.fillRect(0, CARD_HEIGHT - 10, CARD_WIDTH, 10);
  const families = canvasFamilies(card.locale);
  context.font = `700 34px ${families}`;
  context.fillText(card.siteName, 120, 104);
  context.fillStyle = cardColors.muted;
  context.font = `700 30px ${families}`;
  context.fillText(card.kicker ?? '', 340, 104);
  context.font = `700 26px ${families}`;
  context.fillText(card.siteHost, 80, 565);
  const size = titleFontSize(card.title);
  context.fillStyle = cardColors.text;
  context.font = `700 ${size}px ${families}`;
  // Greedy wrapping by grapheme (CJK) or word (Latin), as satori's line breaker does in effect.
  const pieces = card.locale === 'en' ? card.title.split(/(?<= )/) : [...card.title];
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line && context.measureText(line + piece).width > CARD_WIDTH - 160) {
      lines.push(line);
      line = piece;
    } else line += piece;
  }
  lines.push(line);
  lines.slice(0, 4).forEach((text, index) => context.fillText(text.trimEnd(), 80, 250 + index * size * 1.25));
  return canvas.encode('png');
}

// CPU time of the whole process (every thread): sharp and canvas use helper threads, so wall time
// alone flatters them on a machine with idle cores and not on a build's busy ones.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
/** Wall times, CPU time and output bytes of one renderer over all cards. */
const measured = () => ({ times: [] as number[], cpu: 0, bytes: 0 });
const satori = measured();
const renderers = {
  resvg: {
    ...measured(),
    render: async (svg: string) =>
      new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng(),
  },
  sharp: { ...measured(), render: (svg: string) => sharp(Buffer.from(svg)).png().toBuffer() },
  canvas: { ...measured(), render: (_svg: string, card: SocialCardContent) => canvasCard(card) },
};
for (const [index, card] of cards.entries()) {
  start = performance.now();
  const cpuStart = process.cpuUsage();
  const svg = await renderSocialCardSvg(card);
  satori.times.push(performance.now() - start);
  satori.cpu += cpuMs(cpuStart);
  // Rotate the order so that no renderer always runs first (caches, other jobs on the machine).
  const order = Object.values(renderers);
  for (let step = 0; step < order.length; step += 1) {
    const renderer = order[(index + step) % order.length]!;
    const begin = performance.now();
    const cpuBegin = process.cpuUsage();
    const png = await renderer.render(svg, card);
    renderer.times.push(performance.now() - begin);
    renderer.cpu += cpuMs(cpuBegin);
    renderer.bytes += png.length;
  }
}

const kb = (bytes: number) => `${(bytes / cards.length / 1024).toFixed(0)} KiB`;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
console.log(`${cards.length} cards (${perLanguage} per language), one thread, interleaved`);
console.log(`  fonts read and parsed once per process: ${fontLoad.toFixed(0)} ms`);
const cpuPerCard = (total: number) => `CPU ${(total / cards.length).toFixed(1)} ms`;
console.log(`  satori (layout + outlines):       ${ms(satori.times)}; ${cpuPerCard(satori.cpu)}`);
console.log(
  `  sharp (rasterise + PNG):          ${ms(renderers.sharp.times)}; ${cpuPerCard(renderers.sharp.cpu)}   (${kb(renderers.sharp.bytes)} a card)`,
);
console.log(
  `  resvg on the same SVG:            ${ms(renderers.resvg.times)}; ${cpuPerCard(renderers.resvg.cpu)}   (${kb(renderers.resvg.bytes)} a card)`,
);
console.log(
  `  @napi-rs/canvas, whole card:      ${ms(renderers.canvas.times)}; ${cpuPerCard(renderers.canvas.cpu)}   (${kb(renderers.canvas.bytes)} a card)`,
);
const perCard = (satori.cpu + renderers.sharp.cpu) / cards.length;
console.log(
  `  satori + sharp per card: CPU ${perCard.toFixed(1)} ms (wall ${(mean(satori.times) + mean(renderers.sharp.times)).toFixed(1)} ms) → 2,000 cards ≈ ${((perCard * 2000) / 1000).toFixed(0)} s of one core`,
);

// The build's path: every card through the worker thread, while this thread only waits.
const pool = new CardWorkerPool(join(import.meta.dirname, '..', 'src', 'social', 'card-worker.ts'));
const dir = mkdtempSync(join(tmpdir(), 'syengage-card-bench-'));
const render = (card: SocialCardContent) => pool.render(card);
const elu = performance.eventLoopUtilization();
start = performance.now();
await Promise.all(cards.map((card) => cachedSocialCard(card, { dir, render })));
const wall = performance.now() - start;
const busy = performance.eventLoopUtilization(elu);
await pool.close();
console.log(
  `worker thread: ${cards.length} cards in ${(wall / 1000).toFixed(1)} s wall (${(wall / cards.length).toFixed(1)} ms a card, worker start and font load included);`,
);
console.log(`  main thread busy ${(busy.utilization * 100).toFixed(1)}% of that time (free for Astro's page render)`);
start = performance.now();
await Promise.all(
  cards.map((card) =>
    cachedSocialCard(card, { dir, render: () => Promise.reject(new Error('a cached card was rendered')) }),
  ),
);
const hits = performance.now() - start;
console.log(
  `cache: ${cards.length} cards again, all from the cache, in ${hits.toFixed(0)} ms (${((hits / cards.length) * 1000).toFixed(0)} µs a card)`,
);
rmSync(dir, { recursive: true, force: true });
