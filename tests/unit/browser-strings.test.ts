import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  browserTranslator,
  defineBrowserStrings,
  parseBrowserStrings,
  UI_STRINGS_ATTRIBUTE,
  type BrowserStringsPayload,
} from '../../src/i18n/browser-strings.ts';
import { uiStrings } from '../../src/i18n/translate.ts';

const set = defineBrowserStrings('test', ['comments.count', 'tags.count', 'follow.wechat.copied']);
const payload = (locale: 'en' | 'zh-cn'): BrowserStringsPayload =>
  parseBrowserStrings(set, uiStrings(locale, set)[UI_STRINGS_ATTRIBUTE]);

describe('uiStrings (the page side)', () => {
  it('hands over exactly the declared keys, plural forms included, in the page language', () => {
    expect(Object.keys(payload('en').entries).sort()).toEqual([
      'comments.count_one',
      'comments.count_other',
      'comments.count_zero',
      'follow.wechat.copied',
      'tags.count_one',
      'tags.count_other',
    ]);
    expect(payload('en').lang).toBe('en');
    expect(payload('zh-cn').lang).toBe('zh-CN');
  });

  it('fails the build on a key that has no string', () => {
    const broken = defineBrowserStrings('broken', ['no.such.key' as 'tags.count']);
    expect(() => uiStrings('en', broken)).toThrow(/Missing UI string "no.such.key".*"broken"/);
  });
});

describe('browserTranslator (the script side)', () => {
  it('picks plural forms with i18next by the language’s rules, zero form for 0', () => {
    const en = browserTranslator(set, payload('en'));
    expect(en('tags.count', { count: 1 })).toBe('1 post');
    expect(en('tags.count', { count: 2 })).toBe('2 posts');
    expect(en('comments.count', { count: 0 })).toBe('No comments yet');
    const zh = browserTranslator(set, payload('zh-cn'));
    expect(zh('comments.count', { count: 1 })).toBe('1 条评论');
  });

  it('inserts values as they are: no HTML escaping, no replacement patterns', () => {
    const t = browserTranslator(defineBrowserStrings('search', ['search.results']), {
      lang: 'en',
      entries: { 'search.results_other': '{{count}} for “{{query}}”' },
    });
    expect(t('search.results', { count: 2, query: `$& $' <b>&amp;` })).toBe(`2 for “$& $' <b>&amp;”`);
  });

  it('says which set and key are missing instead of showing a raw key', () => {
    const t = browserTranslator(set, { lang: 'en', entries: {} });
    expect(() => t('follow.wechat.copied')).toThrow(/"test".*"follow.wechat.copied"/);
    expect(() => parseBrowserStrings(set, undefined)).toThrow(/UI strings "test"/);
    expect(() => parseBrowserStrings(set, '{"lang":"en","entries":{"a":1}}')).toThrow(/data-ui-strings/);
  });
});

describe('browser scripts', () => {
  // Every script the site ships: the client modules and the bundled <script> blocks of components and pages.
  const root = join(import.meta.dirname, '..', '..', 'src');
  const scripts = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => /client\.ts$|\.astro$/.test(file))
    .map((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const code = file.endsWith('.astro')
        ? [...text.matchAll(/<script(?![^>]*is:inline)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
        : text;
      return { file: file.replace(/\\/g, '/'), text: code };
    })
    .filter((script) => script.text.trim() !== '');

  it('finds the scripts', () => {
    expect(scripts.map((script) => script.file)).toEqual(
      expect.arrayContaining([
        'follow/client.ts',
        'components/comment-counts-client.ts',
        'pages/[...lang]/search.astro',
      ]),
    );
  });

  it('read strings through readBrowserStrings, never from ad-hoc data attributes, and never pick plurals by hand', () => {
    for (const { file, text } of scripts) {
      expect(text, file).not.toMatch(/dataset\[['"]\w*(Text|Strings|Forms|One|Other|Results)['"]\]|dataset\.\w+Text\b/);
      expect(text, file).not.toMatch(/PluralRules|=== 1 \?|fillTemplate/);
      if (/textContent\s*=\s*t\(/.test(text)) expect(text, file).toMatch(/readBrowserStrings\(/);
    }
  });
});
