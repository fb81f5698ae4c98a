// `qrcode` ships no types for its renderers; this is the one the site calls directly.
declare module 'qrcode/lib/renderer/png.js' {
  import type { QRCode, QRCodeRenderersOptions } from 'qrcode';
  const pngRenderer: {
    renderToBuffer(qr: QRCode, options: QRCodeRenderersOptions, callback: (error: Error | null, buffer: Buffer) => void): void;
  };
  export default pngRenderer;
}
