import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeAttribute, distDir, distFiles, pathOfFile, readDist, requireBuild } from './dist-files.ts';
import { decodeQrPng, decodeQrSvg } from '../fixtures/qr-decode.ts';
import { followChannels } from '../../src/follow/channels.ts';
import { followCodePayload, postCodeName, scanUrl } from '../../src/codes/code-table.ts';
import { localeFromPath } from '../../src/routes/table.ts';
import { siteConfig } from '../../src/site.config.ts';

beforeAll(requireBuild);

const readPng = (file: string) => new Uint8Array(readFileSync(join(distDir, file)));

/** The URL a built post page's share code should encode: the scan URL named after its translation key (and locale). */
function expectedShareUrl(postFile: string): string {
  const key = /data-translation-key="([^"]+)"/.exec(readDist(postFile))?.[1];
  if (!key) throw new Error(`${postFile} has no data-translation-key`);
  return scanUrl(siteConfig.siteUrl, postCodeName(localeFromPath(pathOfFile(postFile)), key));
}
/** What a channel's follow code encodes: WeChat's own URL, LINE's scan URL. */
const followPayload = (channel: (typeof followChannels)[number]) =>
  followCodePayload(channel, siteConfig.follow, siteConfig.siteUrl);

const postPages = () => distFiles('.html').filter((file) => /(^|\/)blog\/[^/]+\/index\.html$/.test(file));

describe('follow QR code PNGs', () => {
  for (const channel of followChannels) {
    it(`${channel}: screen and print PNGs decode to exactly the follow code's payload`, () => {
      const payload = followPayload(channel);
      const screen = decodeQrPng(readPng(`follow/qr/${channel}-screen.png`));
      expect(screen.text).toBe(payload);
      expect(screen.width).toBeGreaterThanOrEqual(360);
      const print = decodeQrPng(readPng(`follow/qr/${channel}-print.png`));
      expect(print.text).toBe(payload);
      expect(print.width).toBeGreaterThanOrEqual(1024);
    });
  }
});

describe('share QR code PNGs', () => {
  it('every post has one next to it, decoding to its own scan URL', () => {
    const posts = postPages();
    expect(posts.length).toBeGreaterThanOrEqual(6);
    for (const post of posts) {
      const png = post.replace(/index\.html$/, 'qr.png');
      expect(decodeQrPng(readPng(png)).text, png).toBe(expectedShareUrl(post));
      expect(readDist(post), post).toContain(`href="${pathOfFile(post)}qr.png"`);
    }
  });
});

describe('inline SVG QR codes', () => {
  /** Every inline code of a page: its declared payload and its SVG markup. */
  const inlineCodes = (html: string) =>
    [
      ...html.matchAll(
        /<span [^>]*role="img" aria-label="([^"]+)"[^>]*data-qr-payload="([^"]+)"[^>]*>(<svg[\s\S]*?<\/svg>)/g,
      ),
    ].map(([, label, payload, svg]) => ({
      label: decodeAttribute(label!),
      payload: decodeAttribute(payload!),
      svg: svg!,
    }));

  it('the follow pages show both channels, each SVG decoding to exactly its follow URL', () => {
    for (const file of ['follow/index.html', 'zh-cn/follow/index.html']) {
      const codes = inlineCodes(readDist(file));
      expect(
        codes.map((code) => code.payload),
        file,
      ).toEqual(followChannels.map(followPayload));
      for (const code of codes) expect(decodeQrSvg(code.svg), `${file}: ${code.label}`).toBe(code.payload);
    }
  });

  it('every post carries a share code of its own URL, and every <AddUs> code decodes to its follow URL', () => {
    const followUrls = followChannels.map(followPayload);
    for (const file of postPages()) {
      const codes = inlineCodes(readDist(file));
      expect(
        codes.map((code) => code.payload),
        file,
      ).toContain(expectedShareUrl(file));
      for (const code of codes) {
        expect([...followUrls, expectedShareUrl(file)], file).toContain(code.payload);
        expect(decodeQrSvg(code.svg), `${file}: ${code.label}`).toBe(code.payload);
      }
    }
  });

  it('names what each code opens and shows the ID or URL as text beside it', () => {
    const en = readDist('follow/index.html');
    expect(inlineCodes(en).map((code) => code.label)).toEqual([
      'QR code: opens syENGAGE on WeChat',
      'QR code: opens syENGAGE on LINE',
    ]);
    expect(en).toContain(`>${siteConfig.follow.wechat.id}</code>`);
    expect(en).toContain(`>${siteConfig.follow.line.account}</code>`);
    const zh = readDist('zh-cn/follow/index.html');
    expect(inlineCodes(zh).map((code) => code.label)).toEqual([
      '二维码：在微信中打开 syENGAGE',
      '二维码：在 LINE 中打开 syENGAGE',
    ]);
  });
});
