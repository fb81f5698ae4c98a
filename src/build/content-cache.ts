/**
 * Build outputs kept by content in a folder of Astro's cacheDir (which survives `dist/` being
 * wiped): a file is named by a digest of everything it shows, so a build produces only the files
 * whose content it has not produced before. Used for social cards and the post QR codes.
 */
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

let temporaryCount = 0;

/**
 * The file `name` of `dir`, produced (and stored) by `produce` when it is not there. Written under
 * a temporary name and renamed, so a build stopped halfway never leaves half a file for the next.
 * A file found is touched: pruning goes by age, so a file every build uses never ages out.
 */
export async function cachedFile(
  dir: string,
  name: string,
  produce: () => Promise<Uint8Array>,
): Promise<{ file: string; produced: boolean }> {
  const file = join(dir, name);
  try {
    const now = new Date();
    await utimes(file, now, now);
    return { file, produced: false };
  } catch (error) {
    // A file this user may not touch (another user's cache) is still a file to use.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (await stat(file).catch(() => undefined)))
      return { file, produced: false };
  }
  const bytes = await produce();
  await mkdir(dir, { recursive: true });
  const partial = `${file}.${process.pid}-${(temporaryCount += 1)}.tmp`;
  await writeFile(partial, bytes);
  await rename(partial, file);
  return { file, produced: true };
}

/** How long a file no build used stays in a cache folder. */
export const CACHE_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Remove the `.png` files of `dir` that this build did not use and no build has used for `maxAge`
 * (titles since changed, posts removed), so the cache does not grow with every edit. Age, not this
 * build alone, decides: builds of other content may share the folder (the content tests' copies
 * link node_modules), and their fresh files must survive.
 */
export async function pruneCache(
  dir: string,
  used: ReadonlySet<string>,
  now = Date.now(),
  maxAge = CACHE_MAX_AGE_MS,
): Promise<number> {
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
    if (now - modified > maxAge) {
      await rm(join(dir, file), { force: true });
      removed += 1;
    }
  }
  return removed;
}
