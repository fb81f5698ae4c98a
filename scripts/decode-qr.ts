/**
 * Print the text inside a QR code image: `npm run decode-qr -- path/to/qrcode.png`.
 * Operators use it on the official WeChat code to get the URL for src/site.config.ts
 * (follow.wechat.qrUrl). PNG only: convert a JPEG first (any image editor, or
 * `convert qrcode.jpg qrcode.png`).
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run decode-qr -- path/to/qrcode.png');
  process.exit(2);
}
const image = PNG.sync.read(readFileSync(file));
const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
if (!code) {
  console.error(`${file}: no QR code found (is the whole code, with its white border, in the image?)`);
  process.exit(1);
}
console.log(code.data);
