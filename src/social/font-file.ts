/**
 * The two things the card renderer needs from a font file, without a font library:
 * WOFF 1.0 → SFNT (TrueType/OpenType) with node:zlib, and the code points of the cmap table.
 * npm's font parsers inflate WOFF tables with small pure-JS inflaters that reject some of
 * Fontsource's Noto Sans SC slices ("Data error"); zlib reads them all, and a plain SFNT is also
 * what satori parses fastest. Reading the cmap here takes milliseconds where a full parse of every
 * slice takes seconds.
 */
import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // "wOFF"

/** Whether `data` is a WOFF 1.0 file. */
export function isWoff(data: Uint8Array): boolean {
  return (
    data.length >= 44 && new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0) === WOFF_SIGNATURE
  );
}

/** The SFNT font inside a WOFF 1.0 file (its tables inflated, checksums kept as stored). */
export function woffToSfnt(woff: Uint8Array): Buffer {
  if (!isWoff(woff)) throw new Error('not a WOFF 1.0 file');
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let index = 0; index < numTables; index += 1) {
    const entry = 44 + index * 20;
    const tag = view.getUint32(entry);
    const offset = view.getUint32(entry + 4);
    const compLength = view.getUint32(entry + 8);
    const origLength = view.getUint32(entry + 12);
    const checksum = view.getUint32(entry + 16);
    const stored = Buffer.from(woff.buffer, woff.byteOffset + offset, compLength);
    const data = compLength < origLength ? inflateSync(stored) : Buffer.from(stored);
    if (data.length !== origLength)
      throw new Error(`WOFF table ${index}: ${data.length} bytes inflated, ${origLength} expected`);
    tables.push({ tag, checksum, data });
  }
  const headerLength = 12 + numTables * 16;
  const padded = (length: number) => (length + 3) & ~3;
  const size = tables.reduce((total, table) => total + padded(table.data.length), headerLength);
  const out = Buffer.alloc(size);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerLength;
  tables.forEach((table, index) => {
    const entry = 12 + index * 16;
    out.writeUInt32BE(table.tag, entry);
    out.writeUInt32BE(table.checksum, entry + 4);
    out.writeUInt32BE(offset, entry + 8);
    out.writeUInt32BE(table.data.length, entry + 12);
    table.data.copy(out, offset);
    offset += padded(table.data.length);
  });
  return out;
}

/** The bytes of table `tag` ("cmap") of an SFNT font, or undefined. */
function sfntTable(sfnt: Buffer, tag: string): Buffer | undefined {
  const numTables = sfnt.readUInt16BE(4);
  for (let index = 0; index < numTables; index += 1) {
    const entry = 12 + index * 16;
    if (sfnt.toString('latin1', entry, entry + 4) === tag) {
      const offset = sfnt.readUInt32BE(entry + 8);
      return sfnt.subarray(offset, offset + sfnt.readUInt32BE(entry + 12));
    }
  }
  return undefined;
}

/**
 * Every code point the font maps to a real glyph (not glyph 0, "notdef"), from its Unicode cmap
 * subtables (format 4: the Basic Multilingual Plane; format 12: all planes).
 */
export function cmapCodePoints(sfnt: Buffer): Set<number> {
  const cmap = sfntTable(sfnt, 'cmap');
  const points = new Set<number>();
  if (!cmap) return points;
  const count = cmap.readUInt16BE(2);
  for (let index = 0; index < count; index += 1) {
    const platform = cmap.readUInt16BE(4 + index * 8);
    const encoding = cmap.readUInt16BE(6 + index * 8);
    // Unicode subtables only: platform 0 (any), or Windows (3) with encoding 1 (BMP) or 10 (full).
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const table = cmap.subarray(cmap.readUInt32BE(8 + index * 8));
    const format = table.readUInt16BE(0);
    if (format === 4) {
      const segments = table.readUInt16BE(6) / 2;
      const ends = 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const rangeOffsets = deltas + segments * 2;
      for (let segment = 0; segment < segments; segment += 1) {
        const end = table.readUInt16BE(ends + segment * 2);
        const start = table.readUInt16BE(starts + segment * 2);
        const delta = table.readInt16BE(deltas + segment * 2);
        const rangeOffset = table.readUInt16BE(rangeOffsets + segment * 2);
        for (let code = start; code <= end && code !== 0xffff; code += 1) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
          else {
            const at = rangeOffsets + segment * 2 + rangeOffset + (code - start) * 2;
            glyph = table.readUInt16BE(at);
            if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
          }
          if (glyph !== 0) points.add(code);
        }
      }
    } else if (format === 12) {
      const groups = table.readUInt32BE(12);
      for (let group = 0; group < groups; group += 1) {
        const at = 16 + group * 12;
        const start = table.readUInt32BE(at);
        const end = table.readUInt32BE(at + 4);
        const firstGlyph = table.readUInt32BE(at + 8);
        for (let code = start; code <= end; code += 1) if (firstGlyph + (code - start) !== 0) points.add(code);
      }
    }
  }
  return points;
}
