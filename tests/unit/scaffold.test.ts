import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { scaffoldPost, slugify } from '../../src/blog/scaffold.ts';
import { postSchema } from '../../src/blog/schema.ts';

describe('slugify', () => {
  const slugs: Record<string, string> = {
    'Keep an eye on LINE: stickers & official accounts': 'keep-an-eye-on-line-stickers-official-accounts',
    "WeChat's mini programs in 2026": 'wechats-mini-programs-in-2026',
    'Café crème — à la carte': 'cafe-creme-a-la-carte',
    '  --Spaces   and---dashes-- ': 'spaces-and-dashes',
    '微信小程序 Mini Programs': 'mini-programs',
    微信小程序: '',
  };
  it.each(Object.entries(slugs))('%s → "%s"', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('A very long title about cross platform marketing that goes on and on about follow flows');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect('a-very-long-title-about-cross-platform-marketing-that-goes-on-and-on'.startsWith(slug)).toBe(true);
  });
});

describe('scaffoldPost', () => {
  const date = new Date('2026-11-26T09:00:00Z');

  it('writes a draft in every locale with the same file name and translation key, valid against the schema', () => {
    const { slug, files } = scaffoldPost({
      title: 'WeChat Pay for brands',
      titles: { 'zh-cn': '品牌如何使用微信支付' },
      date,
    });
    expect(slug).toBe('wechat-pay-for-brands');
    expect(files.map((file) => file.path)).toEqual(['en/wechat-pay-for-brands.mdx', 'zh-cn/wechat-pay-for-brands.mdx']);
    for (const file of files) {
      const frontmatter = parseYaml(/^---\n([\s\S]*?)\n---/.exec(file.content)?.[1] ?? '');
      const data = postSchema.parse(frontmatter);
      expect(data.draft).toBe(true);
      expect(data.translationKey).toBe('wechat-pay-for-brands');
      expect(data.pubDate.toISOString().slice(0, 10)).toBe('2026-11-26');
    }
    expect(files[1]?.content).toContain('title: "品牌如何使用微信支付"');
  });

  it('requires --slug for a title without Latin letters, and says so', () => {
    expect(() => scaffoldPost({ title: '微信小程序', date })).toThrow(/--slug/);
    expect(scaffoldPost({ title: '微信小程序', slug: 'wechat-mini-programs', date }).slug).toBe('wechat-mini-programs');
  });

  it('rejects a slug that is not a URL slug', () => {
    expect(() => scaffoldPost({ title: 'X', slug: 'Not A Slug', date })).toThrow(/lower-case/);
  });

  it('rejects a title the schema would reject, naming the field', () => {
    expect(() => scaffoldPost({ title: 'x'.repeat(71), date })).toThrow(/title/);
  });

  it('escapes quotes in titles so the frontmatter stays valid YAML', () => {
    const { files } = scaffoldPost({ title: 'The "follow us" box', date });
    const frontmatter = parseYaml(/^---\n([\s\S]*?)\n---/.exec(files[0]?.content ?? '')?.[1] ?? '');
    expect(frontmatter.title).toBe('The "follow us" box');
  });
});
