/**
 * Social cards: the 1200×630 PNG that LINE, X, Facebook, Slack and Telegram show for a shared link
 * (`og:image`). satori lays the card out (with proper line breaking for Chinese) and turns its text
 * into outlines with the npm fonts of ./fonts.ts; sharp (libvips) rasterises the SVG to PNG. sharp
 * took about 28% less CPU per card than resvg on the same SVG (`npm run bench:cards`,
 * docs/performance.md), and Astro already depends on it.
 */
import satori from 'satori';
import sharp from 'sharp';
import { locales, type Locale } from '../i18n/locales.ts';
import { cardFontsFor, codePointLabel, uncoveredCharacters } from './fonts.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './size.ts';

export { CARD_HEIGHT, CARD_WIDTH };

/**
 * Bump when the card's look changes (layout, colours, fonts, sizes, rasteriser): it is part of every cache key,
 * so the next build renders every card again instead of serving old pictures.
 */
export const CARD_DESIGN_VERSION = 2;

/** The site's colours (src/styles/global.css, :root). */
export const cardColors = {
  text: '#1d2330',
  muted: '#4d5566',
  background: '#ffffff',
  surface: '#f3f5f8',
  brand: '#0b6b53',
  brandDark: '#084d3c',
} as const;

/** Everything a card shows; the same content always gives the same picture. */
export interface SocialCardContent {
  /** The headline: a post's title, or the site's tagline on default cards. */
  title: string;
  locale: Locale;
  /** The site's name, shown as the card's signature. */
  siteName: string;
  /** The site's host name ("www.syengage.com"), shown small. */
  siteHost: string;
  /** A short label above the title ("Blog" / "博客"); none on default cards. */
  kicker?: string | undefined;
}

/**
 * The title's font size in pixels: as large as fits in three lines (four at the smallest size).
 * A Han character is about one em wide, a Latin letter about half; the estimate errs towards fitting.
 */
export function titleFontSize(title: string): number {
  const lineWidth = CARD_WIDTH - 2 * 80;
  let ems = 0;
  for (const char of title)
    ems += /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u.test(
      char,
    )
      ? 1
      : 0.56;
  for (const size of [76, 68, 60]) {
    if (Math.ceil((ems * size) / (lineWidth * 0.92)) <= 3) return size;
  }
  return 52;
}

type Node = { type: string; props: Record<string, unknown> & { style?: Record<string, unknown>; children?: unknown } };

const h = (
  type: string,
  style: Record<string, unknown>,
  children?: unknown,
  props: Record<string, unknown> = {},
): Node => ({
  type,
  props: { ...props, style, children },
});

/** The card as satori's element tree. */
export function cardElement(content: SocialCardContent): Node {
  const chinese = locales[content.locale].writing === 'cjk';
  const size = titleFontSize(content.title);
  return h(
    'div',
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      background: cardColors.background,
      color: cardColors.text,
      // Latin titles take Noto Sans; Chinese ones Noto Sans SC, whose full-width punctuation they expect.
      fontFamily: chinese ? '"Noto Sans SC", "Noto Sans"' : '"Noto Sans", "Noto Sans SC"',
    },
    [
      h('div', { display: 'flex', height: 18, background: cardColors.brand }),
      h(
        'div',
        {
          display: 'flex',
          flexDirection: 'column',
          flexGrow: 1,
          padding: '52px 80px 44px',
          justifyContent: 'space-between',
        },
        [
          h('div', { display: 'flex', alignItems: 'center', fontSize: 34, color: cardColors.brandDark }, [
            h('div', {
              display: 'flex',
              width: 22,
              height: 44,
              marginRight: 18,
              borderRadius: 4,
              background: cardColors.brand,
            }),
            content.siteName,
            ...(content.kicker
              ? [
                  h(
                    'div',
                    {
                      display: 'flex',
                      marginLeft: 20,
                      paddingLeft: 20,
                      borderLeft: `3px solid ${cardColors.surface}`,
                      color: cardColors.muted,
                      fontSize: 30,
                    },
                    content.kicker,
                  ),
                ]
              : []),
          ]),
          h(
            'div',
            {
              display: 'block',
              fontSize: size,
              lineHeight: chinese ? 1.35 : 1.2,
              letterSpacing: chinese ? 1 : -0.5,
              lineClamp: 4,
              overflow: 'hidden',
            },
            content.title,
            { lang: locales[content.locale].lang },
          ),
          h('div', { display: 'flex', fontSize: 26, color: cardColors.muted }, content.siteHost),
        ],
      ),
      h('div', { display: 'flex', height: 10, background: cardColors.brandDark }),
    ],
  );
}

/** Characters of the card's text that no card font covers; an empty list means no tofu. */
export function uncoveredCardCharacters(content: SocialCardContent): string[] {
  return uncoveredCharacters(cardText(content));
}

/** Every text the card shows, in one string. */
const cardText = (content: SocialCardContent) =>
  [content.title, content.siteName, content.siteHost, content.kicker ?? ''].join(' ');

/** The card as SVG (text as outlines, so the rasteriser needs no fonts). Fails on a character no font covers. */
export async function renderSocialCardSvg(content: SocialCardContent): Promise<string> {
  const missing = uncoveredCardCharacters(content);
  if (missing.length > 0) {
    throw new Error(
      `Social card for "${content.title}" (${content.locale}): no card font has ${missing.map((char) => `"${char}" (${codePointLabel(char)})`).join(', ')}. ` +
        'Use another character or add a font that covers it in src/social/fonts.ts.',
    );
  }
  // satori's types expect React elements; its runtime takes these plain objects (type + props).
  return satori(cardElement(content) as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    // Only the font files that hold the card's characters: the picture is the same, the memory far smaller.
    fonts: cardFontsFor(cardText(content)),
  });
}

/** The card as a 1200×630 PNG. */
export async function renderSocialCard(content: SocialCardContent): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await renderSocialCardSvg(content);
  // The text is already outlines, so the rasteriser needs no fonts: the build machine's never matter.
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return new Uint8Array(png);
}
