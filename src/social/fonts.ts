/**
 * The fonts social cards are drawn with: Noto Sans for Latin text and Noto Sans SC for Chinese, both
 * from npm (`@fontsource/*`), never from the build machine. satori reads TTF, OTF and WOFF (not
 * WOFF2), so the WOFF files are used. Fontsource splits Noto Sans SC into about a hundred small
 * files by Unicode range. A card gets only the files that have a glyph for one of its characters
 * (from each file's cmap, read once per process): with all of them, the fonts satori parsed were
 * most of the memory of the build's card worker.
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

const loadedFonts = new Map<string, CardFont>();

/** One font file as satori takes it, read once: satori keeps what it parsed of a font by its `data`. */
function loadFont({ name, file }: { name: string; file: string }): CardFont {
  let font = loadedFonts.get(file);
  if (!font) {
    font = { name, file, data: woffToSfnt(readFileSync(file)), weight: CARD_FONT_WEIGHT, style: 'normal' as const };
    loadedFonts.set(file, font);
  }
  return font;
}

let all: CardFont[] | undefined;

/** Every card font (tests, benchmarks). The same array every time. */
export function cardFonts(): CardFont[] {
  return (all ??= cardFontFiles().map(loadFont));
}

let holders: Map<number, number[]> | undefined;

/**
 * For each code point some card font has a glyph for, the indexes (in cardFontFiles() order) of the
 * files that have it. Read from every file's cmap once; the files' data is not kept.
 */
function glyphHolders(): Map<number, number[]> {
  if (!holders) {
    holders = new Map();
    cardFontFiles().forEach(({ file }, index) => {
      const data = loadedFonts.get(file)?.data ?? woffToSfnt(readFileSync(file));
      for (const codePoint of cmapCodePoints(data)) {
        const list = holders!.get(codePoint);
        if (list) list.push(index);
        else holders!.set(codePoint, [index]);
      }
    });
  }
  return holders;
}

/** Every code point some card font has a glyph for, from the fonts' own cmap tables. */
export function coveredCodePoints(): Set<number> {
  return new Set(glyphHolders().keys());
}

/** Characters of `text` that no card font can draw (they would show as empty boxes, "tofu"). Spaces never count. */
export function uncoveredCharacters(text: string): string[] {
  const covered = glyphHolders();
  const missing = new Set<string>();
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (/\s/u.test(char)) continue;
    if (!covered.has(codePoint)) missing.add(char);
  }
  return [...missing];
}

/** The files of the families the card's style names (src/social/card.ts): satori looks in them first. */
const NAMED_FAMILIES = new Set(['Noto Sans', 'Noto Sans SC']);

/**
 * The font files (indexes in cardFontFiles() order) a card with `text` needs: the files of the
 * families the card names (whose metrics set its lines), and for each character none of them has,
 * every file that has it. satori draws a character with the first font (named families first, then
 * the list's order) that has its glyph, so a file left out could never be picked: the card is the
 * same picture as with every file (a unit test compares the bytes).
 */
export function cardFontIndexesFor(text: string): number[] {
  const named = cardFontFiles().flatMap((font, index) => (NAMED_FAMILIES.has(font.name) ? [index] : []));
  const needed = new Set(named);
  for (const char of new Set(text)) {
    const holding = glyphHolders().get(char.codePointAt(0) ?? 0) ?? [];
    if (!holding.some((index) => named.includes(index))) for (const index of holding) needed.add(index);
  }
  return [...needed].sort((a, b) => a - b);
}

let current: { indexes: Set<number>; fonts: CardFont[] } | undefined;

/**
 * The fonts to draw a card with `text`: the files it needs (cardFontIndexesFor) and those earlier
 * cards of this process needed, in cardFontFiles() order. The list only grows, and the same list
 * object comes back while it holds what a card needs: satori keeps its font set (and what it
 * measured with it) for an identical list, and sets up a new one, slowly, for any other.
 */
export function cardFontsFor(text: string): CardFont[] {
  const needed = cardFontIndexesFor(text);
  if (!current || needed.some((index) => !current!.indexes.has(index))) {
    const indexes = new Set([...(current?.indexes ?? []), ...needed]);
    const files = cardFontFiles();
    current = { indexes, fonts: [...indexes].sort((a, b) => a - b).map((index) => loadFont(files[index]!)) };
  }
  return current.fonts;
}

/** `U+4E2D` notation, for error messages. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
