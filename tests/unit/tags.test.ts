import { describe, expect, it } from 'vitest';
import { postSchema } from '../../src/blog/schema.ts';
import { postsWithTag, tagPath } from '../../src/blog/tags.ts';
import { localizePath } from '../../src/i18n/urls.ts';

const post = (id: string, tags: string[]) => ({ id, data: postSchema.parse({ title: 't', description: 'd', pubDate: '2026-01-01', tags, translationKey: 'k' }) });

describe('tags', () => {
  it('keeps the posts carrying a tag, in the given order', () => {
    const posts = [post('en/a', ['line', 'ux']), post('en/b', ['wechat']), post('en/c', ['line'])];
    expect(postsWithTag(posts, 'line').map((p) => p.id)).toEqual(['en/a', 'en/c']);
    expect(postsWithTag(posts, 'seo')).toEqual([]);
  });

  it('addresses a tag page by the same slug in every language', () => {
    expect(localizePath(tagPath('qr-codes'), 'en')).toBe('/tags/qr-codes/');
    expect(localizePath(tagPath('qr-codes'), 'zh-cn')).toBe('/zh-cn/tags/qr-codes/');
  });
});
