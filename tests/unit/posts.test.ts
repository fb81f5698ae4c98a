import { describe, expect, it } from 'vitest';
import { postSchema, type PostData } from '../../src/blog/schema.ts';
import {
  findTranslation,
  isPublished,
  linkedPostSlugs,
  parsePostId,
  relatedPosts,
  sortNewestFirst,
  tagCounts,
  translationProblems,
  type PostLike,
} from '../../src/blog/posts.ts';

const valid = {
  title: 'A post',
  description: 'What it is about.',
  pubDate: '2012-07-01',
  tags: ['wechat'],
  author: 'syENGAGE',
  translationKey: 'a-post',
};

function post(id: string, data: Partial<PostData> = {}): PostLike {
  return { id, data: { ...postSchema.parse(valid), ...data } };
}

describe('postSchema', () => {
  it('accepts valid frontmatter and fills defaults', () => {
    const parsed = postSchema.parse({ title: 'T', description: 'D', pubDate: '2020-01-02', translationKey: 't' });
    expect(parsed.draft).toBe(false);
    expect(parsed.tags).toEqual([]);
    expect(parsed.pubDate).toBeInstanceOf(Date);
  });

  it.each([
    ['a missing title', { title: undefined }, 'title'],
    ['an empty title', { title: '  ' }, 'title'],
    ['a date that is not a date', { pubDate: 'next tuesday' }, 'pubDate'],
    ['tags that are not slugs', { tags: ['Mobile Marketing'] }, 'tags.0'],
    ['a draft flag that is not a boolean', { draft: 'yes' }, 'draft'],
    ['a missing translation key', { translationKey: undefined }, 'translationKey'],
    ['an update before publication', { updatedDate: '2011-01-01' }, 'updatedDate'],
    ['an unknown field (a typo)', { titel: 'x' }, ''],
  ])('rejects %s and names the field', (_label, change, field) => {
    const result = postSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths).toContain(field);
  });
});

describe('parsePostId', () => {
  it('splits locale and slug', () => {
    expect(parsePostId('zh-cn/line-for-brands')).toEqual({ locale: 'zh-cn', slug: 'line-for-brands' });
  });
  it('refuses a post outside a locale folder', () => {
    expect(() => parsePostId('fr/x')).toThrow(/content\/posts\/fr\/x/);
    expect(() => parsePostId('x')).toThrow();
  });
});

describe('publishing rules', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('leaves drafts out unless asked', () => {
    expect(isPublished(post('en/a', { draft: true }), now)).toBe(false);
    expect(isPublished(post('en/a', { draft: true }), now, { includeDrafts: true })).toBe(true);
  });
  it('holds back a post dated in the future until its date', () => {
    expect(isPublished(post('en/a', { pubDate: new Date('2026-12-01') }), now)).toBe(false);
    expect(isPublished(post('en/a', { pubDate: new Date('2026-11-26') }), now)).toBe(true);
  });
});

describe('ordering, translations and related posts', () => {
  const posts = [
    post('en/old', { pubDate: new Date('2012-07-01'), translationKey: 'old', tags: ['wechat', 'line'] }),
    post('zh-cn/old', { pubDate: new Date('2012-07-01'), translationKey: 'old', tags: ['wechat', 'line'] }),
    post('en/new', { pubDate: new Date('2026-11-24'), translationKey: 'new', tags: ['wechat', 'line', 'ux'] }),
    post('en/mid', { pubDate: new Date('2026-11-20'), translationKey: 'mid', tags: ['line'] }),
    post('en/other', { pubDate: new Date('2026-11-21'), translationKey: 'other', tags: ['seo'] }),
  ];

  it('sorts newest first', () => {
    expect(sortNewestFirst(posts).map((p) => p.id)).toEqual(['en/new', 'en/other', 'en/mid', 'en/old', 'zh-cn/old']);
  });

  it('finds the translation by key, and nothing when there is none', () => {
    expect(findTranslation(posts, posts[0]!, 'zh-cn')?.id).toBe('zh-cn/old');
    expect(findTranslation(posts, posts[1]!, 'en')?.id).toBe('en/old');
    expect(findTranslation(posts, posts[2]!, 'zh-cn')).toBeUndefined();
  });

  it('relates posts of the same language by shared tags, most shared first', () => {
    expect(relatedPosts(posts, posts[0]!).map((p) => p.id)).toEqual(['en/new', 'en/mid']);
    expect(relatedPosts(posts, posts[4]!)).toEqual([]);
  });

  it('leaves out of "Also see" the posts the body already links to', () => {
    const withLinks = { ...posts[0]!, body: 'See [the new one](/blog/new/) and [中文](/zh-cn/blog/mid/#x).' };
    expect(linkedPostSlugs(withLinks.body)).toEqual(new Set(['new', 'mid']));
    expect(relatedPosts(posts, withLinks)).toEqual([]);
  });

  it('counts tags', () => {
    expect(tagCounts(posts.filter((p) => p.id.startsWith('en/')))[0]).toEqual({ tag: 'line', count: 3 });
  });

  it('reports translations that do not share a file name, and duplicate keys', () => {
    expect(translationProblems(posts)).toEqual([]);
    const problems = translationProblems([
      ...posts,
      post('zh-cn/renamed', { translationKey: 'new' }),
      post('en/dup', { translationKey: 'old' }),
    ]);
    expect(problems.join('\n')).toMatch(
      /content\/posts\/en\/new.*content\/posts\/zh-cn\/renamed|content\/posts\/zh-cn\/renamed.*content\/posts\/en\/new/,
    );
    expect(problems.join('\n')).toMatch(/content\/posts\/en\/dup: translationKey "old" is already used/);
  });
});
