import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import {
  QR_MARGIN,
  QR_SVG_FILL,
  qrEncodeCount,
  qrModuleCount,
  qrPngSizes,
  qrPngWidth,
  renderQrPng,
  renderQrSvg,
} from '../../src/follow/qr.ts';
import { decodeQrPng, decodeQrSvg } from '../fixtures/qr-decode.ts';

const payloads = [
  'https://line.me/R/ti/p/%40syengage',
  'http://weixin.qq.com/r/mUzq8rbEY0u5rSyS9xa4',
  'https://www.syengage.com/zh-cn/blog/wechat-mobile-marketing-mayhem/?utm_source=wechat&utm_medium=qr&utm_campaign=wechat-mobile-marketing-mayhem',
];

describe('renderQrPng', () => {
  for (const payload of payloads) {
    it(`decodes back to exactly ${payload} at screen and print size`, async () => {
      const screen = decodeQrPng(await renderQrPng(payload, qrPngSizes.screen));
      expect(screen.text).toBe(payload);
      expect(screen.width).toBeGreaterThanOrEqual(360);
      expect(screen.width).toBeLessThan(360 + qrModuleCount(payload));
      const print = decodeQrPng(await renderQrPng(payload, qrPngSizes.print));
      expect(print.text).toBe(payload);
      expect(print.width).toBeGreaterThanOrEqual(1024);
      expect(print.width).toBe(qrPngWidth(payload, qrPngSizes.print));
    }, 30_000); // decoding a megapixel image with jsqr takes seconds on a busy shared machine
  }

  it('draws black modules on white with a 4-module quiet zone', async () => {
    const payload = payloads[0]!;
    const image = PNG.sync.read(Buffer.from(await renderQrPng(payload, qrPngSizes.screen)));
    const scale = image.width / qrModuleCount(payload);
    const pixel = (x: number, y: number) => [
      ...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3),
    ];
    // The quiet zone is white all round; the finder pattern's corner starts right after it.
    for (let i = 0; i < QR_MARGIN * scale; i += 1) {
      expect(pixel(i, i)).toEqual([255, 255, 255]);
      expect(pixel(image.width - 1 - i, image.height - 1 - i)).toEqual([255, 255, 255]);
    }
    expect(pixel(QR_MARGIN * scale, QR_MARGIN * scale)).toEqual([0, 0, 0]);
  });
});

describe('renderQrSvg', () => {
  for (const payload of payloads) {
    it(`paints a code that decodes back to exactly ${payload}`, () => {
      expect(decodeQrSvg(renderQrSvg(payload))).toBe(payload);
    });
  }

  it('is sized by CSS (viewBox only) and keeps at least the 4-module quiet zone', () => {
    const svg = renderQrSvg(payloads[0]!);
    expect(svg).not.toMatch(/\swidth=/);
    const [, margin] = /viewBox="-([\d.]+) /.exec(svg) ?? [];
    expect(Number(margin)).toBeGreaterThanOrEqual(QR_MARGIN);
    // The top-left finder pattern starts at module 0, right inside the quiet zone.
    expect(svg).toContain('M0 0h7');
  });

  it('gives every code the same symbol size in the same box, whatever its module count', () => {
    const shares = payloads.map((payload) => {
      const [, , total] = /viewBox="-([\d.]+) -\1 ([\d.]+) \2"/.exec(renderQrSvg(payload)) ?? [];
      // Symbol width in modules (PNG width minus its quiet zone) over the SVG's square.
      return (qrModuleCount(payload) - 2 * QR_MARGIN) / Number(total);
    });
    expect(new Set(payloads.map(qrModuleCount)).size).toBeGreaterThan(1);
    for (const share of shares) expect(share).toBeCloseTo(QR_SVG_FILL, 3);
  });
});

describe('rendering once per payload', () => {
  it('encodes each distinct payload once, however many SVGs and PNGs are asked for', async () => {
    const payload = `https://www.syengage.com/once/${Date.now()}/`;
    const before = qrEncodeCount();
    const first = renderQrSvg(payload);
    renderQrSvg(payload);
    await renderQrPng(payload, qrPngSizes.screen);
    await renderQrPng(payload, qrPngSizes.screen);
    await renderQrPng(payload, qrPngSizes.print);
    expect(qrEncodeCount() - before).toBe(1);
    expect(renderQrSvg(payload)).toBe(first);
    expect(await renderQrPng(payload, qrPngSizes.screen)).toBe(await renderQrPng(payload, qrPngSizes.screen));
  });

  it('refuses an empty payload', () => {
    expect(() => renderQrSvg('')).toThrow(/non-empty/);
  });
});
