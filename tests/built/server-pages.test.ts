/**
 * The frame of the pages the server renders (src/server-page/), as the build wrote it: the site's
 * own header, footer and stylesheet, one definition with the static pages, nothing copied.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { localeKeys } from '../../src/i18n/locales.ts';
import {
  FRAME_VARIANTS,
  SERVER_PAGES_FILE_NAME,
  loadServerPageFrames,
  renderServerPage,
  type ServerPageFrames,
  type ServerPagesFile,
} from '../../src/server-page/frame.ts';
import { distDir, distFiles, readDist, requireBuild } from './dist-files.ts';

let file: ServerPagesFile;
let frames: ServerPageFrames;
const styles = (html: string) => [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]);

beforeAll(() => {
  requireBuild();
  const path = join(distDir, SERVER_PAGES_FILE_NAME);
  file = JSON.parse(readFileSync(path, 'utf8')) as ServerPagesFile;
  frames = loadServerPageFrames(path);
});

describe('the server pages’ frame', () => {
  it('is the site’s layout with its stylesheets inlined, no script, no policy of a static page, and not a page of the site', () => {
    const post = readDist('blog/wechat-mobile-marketing-mayhem/index.html');
    const bundles = distFiles('.css').map(readDist);
    for (const locale of localeKeys)
      for (const variant of FRAME_VARIANTS) {
        const html = file.frames[locale][variant];
        expect(html).not.toMatch(/<script|http-equiv|og:|<link rel="stylesheet"/);
        // Every stylesheet of the frame is one the build wrote for the site's pages, byte for byte.
        const inline = styles(html);
        expect(inline.length).toBeGreaterThan(0);
        for (const css of inline)
          expect(
            bundles.includes(css!) || post.includes(css!),
            `${locale} ${variant}: a stylesheet the site does not have`,
          ).toBe(true);
      }
    expect(distFiles('.html').filter((path) => path.includes('server-page-frame'))).toEqual([]);
    expect(readDist('sitemap-0.xml')).not.toContain('server-page-frame');
  });

  it('carries the site’s font stacks, the comment styles and the error colours, defined once', () => {
    const css = styles(file.frames['zh-cn'].translated).join('\n');
    // The value the copied stylesheet had lost.
    expect(css).toMatch(
      /:root:lang\(zh-CN\)\{[^}]*--font-body:"CJK Punctuation",\s*var\(--font-latin\),\s*var\(--font-cjk-sc\)/,
    );
    expect(css).toMatch(/--color-error:#a00000;--color-error-bg:#fdf1f1/);
    expect(css).toMatch(/\.comment-summary\{[^}]*var\(--color-error\)/);
    expect(css).not.toContain('#fdf1f1;}');
  });

  it('renders a page with the locale’s header, language links, title, main and footer', () => {
    const main = '<h1>Hello</h1>';
    const zh = renderServerPage(
      { locale: 'zh-cn', title: '评论 <b>', main, alternates: { en: '/api/comments/view?thread=a&locale=en' } },
      frames,
    );
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<title>评论 &lt;b&gt; | syENGAGE</title>');
    expect(zh).toMatch(/<a class="brand" href="\/zh-cn\/"/);
    expect(zh).toMatch(/<a href="\/api\/comments\/view\?thread=a&amp;locale=en" hreflang="en" lang="en"/);
    expect(zh).toContain('<main id="main"><h1>Hello</h1></main>');
    expect(zh).toMatch(/<footer class="site-footer"[\s\S]*href="\/zh-cn\/rss.xml"/);
    expect(zh).toContain('<meta name="robots" content="noindex">');

    const en = renderServerPage({ locale: 'en', title: 'Admin', main, noindex: false }, frames);
    expect(en).not.toContain('noindex');
    expect(en).toMatch(/<a href="\/zh-cn\/" hreflang="zh-CN" data-lang-switch="zh-cn" data-no-translation/);
    expect(en).toContain('This post has not been translated into 简体中文 yet.');
  });
});
