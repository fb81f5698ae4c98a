import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withPolicy } from '../../src/build/csp.ts';
import { takeIndexedManifest, writeIndexedManifest } from '../../src/build/indexed-manifest.ts';
import {
  finishRenderedPage,
  isRecording,
  pageFile,
  pageRecord,
  startRecording,
  stopRecording,
} from '../../src/build/rendered-pages.ts';

const post =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><script>var a = 1;</script></head>' +
  '<body><article data-pagefind-body>文章</article></body></html>';
const list = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><ul></ul></body></html>';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('pages as Astro renders them (src/middleware.ts)', () => {
  afterEach(() => stopRecording());

  it('names the file Astro writes for a path', () => {
    expect(pageFile('/')).toBe('index.html');
    expect(pageFile('/blog/x/')).toBe('blog/x/index.html');
    expect(pageFile('/zh-cn/tags/%E6%A0%87%E7%AD%BE/')).toBe('zh-cn/tags/标签/index.html');
    expect(pageFile('/404')).toBe('404.html');
  });

  it('adds the policy of the final HTML and records what the search needs of the page written', () => {
    startRecording();
    const written = finishRenderedPage('/zh-cn/blog/x/', post);
    expect(written).toBe(withPolicy(post));
    finishRenderedPage('/', list);
    const pages = stopRecording();
    expect(pages?.get('zh-cn/blog/x/index.html')).toEqual({
      file: 'zh-cn/blog/x/index.html',
      language: 'zh-cn',
      digest: sha(written),
    });
    expect(pages?.get('index.html')?.language).toBeNull();
  });

  it('tells the middleware whether a build is rendering (never in astro dev)', () => {
    expect(isRecording()).toBe(false);
    startRecording();
    expect(isRecording()).toBe(true);
    stopRecording();
    expect(isRecording()).toBe(false);
    expect(stopRecording()).toBeUndefined();
  });
});

describe('the last build’s indexed pages (indexed-manifest.ts)', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function setUp() {
    dir = mkdtempSync(join(tmpdir(), 'syengage-manifest-'));
    const cacheRoot = join(dir, 'syengage');
    mkdirSync(cacheRoot);
    writeFileSync(join(dir, 'incremental-build.json'), '{"version":1,"routes":{}}');
    return { cacheRoot, file: join(cacheRoot, 'indexed-pages.json') };
  }
  const pages = [pageRecord('blog/x/index.html', withPolicy(post))];

  it('gives back what the last build wrote, once, while Astro’s cache is the one that build left', async () => {
    const { cacheRoot, file } = setUp();
    await writeIndexedManifest(cacheRoot, dir, pages);
    expect(existsSync(file)).toBe(true);
    const previous = await takeIndexedManifest(cacheRoot, dir);
    expect([...(previous?.values() ?? [])]).toEqual(pages);
    // Taken away at the start of a build: a build that fails leaves none.
    expect(existsSync(file)).toBe(false);
    expect(await takeIndexedManifest(cacheRoot, dir)).toBeUndefined();
  });

  it('is not used when Astro’s cache changed since, or when it is damaged', async () => {
    const { cacheRoot, file } = setUp();
    await writeIndexedManifest(cacheRoot, dir, pages);
    writeFileSync(join(dir, 'incremental-build.json'), '{"version":1,"routes":{"x":{}}}');
    expect(await takeIndexedManifest(cacheRoot, dir)).toBeUndefined();

    await writeIndexedManifest(cacheRoot, dir, pages);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    expect(await takeIndexedManifest(cacheRoot, dir)).toBeUndefined();

    await writeIndexedManifest(cacheRoot, dir, pages);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"digest":"[0-9a-f]+"/, '"digest":7'));
    expect(await takeIndexedManifest(cacheRoot, dir)).toBeUndefined();
  });

  it('is not written without Astro’s cache (nothing is restored then)', async () => {
    const { cacheRoot, file } = setUp();
    rmSync(join(dir, 'incremental-build.json'));
    await writeIndexedManifest(cacheRoot, dir, pages);
    expect(existsSync(file)).toBe(false);
  });
});
