import { describe, expect, it } from 'vitest';
import { postSchema } from '../../src/blog/schema.ts';
import { postsWithTag } from '../../src/blog/tags.ts';
import { tagLabel, tagLabelSchema, unlabelledTags } from '../../src/blog/tag-labels.ts';
import { checkContent } from '../../src/blog/content-check.ts';
import { localePath } from '../../src/routes/table.ts';

const post = (id: string, tags: string[]) => ({
  id,
  data: postSchema.parse({ title: 't', description: 'd', pubDate: '2026-01-01', tags, translationKey: 'k' }),
});

describe('tags', () => {
  it('keeps the posts carrying a tag, in the given order', () => {
    const posts = [post('en/a', ['line', 'ux']), post('en/b', ['wechat']), post('en/c', ['line'])];
    expect(postsWithTag(posts, 'line').map((p) => p.id)).toEqual(['en/a', 'en/c']);
    expect(postsWithTag(posts, 'seo')).toEqual([]);
  });

  it('addresses a tag page by the same slug in every language', () => {
    expect(localePath('tag', 'en', { tag: 'qr-codes' })).toBe('/tags/qr-codes/');
    expect(localePath('tag', 'zh-cn', { tag: 'qr-codes' })).toBe('/zh-cn/tags/qr-codes/');
  });
});

describe('tag names per language', () => {
  const labels = new Map([['wechat', { en: 'WeChat', 'zh-cn': '微信' }]]);

  it('shows the name in the reader’s language, the slug when none exists', () => {
    expect(tagLabel(labels, 'wechat', 'zh-cn')).toBe('微信');
    expect(tagLabel(labels, 'wechat', 'en')).toBe('WeChat');
    expect(tagLabel(labels, 'seo', 'zh-cn')).toBe('seo');
  });

  it('lists the tags that have no name yet', () => {
    expect(unlabelledTags(labels, ['wechat', 'seo', 'ux', 'seo'])).toEqual(['seo', 'ux']);
  });

  it('requires a name in every language of the locale table', () => {
    expect(tagLabelSchema.safeParse({ en: 'SEO', 'zh-cn': '搜索引擎优化' }).success).toBe(true);
    const missing = tagLabelSchema.safeParse({ en: 'SEO' });
    expect(missing.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['zh-cn']);
  });

  it('makes check:content name the post and the tag without a name', () => {
    const source =
      '---\ntitle: "T"\ndescription: "D"\npubDate: 2026-01-01\ntags: ["wechat", "seo"]\ntranslationKey: "t"\n---\n\nBody.\n';
    const findings = checkContent(
      [
        { path: 'posts/en/t.mdx', source },
        { path: 'posts/zh-cn/t.mdx', source },
      ],
      { fileExists: () => false, now: new Date('2026-11-26'), tagLabels: labels },
    );
    expect(findings.filter((f) => f.level === 'error')).toEqual([
      expect.objectContaining({ file: 'posts/en/t.mdx', field: 'tags', message: expect.stringContaining('"seo"') }),
      expect.objectContaining({
        file: 'posts/zh-cn/t.mdx',
        field: 'tags',
        message: expect.stringContaining('content/tags.yml'),
      }),
    ]);
  });
});
