/**
 * Rendered cards kept by content, so that a build renders only the cards whose text changed. The
 * key covers everything a card shows plus CARD_DESIGN_VERSION; the folder lives in Astro's
 * cacheDir (node_modules/.astro by default), which survives `dist/` being wiped.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CARD_DESIGN_VERSION, renderSocialCard, type SocialCardContent } from './card.ts';

// Set by the social-cards integration (src/social/integration.ts) from Astro's `cacheDir`.
declare const __SOCIAL_CARD_CACHE_DIR__: string | undefined;

/** Where cards are cached: Astro's cacheDir when the build runs, else node_modules/.astro. */
export function defaultCardCacheDir(): string {
  return typeof __SOCIAL_CARD_CACHE_DIR__ === 'string'
    ? __SOCIAL_CARD_CACHE_DIR__
    : join(process.cwd(), 'node_modules', '.astro', 'social-cards');
}

/** The cache key of a card: a hash of its design version and every text it shows. */
export function cardCacheKey(content: SocialCardContent): string {
  const fields = [
    CARD_DESIGN_VERSION,
    content.locale,
    content.title,
    content.siteName,
    content.siteHost,
    content.kicker ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}

/**
 * How many cards this process rendered and how many it took from the cache. Kept on globalThis:
 * the endpoints run from Astro's bundled copy of this module, the integration from its own.
 */
export const cardCacheStats: CardCacheStats = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('syengage.socialCardStats')
] ??= {
  rendered: 0,
  cached: 0,
  used: new Map<string, Set<string>>(),
}) as CardCacheStats;

interface CardCacheStats {
  rendered: number;
  cached: number;
  /** Cache files this process used, per cache folder: the build removes the others afterwards. */
  used: Map<string, Set<string>>;
  /** Where cards were rendered, for the build log. */
  thread?: string;
}

/**
 * The card's PNG from the cache, or rendered (by `render`, default renderSocialCard) and stored.
 * A cache file is written under a temporary name and renamed, so a build stopped halfway never
 * leaves half a PNG to be served by the next one.
 */
export async function cachedSocialCard(
  content: SocialCardContent,
  {
    dir = defaultCardCacheDir(),
    render = renderSocialCard,
  }: { dir?: string; render?: (content: SocialCardContent) => Promise<Uint8Array> } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const name = `${cardCacheKey(content)}.png`;
  const file = join(dir, name);
  if (!cardCacheStats.used.has(dir)) cardCacheStats.used.set(dir, new Set());
  cardCacheStats.used.get(dir)!.add(name);
  try {
    const png = new Uint8Array(await readFile(file));
    cardCacheStats.cached += 1;
    // Mark it used now: pruning (below) goes by age, so a card every build uses never ages out.
    const now = new Date();
    await utimes(file, now, now).catch(() => {});
    return png;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const png = new Uint8Array(await render(content));
  cardCacheStats.rendered += 1;
  await mkdir(dir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, png);
  await rename(partial, file);
  return png;
}

/** How long a card no build used stays in the cache. */
export const CARD_CACHE_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Remove the cards of `dir` that this build did not use and no build has used for
 * CARD_CACHE_MAX_AGE_MS (titles since changed, posts removed), so the cache does not grow with
 * every edit. Age, not this build alone, decides: builds of other content may share the folder
 * (the content tests' copies link node_modules), and their fresh cards must survive.
 */
export async function pruneCardCache(dir: string, used: ReadonlySet<string>, now = Date.now()): Promise<number> {
  let removed = 0;
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return 0;
  }
  for (const file of files) {
    if (!file.endsWith('.png') || used.has(file)) continue;
    const modified = await stat(join(dir, file)).then(
      (info) => info.mtimeMs,
      () => now,
    );
    if (now - modified > CARD_CACHE_MAX_AGE_MS) {
      await rm(join(dir, file), { force: true });
      removed += 1;
    }
  }
  return removed;
}
