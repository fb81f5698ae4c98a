/**
 * A QR symbol as a 1-bit greyscale PNG: a QR code is black and white, so one bit per pixel is
 * lossless, and packing whole modules row by row is about 30 times faster than drawing an RGBA
 * image and compressing four bytes per pixel (11 ms a code at 360 px with `qrcode`'s renderer).
 * The files are smaller too. Every decoder reads this format (PNG colour type 0, bit depth 1).
 */
import { crc32, deflateSync } from 'node:zlib';

/** The module grid of a QR symbol, as `qrcode` gives it. */
export interface QrModules {
  size: number;
  get(row: number, col: number): number | boolean;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * PNG of `modules` with a `margin`-module light quiet zone, `scale` pixels per module: dark modules
 * black (bit 0), everything else white (bit 1).
 */
export function encodeQrPng(modules: QrModules, margin: number, scale: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(scale) || scale < 1 || !Number.isInteger(margin) || margin < 0)
    throw new Error('QR PNG: scale and margin must be whole numbers');
  const count = modules.size + 2 * margin;
  const width = count * scale;
  const rowBytes = Math.ceil(width / 8);
  // Each image row: filter byte 0 (none), then the bits; a module row repeats `scale` times.
  const raw = Buffer.alloc((rowBytes + 1) * width);
  const line = Buffer.alloc(rowBytes + 1);
  for (let moduleRow = 0; moduleRow < count; moduleRow += 1) {
    line.fill(0);
    line.fill(0xff, 1);
    const row = moduleRow - margin;
    if (row >= 0 && row < modules.size) {
      for (let col = 0; col < modules.size; col += 1) {
        if (!modules.get(row, col)) continue;
        const x0 = (col + margin) * scale;
        for (let x = x0; x < x0 + scale; x += 1) line[1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
      }
    }
    // Bits past the image's width in the last byte stay 1 (white); decoders ignore them.
    for (let repeat = 0; repeat < scale; repeat += 1) line.copy(raw, (moduleRow * scale + repeat) * (rowBytes + 1));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  const png = Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return new Uint8Array(png.buffer.slice(png.byteOffset, png.byteOffset + png.length)) as Uint8Array<ArrayBuffer>;
}
