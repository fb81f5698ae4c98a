/** PNG sizes served for download: for screens, and for print (flyers, posters). Apart from qr.ts so the route table reads them without loading the QR encoder. */
export const qrPngSizes = { screen: 360, print: 1024 } as const;
export type QrPngSize = keyof typeof qrPngSizes;

export function isQrPngSize(value: unknown): value is QrPngSize {
  return typeof value === 'string' && Object.hasOwn(qrPngSizes, value);
}
