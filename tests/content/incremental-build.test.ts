import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, projectRoot, runAstro } from './site-copy.ts';

/**
 * Astro's incremental build (cacheKeys from src/blog/cache-key.ts, the post-build pass of
 * src/build/post-build.ts) against a cold build of the same sources, on a small generated set.
 * Nothing in dist/ depends on the time of the build, so the two trees must be equal byte for byte.
 */

const POSTS = 5; // per language, plus the site's own three
const EDITED = 'post-0003'; // gets a new title and a new sentence
const TRANSLATED = 'post-0005'; // English only at first; its Chinese translation arrives with the edit
const NEW_TITLE = 'A renamed post about incremental builds';
const DELETED = 'post-0002'; // removed in both languages after the edit

function generatePosts(site: string) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'bench', 'vendor', 'gen-posts.mjs'), join(site, 'content', 'posts'), String(POSTS)], {
    env: { ...process.env, GEN_IMPORT: '', GEN_ATTRS: 'type="tip" title="Tip"' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  const tags = readFileSync(join(site, 'content', 'tags.yml'), 'utf8');
  const known = new Set([...tags.matchAll(/^([a-z0-9-]+):/gm)].map((match) => match[1]));
  const used = new Set(
    readdirSync(join(site, 'content', 'posts', 'en'))
      .filter((file) => file.startsWith('post-'))
      .flatMap((file) => JSON.parse(/^tags: (.*)$/m.exec(readFileSync(join(site, 'content', 'posts', 'en', file), 'utf8'))?.[1] ?? '[]') as string[]),
  );
  const extra = [...used].filter((tag) => !known.has(tag)).map((tag) => `${tag}:\n  en: ${tag}\n  zh-cn: 标签${tag}\n`);
  writeFileSync(join(site, 'content', 'tags.yml'), `${tags.trimEnd()}\n${extra.join('')}`);
}

/** Every file of a built site with a digest of its bytes. */
function snapshot(dist: string): Map<string, string> {
  const files = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files
      .map((entry) => join(entry.parentPath, entry.name))
      .map((path) => [path.slice(dist.length + 1), createHash('sha256').update(readFileSync(path)).digest('hex')] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function build(dir: string): string {
  const { status, output } = runAstro(dir, ['build']);
  if (status !== 0) throw new Error(`build failed:\n${output.slice(-3000)}`);
  return output;
}

/** Pages Astro copied from its cache rather than rendered, from the build log. */
const reusedCount = (log: string) => (log.match(/\((?:cached|restored)\)/g) ?? []).length;
const renderedCount = (log: string) => (log.match(/\(\+\d+(?:\.\d+)?m?s\)/g) ?? []).length;
/** Built pages the search step read from disk (src/build/post-build.ts), from the build log. */
const pagesRead = (log: string) => Number(/; (\d+) built pages read from disk/.exec(log)?.[1] ?? NaN);

describe('incremental build', () => {
  let site: ReturnType<typeof copyProject>;
  let fresh: ReturnType<typeof copyProject>;
  let before: Map<string, string>;
  let after: Map<string, string>;
  let cold: Map<string, string>;
  let incrementalLog: string;
  let unchangedLog: string;
  let afterUnchanged: Map<string, string>;
  let translation: string;
  let deletedLog: string;
  let afterDeleted: Map<string, string>;
  let coldDeleted: Map<string, string>;
  const afterDist = () => join(site.dir, 'dist-after-edit');

  beforeAll(() => {
    site = copyProject();
    fresh = copyProject();
    generatePosts(site.dir);
    const zhPath = join(site.dir, 'content', 'posts', 'zh-cn', `${TRANSLATED}.mdx`);
    translation = readFileSync(zhPath, 'utf8');
    unlinkSync(zhPath);
    build(site.dir);
    before = snapshot(join(site.dir, 'dist'));

    // The edit: a new title and a sentence for one post, and the Chinese translation of another.
    const edited = join(site.dir, 'content', 'posts', 'en', `${EDITED}.mdx`);
    writeFileSync(edited, `${readFileSync(edited, 'utf8').replace(/^title: .*$/m, `title: "${NEW_TITLE}"`)}\nOne more sentence.\n`);
    writeFileSync(zhPath, translation);
    incrementalLog = build(site.dir);
    after = snapshot(join(site.dir, 'dist'));
    unchangedLog = build(site.dir);
    afterUnchanged = snapshot(join(site.dir, 'dist'));
    // The tests below read these pages; the site's dist/ changes with the deletion further down.
    cpSync(join(site.dir, 'dist'), afterDist(), { recursive: true });

    // The same sources, built in a folder that never built before.
    rmSync(join(fresh.dir, 'content'), { recursive: true, force: true });
    cpSync(join(site.dir, 'content'), join(fresh.dir, 'content'), { recursive: true });
    build(fresh.dir);
    cold = snapshot(join(fresh.dir, 'dist'));

    // A post deleted in both languages, built with a damaged list of last build's indexed pages
    // (src/build/indexed-manifest.ts): the search step must read the restored pages instead.
    for (const lang of ['en', 'zh-cn']) unlinkSync(join(site.dir, 'content', 'posts', lang, `${DELETED}.mdx`));
    writeFileSync(join(site.dir, 'node_modules', '.astro', 'syengage', 'indexed-pages.json'), '{"version":1,');
    deletedLog = build(site.dir);
    afterDeleted = snapshot(join(site.dir, 'dist'));
    // …against a cold build of those sources.
    for (const path of ['dist', '.astro', join('node_modules', '.astro'), join('node_modules', '.vite')])
      rmSync(join(fresh.dir, path), { recursive: true, force: true });
    rmSync(join(fresh.dir, 'content'), { recursive: true, force: true });
    cpSync(join(site.dir, 'content'), join(fresh.dir, 'content'), { recursive: true });
    build(fresh.dir);
    coldDeleted = snapshot(join(fresh.dir, 'dist'));
  }, 900_000); // six small builds: about 60 s on an idle machine, far longer when it is shared

  afterAll(() => {
    site?.cleanup();
    fresh?.cleanup();
  });

  it('renders only what changed and copies the rest from the cache', () => {
    const reused = reusedCount(incrementalLog);
    expect(reused).toBeGreaterThan(renderedCount(incrementalLog) * 2);
    // Nothing changed: every keyed page comes from the cache, and both search indexes are reused.
    expect(reusedCount(unchangedLog)).toBeGreaterThan(reused);
    expect(unchangedLog).toMatch(/\d+ en pages \(unchanged, from the cache\), \d+ zh-cn pages \(unchanged, from the cache\)/);
    // The search step knew the restored pages from the last build's list and read none of them…
    expect(pagesRead(unchangedLog)).toBe(0);
    expect(pagesRead(incrementalLog)).toBe(0);
    // …and read them when that list was damaged.
    expect(pagesRead(deletedLog)).toBeGreaterThan(10);
  });

  it('drops a deleted post from the pages and the search index as a cold build does', () => {
    expect(afterDeleted.has(`blog/${DELETED}/index.html`)).toBe(false);
    expect(afterDeleted.has(`zh-cn/blog/${DELETED}/index.html`)).toBe(false);
    // Both search indexes lost a page.
    expect(deletedLog).toMatch(/search index: \d+ en pages, \d+ zh-cn pages;/);
    expect([...afterDeleted.keys()]).toEqual([...coldDeleted.keys()]);
    expect([...afterDeleted].filter(([file, digest]) => coldDeleted.get(file) !== digest).map(([file]) => file)).toEqual([]);
  });

  it('gives byte for byte the dist/ of a cold build of the same sources', () => {
    expect([...after.keys()]).toEqual([...cold.keys()]);
    const differing = [...after].filter(([file, digest]) => cold.get(file) !== digest).map(([file]) => file);
    expect(differing).toEqual([]);
    expect([...afterUnchanged]).toEqual([...after]);
  });

  it('changes the pages that show the edited posts, and no other', () => {
    const changed = [...after.keys()].filter((file) => before.get(file) !== after.get(file));
    const read = (file: string) => readFileSync(join(afterDist(), file), 'utf8');
    const mentions = (file: string) => {
      // The edited post's social card shows its new title.
      if (/\.png$/.test(file)) return file === `blog/${EDITED}/social-card.png`;
      const text = read(file);
      return text.includes(NEW_TITLE) || text.includes(`/zh-cn/blog/${TRANSLATED}/`);
    };
    // Everything that changed shows the new title or the new translation, or is new, or is a list
    // the new Chinese post joined (Chinese lists and tag counts; page numbers and tag pages of both
    // languages, whose language switch follows whether the other language has that page), or is the
    // search index.
    const listOrIndex = (file: string) => /^(zh-cn\/)?(page|tags)\/|^pagefind\//.test(file);
    expect(changed.filter((file) => before.has(file) && !listOrIndex(file) && !mentions(file))).toEqual([]);
    // …and everything that shows them changed: lists, tag pages, related posts, RSS, sitemap, comment threads.
    const showing = [...after.keys()].filter((file) => !file.startsWith('pagefind/') && mentions(file));
    expect(showing.filter((file) => before.get(file) === after.get(file))).toEqual([]);
    for (const file of [
      `blog/${EDITED}/index.html`,
      'index.html',
      'rss.xml',
      'search/index.html',
      'comment-threads.json',
      `blog/${TRANSLATED}/index.html`, // its language switch now leads to the translation
      `zh-cn/blog/${TRANSLATED}/index.html`,
      'zh-cn/index.html',
      'zh-cn/rss.xml',
      'sitemap-0.xml',
    ]) {
      expect(changed, file).toContain(file);
    }
    // The edited post's translation shows nothing of it that changed.
    expect(changed).not.toContain(`zh-cn/blog/${EDITED}/index.html`);
    expect(read(`blog/${TRANSLATED}/index.html`)).toContain(`href="/zh-cn/blog/${TRANSLATED}/"`);
    // Both languages' search indexes changed (new English title, new Chinese post); the rest of the site did not.
    expect(changed.some((file) => /^pagefind\/.*en_/.test(file))).toBe(true);
    expect(changed.some((file) => /^pagefind\/.*zh-cn_/.test(file))).toBe(true);
    const posts = [...after.keys()].filter((file) => /blog\/[^/]+\/index\.html$/.test(file));
    const unchangedPosts = posts.filter((file) => !changed.includes(file));
    expect(unchangedPosts.length).toBeGreaterThan(posts.length / 2);
  });

  it('encodes and renders only the post PNGs whose content is new, and writes them all', () => {
    const postFiles = (log: string) => /post files: (\d+) share codes \((\d+) encoded[^,]*, (\d+) from the cache\), (\d+) social cards/.exec(log);
    const cards = (log: string) => /social cards: (\d+) rendered(?: \([^)]*\))?, (\d+) from the cache/.exec(log);
    // The edit: one new share code (the new translation) and one new card (the new title; the translation's title is new too).
    const edited = postFiles(incrementalLog);
    expect(edited?.[2]).toBe('1');
    expect(Number(edited?.[1])).toBe(Number(edited?.[3]) + 1);
    expect(cards(incrementalLog)?.[1]).toBe('2');
    // Nothing changed: nothing encoded or rendered, every file still written.
    expect(postFiles(unchangedLog)?.[2]).toBe('0');
    expect(cards(unchangedLog)?.[1]).toBe('0');
    const pngs = [...afterUnchanged.keys()].filter((file) => /(^|\/)blog\/[^/]+\/(qr|social-card)\.png$/.test(file));
    const posts = [...afterUnchanged.keys()].filter((file) => /(^|\/)blog\/[^/]+\/index\.html$/.test(file));
    expect(pngs.length).toBe(2 * posts.length);
  });

  it('removes a deleted post’s PNGs with its page, and nothing else of the other posts', () => {
    for (const prefix of ['', 'zh-cn/'])
      for (const file of ['index.html', 'qr.png', 'social-card.png']) {
        expect(cold.has(`${prefix}blog/${DELETED}/${file}`), `${prefix}${file}`).toBe(true);
        expect(afterDeleted.has(`${prefix}blog/${DELETED}/${file}`), `${prefix}${file}`).toBe(false);
      }
    const pngs = (tree: Map<string, string>) => [...tree].filter(([file]) => /\.png$/.test(file) && !file.includes(`/${DELETED}/`));
    expect(pngs(afterDeleted)).toEqual(pngs(cold));
    expect(deletedLog).toMatch(/post files: \d+ share codes \(0 encoded/);
  });

  it('puts a policy with the right script hashes on every page, restored or rendered', () => {
    for (const file of [...after.keys()].filter((name) => name.endsWith('.html'))) {
      const html = readFileSync(join(afterDist(), file), 'utf8');
      expect(html.match(/http-equiv="Content-Security-Policy"/g)?.length, file).toBe(1);
    }
    expect(existsSync(join(site.dir, 'dist', 'index.html.br'))).toBe(false); // the server compresses on request
  });
});
