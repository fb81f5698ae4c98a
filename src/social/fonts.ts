/**
 * The fonts social cards are drawn with: Noto Sans for Latin text and Noto Sans SC for Chinese, both
 * from npm (`@fontsource/*`), never from the build machine. satori reads TTF, OTF and WOFF (not
 * WOFF2), so the WOFF files are used. Fontsource splits Noto Sans SC into about a hundred small
 * files by Unicode range; all of them are loaded, once per process, so any title finds its glyphs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cmapCodePoints, woffToSfnt } from './font-file.ts';

/** The weight every text on a card uses (one weight keeps the font load small). */
export const CARD_FONT_WEIGHT = 700;

/** One font file as satori takes it. */
export interface CardFont {
  /**
   * satori uses one font per family name and falls back to the other names glyph by glyph, so
   * every file gets a name of its own: "Noto Sans", "Noto Sans SC" (its Latin slice), "Noto Sans SC 12".
   */
  name: string;
  weight: typeof CARD_FONT_WEIGHT;
  style: 'normal';
  /** The font as SFNT (inflated from the package's WOFF file). */
  data: Buffer;
  /** The WOFF file it came from, for error messages and tests. */
  file: string;
}

const require = createRequire(import.meta.url);

function packageFiles(pkg: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'files');
}

/** Paths of the font files cards use: Latin (Noto Sans) first, then every Noto Sans SC slice. */
export function cardFontFiles(): { name: string; file: string }[] {
  const latinDir = packageFiles('@fontsource/noto-sans');
  const scDir = packageFiles('@fontsource/noto-sans-sc');
  const latin = ['latin', 'latin-ext'].map((subset) => ({
    name: subset === 'latin' ? 'Noto Sans' : `Noto Sans ${subset}`,
    file: join(latinDir, `noto-sans-${subset}-${CARD_FONT_WEIGHT}-normal.woff`),
  }));
  // Numbered slices ("noto-sans-sc-12-700-normal.woff") and the Latin subsets of Noto Sans SC, whose
  // Latin letters and full-width punctuation Chinese titles use.
  const slice = new RegExp(`^noto-sans-sc-(\\d+|latin|latin-ext)-${CARD_FONT_WEIGHT}-normal\\.woff$`);
  const sc = readdirSync(scDir)
    .map((file) => ({ file, subset: slice.exec(file)?.[1] }))
    .filter((entry): entry is { file: string; subset: string } => entry.subset !== undefined)
    .sort((a, b) => a.file.localeCompare(b.file, 'und', { numeric: true }))
    .map(({ file, subset }) => ({
      name: subset === 'latin' ? 'Noto Sans SC' : `Noto Sans SC ${subset}`,
      file: join(scDir, file),
    }));
  return [...latin, ...sc];
}

let loaded: CardFont[] | undefined;

/**
 * Every card font, read once. The same array is returned every time: satori parses a font list
 * once and reuses it for as long as it gets the identical array.
 */
export function cardFonts(): CardFont[] {
  loaded ??= cardFontFiles().map(({ name, file }) => ({
    name,
    file,
    data: woffToSfnt(readFileSync(file)),
    weight: CARD_FONT_WEIGHT,
    style: 'normal' as const,
  }));
  return loaded;
}

let coverage: Set<number> | undefined;

/** Every code point some card font has a glyph for, from the fonts' own cmap tables. */
export function coveredCodePoints(): Set<number> {
  if (!coverage) {
    coverage = new Set();
    for (const font of cardFonts()) for (const codePoint of cmapCodePoints(font.data)) coverage.add(codePoint);
  }
  return coverage;
}

/** Characters of `text` that no card font can draw (they would show as empty boxes, "tofu"). Spaces never count. */
export function uncoveredCharacters(text: string): string[] {
  const covered = coveredCodePoints();
  const missing = new Set<string>();
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (/\s/u.test(char)) continue;
    if (!covered.has(codePoint)) missing.add(char);
  }
  return [...missing];
}

/** `U+4E2D` notation, for error messages. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
