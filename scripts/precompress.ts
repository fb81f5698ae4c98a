/**
 * Write `.br` and `.gz` next to every text file of `dist/` (brotli 11, gzip 9), for hosting the
 * built site on a plain static host. The site's own server does not need it: it compresses each
 * file on its first request (src/server/compress-on-demand.ts). Usage: `npm run precompress [-- dir]`.
 */
import { resolve } from 'node:path';
import { precompressDirectory } from '../src/build/precompress.ts';

const dir = resolve(process.argv[2] ?? 'dist');
const started = performance.now();
const { files, bytes, brotliBytes } = await precompressDirectory(dir);
console.log(
  `${files} files precompressed in ${((performance.now() - started) / 1000).toFixed(1)} s: ${(bytes / 1024).toFixed(0)} KiB → ${(brotliBytes / 1024).toFixed(0)} KiB (brotli)`,
);
