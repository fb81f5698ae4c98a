/**
 * What a reader downloads for one built page: HTML, CSS and JavaScript, raw and compressed the
 * way the server sends them (brotli, gzip). Usage: `npm run page-weight -- [path ...]` after a build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const DEFAULT_PAGES = [
  '/',
  '/zh-cn/',
  '/blog/wechat-mobile-marketing-mayhem/',
  '/zh-cn/blog/wechat-mobile-marketing-mayhem/',
];
const dist = 'dist';

interface Weight {
  raw: number;
  br: number;
  gz: number;
}

const weigh = (text: string): Weight => ({
  raw: Buffer.byteLength(text),
  br: text ? brotliCompressSync(text).length : 0,
  gz: text ? gzipSync(text, { level: 9 }).length : 0,
});

function read(path: string): string {
  const file = join(dist, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** External module scripts import their chunks; follow the static imports once. */
function scriptWithImports(path: string, seen = new Set<string>()): string {
  if (seen.has(path)) return '';
  seen.add(path);
  const code = read(path);
  const imports = [...code.matchAll(/import\s*(?:[^'"]*from\s*)?["'](\.\/[^"']+)["']/g)].map((m) =>
    join(path, '..', m[1] ?? ''),
  );
  return code + imports.map((p) => scriptWithImports(p, seen)).join('');
}

const fmt = (w: Weight) =>
  `${(w.raw / 1024).toFixed(1)} KiB raw, ${(w.br / 1024).toFixed(1)} KiB br, ${(w.gz / 1024).toFixed(1)} KiB gz`;

const pages = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_PAGES;
for (const page of pages) {
  const html = read(page.endsWith('/') ? `${page}index.html` : page);
  if (!html) {
    console.error(`${page}: not in dist/ (run npm run build)`);
    process.exitCode = 1;
    continue;
  }
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => read(m[1] ?? '')).join('');
  const inlineJs = [
    ...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/(?:ld\+)?json)[^>]*>([\s\S]*?)<\/script>/g),
  ]
    .map((m) => m[1])
    .join('\n');
  const seen = new Set<string>();
  const externalJs = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)]
    .map((m) => scriptWithImports(m[1] ?? '', seen))
    .join('\n');
  const htmlW = weigh(html);
  const cssW = weigh(css);
  const jsW = weigh(`${inlineJs}\n${externalJs}`);
  console.log(`${page}
  HTML (inline CSS, inline SVG and inline scripts included): ${fmt(htmlW)}
  stylesheets: ${fmt(cssW)}
  HTML + CSS, brotli: ${((htmlW.br + cssW.br) / 1024).toFixed(1)} KiB
  JavaScript (inline + external with imports): ${fmt(jsW)}`);
}
