import { beforeAll, describe, expect, it } from 'vitest';
import { HtmlValidate } from 'html-validate';
import {
  attributeValues,
  distFiles,
  fileForUrl,
  hreflangAlternates,
  isInternal,
  pathOfFile,
  readDist,
  requireBuild,
} from './dist-files.ts';
import { siteConfig } from '../../src/site.config.ts';

beforeAll(requireBuild);

const htmlFiles = () => distFiles('.html');

describe('HTML validity', () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    rules: {
      // Astro writes `<!DOCTYPE html>`; case is not a validity question.
      'doctype-style': 'off',
      // Astro's minified output omits optional end tags in places; those are valid HTML.
      'no-implicit-close': 'off',
      // Long inline SVG paths and data attributes make lines long; not an error.
      'attribute-boolean-style': 'off',
      'void-style': 'off',
      // Inline <style> from scoped component CSS is Astro's build output, not author markup.
      'no-inline-style': 'off',
    },
  });

  it('builds at least the home pages and the article in both languages', () => {
    const files = htmlFiles();
    for (const expected of [
      'index.html',
      'zh-cn/index.html',
      'blog/wechat-mobile-marketing-mayhem/index.html',
      'zh-cn/blog/wechat-mobile-marketing-mayhem/index.html',
      '404.html',
      'zh-cn/404/index.html',
    ]) {
      expect(files).toContain(expected);
    }
  });

  it('has no html-validate errors on any page', async () => {
    const problems: string[] = [];
    for (const file of htmlFiles()) {
      const report = await validator.validateString(readDist(file), file);
      for (const result of report.results) {
        for (const message of result.messages) {
          if (message.severity === 2)
            problems.push(`${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('links', () => {
  it('resolves every internal link, script, stylesheet and image', () => {
    const broken: string[] = [];
    for (const file of htmlFiles()) {
      const html = readDist(file);
      const urls = [
        ...attributeValues(html, 'href'),
        ...attributeValues(html, 'src'),
        ...attributeValues(html, 'srcset').flatMap((set) =>
          set.split(',').map((part) => part.trim().split(/\s+/)[0] ?? ''),
        ),
      ];
      for (const url of urls.filter((u) => u && isInternal(u))) {
        const target = new URL(url, new URL(pathOfFile(file), siteConfig.siteUrl)).href;
        if (new URL(target).pathname.startsWith('/api/')) continue; // served by the comment API, not by dist/
        if (!fileForUrl(target)) broken.push(`${file}: ${url}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('resolves in-page fragment links to an element on the same page', () => {
    const broken: string[] = [];
    for (const file of htmlFiles()) {
      const html = readDist(file);
      const ids = new Set(attributeValues(html, 'id'));
      for (const href of attributeValues(html, 'href').filter((h) => h.startsWith('#') && h.length > 1)) {
        if (!ids.has(decodeURIComponent(href.slice(1)))) broken.push(`${file}: ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('resolves every link of both RSS feeds and of the sitemap', () => {
    const feeds = distFiles('.xml').filter((file) => file.endsWith('rss.xml'));
    expect(feeds).toEqual(['rss.xml', 'zh-cn/rss.xml']);
    const broken: string[] = [];
    for (const file of [...feeds, ...distFiles('.xml').filter((f) => f.startsWith('sitemap-'))]) {
      const xml = readDist(file);
      const urls = [
        ...xml.matchAll(/<(?:link|loc)>([^<]+)<\/(?:link|loc)>/g),
        ...xml.matchAll(/<xhtml:link[^>]*href="([^"]+)"/g),
      ].map((m) => m[1] ?? '');
      expect(urls.length, `${file} lists URLs`).toBeGreaterThan(0);
      for (const url of urls) if (!fileForUrl(url)) broken.push(`${file}: ${url}`);
    }
    expect(broken).toEqual([]);
  });
});

describe('language alternates', () => {
  it('gives every indexable page a canonical URL on the site origin', () => {
    for (const file of htmlFiles()) {
      const html = readDist(file);
      if (html.includes('name="robots" content="noindex"')) continue;
      const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
      expect(canonical, file).toBe(new URL(pathOfFile(file), siteConfig.siteUrl).href);
    }
  });

  it('has reciprocal hreflang pairs, each resolving, with x-default', () => {
    const problems: string[] = [];
    for (const file of htmlFiles()) {
      const alternates = hreflangAlternates(readDist(file));
      if (alternates.size === 0) continue;
      const self = new URL(pathOfFile(file), siteConfig.siteUrl).href;
      if (![...alternates.values()].includes(self)) problems.push(`${file}: does not list itself`);
      if (!alternates.has('x-default')) problems.push(`${file}: no x-default`);
      for (const [lang, href] of alternates) {
        const target = fileForUrl(href);
        if (!target) {
          problems.push(`${file}: hreflang ${lang} → ${href} does not exist`);
          continue;
        }
        const back = hreflangAlternates(readDist(target));
        if (![...back.values()].includes(self)) problems.push(`${file}: ${target} does not link back`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('sets <html lang> from the locale of the path', () => {
    for (const file of htmlFiles()) {
      const lang = /<html lang="([^"]+)"/.exec(readDist(file))?.[1];
      expect(lang, file).toBe(file.startsWith('zh-cn/') ? 'zh-CN' : 'en');
    }
  });

  it('shows no English UI text on Chinese pages', () => {
    // The text of Chinese pages outside the post body and outside elements marked with another lang.
    for (const file of htmlFiles().filter((f) => f.startsWith('zh-cn/'))) {
      const html = readDist(file)
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<style[\s\S]*?<\/style>/g, '')
        .replace(/<(\w+)[^>]*\slang="en"[^>]*>[\s\S]*?<\/\1>/g, '')
        .replace(/<div class="prose[^"]*"[^>]*>[\s\S]*?<\/div>\s*<\/article>/g, '')
        .replace(/<svg[\s\S]*?<\/svg>/g, '')
        // IDs and URLs shown as text are marked translate="no": they are the same in every language.
        .replace(/<(\w+)[^>]*\stranslate="no"[^>]*>[\s\S]*?<\/\1>/g, '');
      const text = html.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
      // Latin words that are allowed: brand and product names and abbreviations. A lower-case word
      // (an untranslated tag slug, a UI string left in English) fails.
      const allowed = /^(syENGAGE|WeChat|We|Chat|LINE|Line|RSS|ID|QR|UTM|Naver|URL|App|SVG|PNG)$/;
      const english = [...text.matchAll(/[A-Za-z][A-Za-z'’-]{2,}/g)]
        .map((m) => m[0])
        .filter((word) => !allowed.test(word));
      expect(english, file).toEqual([]);
    }
  });
});

describe('robots.txt', () => {
  it('points to the sitemap on the site origin', () => {
    const robots = readDist('robots.txt');
    expect(robots).toContain(`Sitemap: ${siteConfig.siteUrl}/sitemap-index.xml`);
    expect(fileForUrl(`${siteConfig.siteUrl}/sitemap-index.xml`)).not.toBeNull();
  });
});
