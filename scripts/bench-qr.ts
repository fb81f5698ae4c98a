/**
 * What QR generation costs a build: renders every code the site builds (each channel's inline
 * SVG and its screen and print PNGs; each post's share SVG and PNG), cold, several times, and
 * prints the timings. Run with `npm run bench:qr` (optionally `-- 30` for 30 rounds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { siteConfig } from '../src/site.config.ts';
import { buildFollowUrl, followChannels } from '../src/follow/channels.ts';
import { buildShareUrl } from '../src/follow/share.ts';
import { clearQrCache, qrPngSizes, renderQrPng, renderQrSvg } from '../src/follow/qr.ts';
import { postPath } from '../src/routes/table.ts';
import { isLocale } from '../src/i18n/locales.ts';

const rounds = Number(process.argv[2] ?? 20);
const postsDir = join(import.meta.dirname, '..', 'content', 'posts');

// The share URLs of every post, read from the MDX files the way the build reads them.
const shareUrls = readdirSync(postsDir).flatMap((locale) =>
  isLocale(locale)
    ? readdirSync(join(postsDir, locale))
        .filter((file) => file.endsWith('.mdx'))
        .map((file) => {
          const key =
            /^translationKey:\s*"?([^"\n]+)"?/m.exec(readFileSync(join(postsDir, locale, file), 'utf8'))?.[1] ?? file;
          return buildShareUrl(siteConfig.siteUrl, postPath(locale, file.replace(/\.mdx$/, '')), key);
        })
    : [],
);
const followUrls = followChannels.map((channel) => buildFollowUrl(channel, siteConfig.follow));

async function renderAll(): Promise<{ svg: number; png: number }> {
  const start = performance.now();
  for (const url of [...followUrls, ...shareUrls]) renderQrSvg(url);
  const svgDone = performance.now();
  // One after another, as the build renders its routes.
  for (const url of followUrls) {
    await renderQrPng(url, qrPngSizes.screen);
    await renderQrPng(url, qrPngSizes.print);
  }
  for (const url of shareUrls) await renderQrPng(url, qrPngSizes.screen);
  return { svg: svgDone - start, png: performance.now() - svgDone };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

// The first round also pays for loading and JIT-compiling qrcode and pngjs, as a build does.
clearQrCache();
const first = await renderAll();
const svg: number[] = [];
const png: number[] = [];
for (let i = 0; i < rounds; i += 1) {
  clearQrCache();
  const round = await renderAll();
  svg.push(round.svg);
  png.push(round.png);
}
const warmCached = performance.now();
await renderAll(); // everything memoised: what a second card with the same payload costs
const cached = performance.now() - warmCached;

const total = svg.map((value, i) => value + (png[i] ?? 0));
console.log(
  `QR codes per build: ${followUrls.length + shareUrls.length} SVGs, ${followUrls.length * 2 + shareUrls.length} PNGs (${followUrls.length} follow payloads, ${shareUrls.length} share payloads)`,
);
console.log(
  `first round (cold process): SVG ${fmt(first.svg)}, PNG ${fmt(first.png)}, total ${fmt(first.svg + first.png)}`,
);
console.log(
  `${rounds} warm rounds, median (min–max): SVG ${fmt(median(svg))}, PNG ${fmt(median(png))}, total ${fmt(median(total))} (${fmt(Math.min(...total))}–${fmt(Math.max(...total))})`,
);
console.log(`all codes again from the memo: ${fmt(cached)}`);
