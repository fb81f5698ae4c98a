import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, runAstro } from './site-copy.ts';

/** Run one of the project's TypeScript scripts with the project's Node (it strips the types), as `npm run` would, in `cwd`. */
function runScript(cwd: string, script: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Every page URL in the Pagefind index of `dist`, per language (fragments are gzip with a "pagefind_dcd" prefix). */
function indexedUrls(dist: string): Record<string, string[]> {
  const dir = join(dist, 'pagefind', 'fragment');
  const urls: Record<string, string[]> = {};
  for (const file of readdirSync(dir)) {
    const lang = file.slice(0, file.indexOf('_'));
    const json = gunzipSync(readFileSync(join(dir, file))).toString('utf8').replace(/^pagefind_dcd/, '');
    (urls[lang] ??= []).push((JSON.parse(json) as { url: string }).url);
  }
  return urls;
}

const SLUG = 'wechat-mini-programs-for-retail';

describe('new:post, drafts and publishing', () => {
  let copy: ReturnType<typeof copyProject>;
  beforeAll(() => {
    copy = copyProject();
  });
  afterAll(() => copy?.cleanup());

  const read = (file: string) => readFileSync(join(copy.dir, 'dist', file), 'utf8');
  const built = (file: string) => existsSync(join(copy.dir, 'dist', file));

  it('scaffolds both languages as drafts and refuses to overwrite', () => {
    const first = runScript(copy.dir, 'scripts/new-post.ts', ['WeChat mini programs for retail', '--zh-title', '零售业的微信小程序']);
    expect(first.status, first.output).toBe(0);
    for (const locale of ['en', 'zh-cn']) {
      const source = readFileSync(join(copy.dir, 'content', 'posts', locale, `${SLUG}.mdx`), 'utf8');
      expect(source).toMatch(/^draft: true/m);
      expect(source).toContain(`translationKey: "${SLUG}"`);
    }
    expect(readFileSync(join(copy.dir, 'content', 'posts', 'zh-cn', `${SLUG}.mdx`), 'utf8')).toContain('title: "零售业的微信小程序"');

    const again = runScript(copy.dir, 'scripts/new-post.ts', ['WeChat mini programs for retail']);
    expect(again.status).toBe(1);
    expect(again.output).toContain(`Not overwriting content/posts/en/${SLUG}.mdx`);

    const chinese = runScript(copy.dir, 'scripts/new-post.ts', ['微信小程序']);
    expect(chinese.status).toBe(1);
    expect(chinese.output).toContain('--slug');
  });

  it('leaves the draft out of the build, the feeds, the sitemap and the search index', () => {
    const { status, output } = runAstro(copy.dir, ['build']);
    expect(status, output).toBe(0);
    expect(built(`blog/${SLUG}/index.html`)).toBe(false);
    expect(built(`zh-cn/blog/${SLUG}/index.html`)).toBe(false);
    for (const file of ['rss.xml', 'zh-cn/rss.xml', 'sitemap-0.xml', 'index.html', 'zh-cn/index.html', 'tags/index.html']) {
      expect(read(file), file).not.toContain(SLUG);
    }
    const urls = indexedUrls(join(copy.dir, 'dist'));
    expect(urls['en'], JSON.stringify(urls)).toContain('/blog/line-for-brands/');
    expect(Object.values(urls).flat().filter((url) => url.includes(SLUG))).toEqual([]);
  });

  it('publishes the post in both languages once draft is removed', () => {
    for (const [locale, body] of [
      ['en', 'Mini programs let a shopper browse and pay without leaving the chat.'],
      ['zh-cn', '小程序让顾客无需离开聊天界面就能浏览和付款。'],
    ] as const) {
      const file = join(copy.dir, 'content', 'posts', locale, `${SLUG}.mdx`);
      const source = readFileSync(file, 'utf8').replace(/^draft: true.*\n/m, '').replace(/^---\n\n[\s\S]*$/m, `---\n\n${body}\n`);
      writeFileSync(file, source);
    }
    const checked = runScript(copy.dir, 'scripts/check-content.ts', []);
    expect(checked.status, checked.output).toBe(0);

    const { status, output } = runAstro(copy.dir, ['build']);
    expect(status, output).toBe(0);
    expect(read(`blog/${SLUG}/index.html`)).toMatch(/<h1[^>]*>WeChat mini programs for retail<\/h1>/);
    expect(read(`zh-cn/blog/${SLUG}/index.html`)).toMatch(/<h1[^>]*>零售业的微信小程序<\/h1>/);
    expect(read('index.html')).toContain(`/blog/${SLUG}/`);
    expect(read('zh-cn/index.html')).toContain(`/zh-cn/blog/${SLUG}/`);
    expect(read('rss.xml')).toContain(`/blog/${SLUG}/`);
    expect(read('zh-cn/rss.xml')).toContain(`/zh-cn/blog/${SLUG}/`);
    expect(read('sitemap-0.xml')).toContain(`/zh-cn/blog/${SLUG}/`);
    const urls = indexedUrls(join(copy.dir, 'dist'));
    expect(urls['en']).toContain(`/blog/${SLUG}/`);
    expect(urls['zh-cn']).toContain(`/zh-cn/blog/${SLUG}/`);
  });
});
