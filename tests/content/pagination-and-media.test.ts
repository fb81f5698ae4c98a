import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, runAstro } from './site-copy.ts';

/** A small opaque PNG, so the image pipeline has something real to resize and convert. */
function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([11, 107, 83, 255], i);
  return PNG.sync.write(image);
}

const POST = (title: string, body: string) => `---
title: "${title}"
description: "A post that uses every editor component."
pubDate: 2026-11-25
tags: ["ux"]
translationKey: "components-demo"
---

${body}
`;

const BODY = `
![A green square drawn for the test](./images/square.png)

<Figure src="images/shared.png" alt="A wide green banner" caption="The caption under the banner." />

<Callout type="warning" title="Check the account ID">Scan it before you print it.</Callout>

<Quote source="A reader" cite="https://example.com/source">It just worked.</Quote>
`;

// One build of a site copy with a page size of 1 and a post that uses every editor component.
describe('a site copy with one post per page and a post using the editor components', () => {
  let copy: ReturnType<typeof copyProject>;
  let output = '';
  let status: number | null = null;
  const read = (file: string) => readFileSync(join(copy.dir, 'dist', file), 'utf8');

  beforeAll(() => {
    copy = copyProject();
    const pagination = join(copy.dir, 'src', 'blog', 'pagination.ts');
    writeFileSync(pagination, readFileSync(pagination, 'utf8').replace(/POSTS_PER_PAGE = \d+/, 'POSTS_PER_PAGE = 1'));
    for (const locale of ['en', 'zh-cn']) {
      mkdirSync(join(copy.dir, 'content', 'posts', locale, 'images'), { recursive: true });
      writeFileSync(join(copy.dir, 'content', 'posts', locale, 'images', 'square.png'), png(1200, 1200));
      writeFileSync(join(copy.dir, 'content', 'posts', locale, 'components-demo.mdx'), POST(locale === 'en' ? 'Components demo' : '组件示例', BODY));
    }
    mkdirSync(join(copy.dir, 'content', 'images'), { recursive: true });
    writeFileSync(join(copy.dir, 'content', 'images', 'shared.png'), png(1600, 400));
    ({ status, output } = runAstro(copy.dir, ['build']));
  });
  afterAll(() => copy?.cleanup());

  it('builds', () => {
    expect(status, output).toBe(0);
  });

  it('gives each page of the home list a stable URL with rel=prev/next, in both languages', () => {
    for (const prefix of ['', 'zh-cn/']) {
      const pages = readdirSync(join(copy.dir, 'dist', prefix, 'page')).sort();
      expect(pages, prefix).toEqual(['2', '3', '4']);
      const home = read(`${prefix}index.html`);
      expect(home).toContain(`<link rel="next" href="/${prefix}page/2/">`);
      expect(home).not.toContain('rel="prev"');
      const second = read(`${prefix}page/2/index.html`);
      expect(second).toContain(`<link rel="prev" href="/${prefix}">`);
      expect(second).toContain(`<link rel="next" href="/${prefix}page/3/">`);
      const last = read(`${prefix}page/4/index.html`);
      expect(last).toContain(`<link rel="prev" href="/${prefix}page/3/">`);
      expect(last).not.toContain('rel="next"');
      // Newest first: the second page holds the second-newest post.
      expect(second).toContain(`href="/${prefix}blog/designing-a-follow-flow/"`);
    }
    expect(read('zh-cn/page/2/index.html')).toContain('第 2 页，共 4 页');
  });

  it('optimises post images: WebP output, width and height set, alt kept', () => {
    const html = read('blog/components-demo/index.html');
    const images = [...html.matchAll(/<img\b[^>]*>/g)].map((match) => match[0]);
    expect(images).toHaveLength(2);
    for (const img of images) {
      expect(img).toMatch(/\ssrc="\/_astro\/[^"]+\.webp"/);
      expect(img).toMatch(/\swidth="\d+"/);
      expect(img).toMatch(/\sheight="\d+"/);
      expect(img).toMatch(/\salt="A (green square drawn for the test|wide green banner)"/);
    }
    // The figure offers smaller widths, never larger than the original.
    expect(html).toMatch(/srcset="[^"]*480w[^"]*1600w"/);
    const assets = readdirSync(join(copy.dir, 'dist', '_astro'));
    expect(assets.filter((file) => file.endsWith('.webp')).length).toBeGreaterThanOrEqual(2);
  });

  it('renders the callout, figure caption and quotation as accessible markup', () => {
    const html = read('zh-cn/blog/components-demo/index.html');
    expect(html).toMatch(/<div[^>]*role="note"[^>]*aria-label="Check the account ID"/);
    expect(html).toMatch(/<figcaption[^>]*>The caption under the banner\.<\/figcaption>/);
    expect(html).toMatch(/<blockquote[^>]*cite="https:\/\/example.com\/source"/);
    expect(html).toMatch(/<cite[^>]*>A reader<\/cite>/);
  });
});
