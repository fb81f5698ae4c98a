/**
 * QR codes rendered at build time with `qrcode`: error correction M, a 4-module quiet zone,
 * dark modules on a light background. Each distinct payload is encoded once per build (the
 * module matrix is memoised), and each (payload, output) pair is serialised once.
 */
import QRCode from 'qrcode';
// PNGs are written from the memoised symbol as 1-bit images (black on white, as QR_COLORS).
import { encodeQrPng } from './qr-png.ts';

/** Error correction M recovers about 15% of a damaged code; H would be needed only under a logo. */
export const QR_ERROR_CORRECTION = 'M' as const;
/** The quiet zone the QR standard asks for, in modules. */
export const QR_MARGIN = 4;
export const QR_COLORS = { dark: '#000000ff', light: '#ffffffff' } as const;

/**
 * The share of an inline SVG's square that the symbol (the modules, quiet zone excluded) fills.
 * Fixed, so codes of different module counts render their symbols at the same size in the same
 * CSS box. 0.72 leaves at least the 4-module quiet zone around the smallest code (21 modules:
 * 21 / 0.72 = 29.2 = 21 + 2 × 4.1); larger codes get a wider one.
 */
export const QR_SVG_FILL = 0.72;

export { isQrPngSize, qrPngSizes, type QrPngSize } from './qr-sizes.ts';

const matrices = new Map<string, QRCode.QRCode>();
const svgs = new Map<string, string>();
const pngs = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
let encodeCount = 0;

/** The QR symbol for `payload`, encoded once per process. */
function qrFor(payload: string): QRCode.QRCode {
  if (!payload) throw new Error('A QR code needs a non-empty payload');
  let qr = matrices.get(payload);
  if (!qr) {
    qr = QRCode.create(payload, { errorCorrectionLevel: QR_ERROR_CORRECTION });
    matrices.set(payload, qr);
    encodeCount += 1;
  }
  return qr;
}

/** Forget every rendered code, so a benchmark can time cold renders again. */
export function clearQrCache(): void {
  matrices.clear();
  svgs.clear();
  pngs.clear();
}

/** How many distinct payloads this process has encoded (for the benchmark and the tests). */
export function qrEncodeCount(): number {
  return encodeCount;
}

/** Width and height of the PNG code in modules, its 4-module quiet zone included. */
export function qrModuleCount(payload: string): number {
  return qrFor(payload).modules.size + 2 * QR_MARGIN;
}

/**
 * Integer pixels per module for a PNG at least `minWidth` wide: whole pixels keep every module
 * the same size, which scanners like better than a resampled image.
 */
export function qrScaleFor(payload: string, minWidth: number): number {
  return Math.ceil(minWidth / qrModuleCount(payload));
}

/**
 * The code as an SVG string (`viewBox` only, no fixed size: CSS sizes it). Module coordinates
 * are whole numbers from 0; the viewBox reaches out by the quiet zone, at least `QR_MARGIN`
 * modules and wide enough that the symbol fills `QR_SVG_FILL` of the square. Markup comes from
 * `qrcode`, never from page data, so pages may inline it.
 */
export function renderQrSvg(payload: string): string {
  const cached = svgs.get(payload);
  if (cached) return cached;
  const qr = qrFor(payload);
  const size = qr.modules.size;
  // Rounded up to a thousandth, so the quiet zone is never narrower than asked.
  const margin = Math.ceil(Math.max(QR_MARGIN, (size * (1 / QR_SVG_FILL - 1)) / 2) * 1000) / 1000;
  const total = Number((size + 2 * margin).toFixed(3));
  // One path of 1×1 squares per dark module run: what `qrcode` draws, without its stroke
  // half-offsets, so every renderer paints whole modules.
  let path = '';
  for (let row = 0; row < size; row += 1) {
    let col = 0;
    while (col < size) {
      if (!qr.modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < size && qr.modules.get(row, col)) col += 1;
      path += `M${start} ${row}h${col - start}v1h-${col - start}z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-${margin} -${margin} ${total} ${total}" shape-rendering="crispEdges">` +
    `<path fill="${QR_COLORS.light.slice(0, 7)}" d="M-${margin} -${margin}h${total}v${total}h-${total}z"/>` +
    `<path fill="${QR_COLORS.dark.slice(0, 7)}" d="${path}"/></svg>`;
  svgs.set(payload, svg);
  return svg;
}

/** The code as a PNG at least `minWidth` pixels wide (whole pixels per module). */
export function renderQrPng(payload: string, minWidth: number): Promise<Uint8Array<ArrayBuffer>> {
  const scale = qrScaleFor(payload, minWidth);
  const key = `${scale}\u0000${payload}`;
  let png = pngs.get(key);
  if (!png) {
    png = Promise.resolve(encodeQrPng(qrFor(payload).modules, QR_MARGIN, scale));
    pngs.set(key, png);
  }
  return png;
}

/** The pixel width of the PNG `renderQrPng(payload, minWidth)` returns. */
export function qrPngWidth(payload: string, minWidth: number): number {
  return qrModuleCount(payload) * qrScaleFor(payload, minWidth);
}
