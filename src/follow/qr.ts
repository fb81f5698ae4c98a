/**
 * QR codes rendered at build time with `qrcode`: error correction M, a 4-module quiet zone,
 * dark modules on a light background. Each distinct payload is encoded once per build (the
 * module matrix is memoised), and each (payload, output) pair is serialised once.
 */
import QRCode from 'qrcode';
// The PNG renderer `qrcode` uses itself, fed the memoised symbol so the payload is not encoded again.
import pngRenderer from 'qrcode/lib/renderer/png.js';

/** Error correction M recovers about 15% of a damaged code; H would be needed only under a logo. */
export const QR_ERROR_CORRECTION = 'M' as const;
/** The quiet zone the QR standard asks for, in modules. */
export const QR_MARGIN = 4;
export const QR_COLORS = { dark: '#000000ff', light: '#ffffffff' } as const;

/** PNG sizes served for download: for screens, and for print (flyers, posters). */
export const qrPngSizes = { screen: 360, print: 1024 } as const;
export type QrPngSize = keyof typeof qrPngSizes;

export function isQrPngSize(value: unknown): value is QrPngSize {
  return typeof value === 'string' && Object.hasOwn(qrPngSizes, value);
}

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

/** Width and height of the code in modules, quiet zone included. */
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
 * The code as an SVG string (`viewBox` in modules, no fixed size: CSS sizes it). Markup comes
 * from `qrcode`, never from page data, so pages may inline it.
 */
export function renderQrSvg(payload: string): string {
  const cached = svgs.get(payload);
  if (cached) return cached;
  const qr = qrFor(payload);
  const size = qr.modules.size;
  const total = size + 2 * QR_MARGIN;
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
      path += `M${start + QR_MARGIN} ${row + QR_MARGIN}h${col - start}v1h-${col - start}z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges">` +
    `<path fill="${QR_COLORS.light.slice(0, 7)}" d="M0 0h${total}v${total}H0z"/>` +
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
    const qr = qrFor(payload);
    png = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
      pngRenderer.renderToBuffer(qr, { margin: QR_MARGIN, scale, color: { ...QR_COLORS } }, (error, buffer) =>
        error ? reject(error) : resolve(new Uint8Array(buffer)),
      );
    });
    pngs.set(key, png);
  }
  return png;
}

/** The pixel width of the PNG `renderQrPng(payload, minWidth)` returns. */
export function qrPngWidth(payload: string, minWidth: number): number {
  return qrModuleCount(payload) * qrScaleFor(payload, minWidth);
}
