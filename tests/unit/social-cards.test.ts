import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import opentype from 'opentype.js';
import { PNG } from 'pngjs';
import { parse as parseYaml } from 'yaml';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  cardColors,
  renderSocialCard,
  renderSocialCardSvg,
  titleFontSize,
  type SocialCardContent,
} from '../../src/social/card.ts';
import { CARD_CACHE_MAX_AGE_MS, cachedSocialCard, cardCacheKey, pruneCardCache } from '../../src/social/cache.ts';
import { CardWorkerPool } from '../../src/social/card-pool.ts';
import { defaultCardContent, postCardContent } from '../../src/social/content.ts';
import { cardFontIndexesFor, cardFonts, cardFontsFor, uncoveredCharacters } from '../../src/social/fonts.ts';
import satori from 'satori';
import sharp from 'sharp';
import { cardElement } from '../../src/social/card.ts';
import { renderQrPng } from '../../src/follow/qr.ts';
import { decodeQrPng } from '../fixtures/qr-decode.ts';
import { cmapCodePoints, woffToSfnt } from '../../src/social/font-file.ts';
import { localeKeys, type Locale } from '../../src/i18n/locales.ts';

const contentDir = join(import.meta.dirname, '..', '..', 'content', 'posts');

/** Every post title in content/posts, with its locale (read from the frontmatter, drafts included). */
function postTitles(): { locale: Locale; file: string; title: string }[] {
  return localeKeys.flatMap((locale) =>
    readdirSync(join(contentDir, locale))
      .filter((file) => /\.mdx?$/.test(file))
      .map((file) => {
        const text = readFileSync(join(contentDir, locale, file), 'utf8');
        const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
        return {
          locale,
          file: `${locale}/${file}`,
          title: String((parseYaml(frontmatter) as { title: unknown }).title),
        };
      }),
  );
}

/** Every code point mapped to a real glyph by some card font's cmap table. */
const covered = new Set(cardFonts().flatMap((font) => [...cmapCodePoints(font.data)]));

function tofu(text: string): string[] {
  return [...new Set([...text].filter((char) => !/\s/u.test(char) && !covered.has(char.codePointAt(0)!)))];
}

describe('card fonts cover every title (no tofu)', { timeout: 60_000 }, () => {
  const cards: { where: string; card: SocialCardContent }[] = [
    ...postTitles().map(({ locale, file, title }) => ({ where: file, card: postCardContent(locale, title) })),
    ...localeKeys.map((locale) => ({ where: `default card (${locale})`, card: defaultCardContent(locale) })),
  ];

  it('reads the titles of the posts in both languages', () => {
    expect(cards.filter(({ card }) => card.locale === 'en').length).toBeGreaterThanOrEqual(3);
    expect(cards.filter(({ card }) => card.locale === 'zh-cn').length).toBeGreaterThanOrEqual(3);
    expect(cards.some(({ card }) => /\p{Script=Han}/u.test(card.title))).toBe(true);
  });

  for (const { where, card } of cards) {
    it(`${where}: every character of the card has a glyph in a card font's cmap`, () => {
      const text = [card.title, card.siteName, card.siteHost, card.kicker ?? ''].join(' ');
      expect(tofu(text)).toEqual([]);
      expect(uncoveredCharacters(text)).toEqual([]);
    });
  }

  it('reads the cmap as opentype.js (the parser satori draws with) does', () => {
    // A sample of the fonts (Latin, Latin of SC, numbered SC slices): parsing all ~100 takes seconds.
    for (const entry of cardFonts().filter((_, index) => index % 12 === 0)) {
      const font = opentype.parse(
        entry.data.buffer.slice(entry.data.byteOffset, entry.data.byteOffset + entry.data.byteLength),
      );
      const points = cmapCodePoints(entry.data);
      const expected = Object.entries(
        (font.tables['cmap'] as unknown as { glyphIndexMap: Record<string, number> }).glyphIndexMap,
      )
        .filter(([, glyph]) => glyph > 0)
        .map(([code]) => Number(code));
      expect([...points].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    }
  });

  it('finds characters no font has, and the renderer refuses them with the character named', async () => {
    const hieroglyph = '\u{13000}';
    expect(tofu(hieroglyph)).toEqual([hieroglyph]);
    expect(uncoveredCharacters(`微信 ${hieroglyph}`)).toEqual([hieroglyph]);
    await expect(renderSocialCardSvg({ ...defaultCardContent('zh-cn'), title: `微信 ${hieroglyph}` })).rejects.toThrow(
      /U\+13000/,
    );
  });

  it('rejects a file that is not WOFF', () => {
    expect(() => woffToSfnt(new Uint8Array(64))).toThrow(/not a WOFF/);
  });
});

// Rendering loads ~100 font files once and then takes well under a second a card; a machine busy with
// other builds can take several times that, hence the generous limits.
describe('renderSocialCard', { timeout: 60_000 }, () => {
  const pixels = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));
  const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

  for (const locale of localeKeys) {
    it(`draws a ${CARD_WIDTH}×${CARD_HEIGHT} PNG in the site's colours with the title in ink (${locale})`, async () => {
      const image = pixels(
        await renderSocialCard(
          postCardContent(locale, locale === 'en' ? 'We Chat: Mobile Marketing Mayhem?' : '微信：移动营销乱象？'),
        ),
      );
      expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
      const at = (x: number, y: number) =>
        hex(
          ...([...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)] as [
            number,
            number,
            number,
          ]),
        );
      expect(at(600, 5)).toBe(cardColors.brand); // top band
      expect(at(600, 600)).toBe(cardColors.background);
      // The title band holds text: pixels in the text colour, not an empty card.
      let ink = 0;
      for (let y = 180; y < 480; y += 2) for (let x = 80; x < 1120; x += 2) if (at(x, y) === cardColors.text) ink += 1;
      expect(ink).toBeGreaterThan(2000);
    });
  }

  it('draws each Han character with its own glyph (a font list satori cannot use would draw the same box for all)', async () => {
    const svgOf = (title: string) => renderSocialCardSvg({ ...defaultCardContent('zh-cn'), title });
    const [wei, xin, ascii] = await Promise.all([svgOf('微'), svgOf('信'), svgOf('W')]);
    expect(wei).not.toBe(xin);
    expect(wei).not.toBe(ascii);
  });

  it('sizes long titles down, short titles up', () => {
    expect(titleFontSize('LINE for brands')).toBe(76);
    expect(
      titleFontSize(
        'A very long title that goes on and on about LINE official accounts, rich menus, broadcast messages and more',
      ),
    ).toBeLessThan(68);
    expect(titleFontSize('微信'.repeat(40))).toBe(52);
  });
});

describe('card cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'syengage-cards-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders a card once per content: the same title again comes from the cache, a changed title renders', async () => {
    let renders = 0;
    const render = async (card: SocialCardContent) => {
      renders += 1;
      return new TextEncoder().encode(`png of ${card.title}`);
    };
    const card = postCardContent('zh-cn', '微信：移动营销乱象？');
    const first = await cachedSocialCard(card, { dir, render });
    const again = await cachedSocialCard({ ...card }, { dir, render });
    expect(renders).toBe(1);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    await cachedSocialCard({ ...card, title: '微信：下一个大事件？' }, { dir, render });
    expect(renders).toBe(2);
    // A leftover temporary file from an interrupted write is never what the cache serves.
    expect(readdirSync(dir).filter((file) => !file.endsWith('.png'))).toEqual([]);
  });

  it('prunes cards no build has used for two weeks, and keeps recent ones another build may need', async () => {
    const render = async () => new Uint8Array([1, 2, 3]);
    const kept = postCardContent('en', 'Kept');
    const gone = postCardContent('en', 'Renamed since');
    await cachedSocialCard(kept, { dir, render });
    await cachedSocialCard(gone, { dir, render });
    const used = new Set([`${cardCacheKey(kept)}.png`]);
    expect(await pruneCardCache(dir, used)).toBe(0);
    expect(readdirSync(dir)).toContain(`${cardCacheKey(gone)}.png`);
    expect(await pruneCardCache(dir, used, Date.now() + CARD_CACHE_MAX_AGE_MS + 60_000)).toBeGreaterThanOrEqual(1);
    expect(readdirSync(dir)).toEqual([`${cardCacheKey(kept)}.png`]);
  });

  it('keys by title, language and every text on the card', () => {
    const card = postCardContent('en', 'LINE for brands');
    expect(cardCacheKey(card)).toBe(cardCacheKey({ ...card }));
    expect(cardCacheKey({ ...card, title: 'LINE for brands!' })).not.toBe(cardCacheKey(card));
    expect(cardCacheKey({ ...card, locale: 'zh-cn' })).not.toBe(cardCacheKey(card));
    expect(cardCacheKey({ ...card, kicker: undefined })).not.toBe(cardCacheKey(card));
  });
});

describe('CardWorkerPool', { timeout: 60_000 }, () => {
  it('renders cards in a worker thread and reports a card it cannot draw as an error', async () => {
    const pool = new CardWorkerPool(join(import.meta.dirname, '..', '..', 'src', 'social', 'card-worker.ts'));
    try {
      const [png, refused] = await Promise.allSettled([
        pool.render(postCardContent('zh-cn', '为品牌网站设计微信与 LINE 关注流程')),
        pool.render({ ...defaultCardContent('en'), title: 'Hieroglyph \u{13000}' }),
      ]);
      expect(png.status).toBe('fulfilled');
      const image = PNG.sync.read(Buffer.from((png as PromiseFulfilledResult<Uint8Array>).value));
      expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
      expect(refused.status).toBe('rejected');
      expect(String((refused as PromiseRejectedResult).reason)).toMatch(/U\+13000/);
    } finally {
      await pool.close();
    }
  });
});

describe('the fonts a card loads', { timeout: 120_000 }, () => {
  const text = (card: SocialCardContent) => [card.title, card.siteName, card.siteHost, card.kicker ?? ''].join(' ');
  const draw = async (card: SocialCardContent, fonts: ReturnType<typeof cardFonts>) =>
    sharp(
      Buffer.from(
        await satori(cardElement(card) as unknown as Parameters<typeof satori>[0], {
          width: CARD_WIDTH,
          height: CARD_HEIGHT,
          fonts,
        }),
      ),
    )
      .png()
      .toBuffer();

  it('draws every card byte for byte as with every font file', async () => {
    const cards = [
      ...postTitles().map(({ locale, title }) => postCardContent(locale, title)),
      ...localeKeys.map(defaultCardContent),
      // Characters some slices have outside their own unicode-range, and Latin Extended in both languages.
      postCardContent('zh-cn', '〈测试〉＞ ≥ ≤ ＜ ∋ ≅：café “引号”'),
      postCardContent('en', 'Ünïcödé ＞ ≥ 〈x〉 Ä ß œ ŋ – … with 中文'),
    ];
    for (const card of cards)
      expect((await draw(card, cardFontsFor(text(card)))).equals(await draw(card, cardFonts())), card.title).toBe(true);
  });

  it('leaves out the files a card has no character of', () => {
    expect(cardFontIndexesFor('LINE for brands syENGAGE www.syengage.com Blog')).toHaveLength(2);
    const chinese = cardFontIndexesFor('为品牌网站设计微信与 LINE 关注流程 syENGAGE 博客');
    expect(chinese.length).toBeGreaterThan(2);
    expect(chinese.length).toBeLessThan(cardFonts().length / 5);
    // What this process draws with holds every file the card needs, in the same order as the full list.
    const drawn = cardFontsFor('为品牌网站设计微信与 LINE 关注流程 syENGAGE 博客').map((font) => font.file);
    expect(drawn).toEqual(expect.arrayContaining(chinese.map((index) => cardFonts()[index]!.file)));
    expect(drawn).toEqual(
      cardFonts()
        .map((font) => font.file)
        .filter((file) => drawn.includes(file)),
    );
  });
});

describe('CardWorkerPool jobs', { timeout: 60_000 }, () => {
  it('encodes QR codes in the worker, the same bytes as on this thread, and ends the worker when idle', async () => {
    const pool = new CardWorkerPool(join(import.meta.dirname, '..', '..', 'src', 'social', 'card-worker.ts'));
    try {
      const payload = 'https://www.syengage.com/q/line-for-brands-zh-cn';
      const png = await pool.renderQr(payload, 360);
      expect(decodeQrPng(png).text).toBe(payload);
      expect(Buffer.from(png).equals(Buffer.from(await renderQrPng(payload, 360)))).toBe(true);
      expect(pool.started).toBe(1);
      // The worker ended with its last job: the next one starts another.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(decodeQrPng(await pool.renderQr('https://www.syengage.com/q/line', 360)).text).toBe(
        'https://www.syengage.com/q/line',
      );
      expect(pool.started).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
