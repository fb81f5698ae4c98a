import { describe, expect, it } from 'vitest';
import { parsePostSource } from '../../src/blog/post-files.ts';
import { scaffoldPost } from '../../src/blog/scaffold.ts';
import { postSchema, type PostData } from '../../src/blog/schema.ts';
import {
  contentHash,
  markPlan,
  newerOriginal,
  translatedFromValue,
  translationTable,
  withTranslatedFrom,
  type TranslatablePost,
} from '../../src/blog/translation-status.ts';
import { lastChange } from '../../src/blog/git-dates.ts';

function post(id: string, body: string, extra: Partial<PostData> = {}): TranslatablePost {
  const data = postSchema.parse({
    title: `Title of ${id}`,
    description: 'One sentence.',
    pubDate: '2026-01-01',
    translationKey: 'k',
    ...extra,
  });
  return { id, data, body };
}

/** A pair: the English original and a Chinese translation made from `madeFrom` (the English text then). */
function pair(enBody: string, madeFrom: string = enBody) {
  const en = post('en/k', enBody);
  const zh = post('zh-cn/k', '译文', { translatedFrom: translatedFromValue({ ...en, body: madeFrom }) });
  return { en, zh };
}

describe('contentHash', () => {
  it('covers title, description and body', () => {
    const base = post('en/k', 'Body.');
    expect(contentHash(post('en/k', 'Body!'))).not.toBe(contentHash(base));
    expect(contentHash(post('en/k', 'Body.', { title: 'Other' }))).not.toBe(contentHash(base));
    expect(contentHash(post('en/k', 'Body.', { description: 'Other.' }))).not.toBe(contentHash(base));
  });

  it('ignores what is not text to translate: dates, tags, draft, line endings, trailing spaces, extra blank lines', () => {
    const base = post('en/k', 'One.\n\nTwo.\n');
    expect(
      contentHash(post('en/k', 'One.\n\nTwo.', { pubDate: new Date('2027-01-01'), tags: ['wechat'], draft: true })),
    ).toBe(contentHash(base));
    expect(contentHash(post('en/k', '\r\nOne.  \r\n\r\n\r\n\r\nTwo.\r\n\r\n'))).toBe(contentHash(base));
    // Unicode: the same text composed or decomposed.
    expect(contentHash(post('en/k', 'Cafe\u0301'))).toBe(contentHash(post('en/k', 'Café')));
  });
});

describe('translationTable', () => {
  it('says up to date when the translation was made from the current original', () => {
    const { en, zh } = pair('Original text.');
    const [row] = translationTable([en, zh]);
    expect(row?.cells.en.state).toBe('original');
    expect(row?.cells['zh-cn']).toMatchObject({ state: 'up-to-date', source: 'en' });
  });

  it('says outdated once the original changes, and newerOriginal points readers to it', () => {
    const { en, zh } = pair('Original text, edited.', 'Original text.');
    expect(translationTable([en, zh])[0]?.cells['zh-cn'].state).toBe('outdated');
    expect(newerOriginal([en, zh], zh)).toBe(en);
    expect(newerOriginal([en, zh], en)).toBeUndefined();
  });

  it('works in the other direction: a post written in Chinese first', () => {
    const zh = post('zh-cn/k', '中文原文，已修改。');
    const en = post('en/k', 'Translation.', { translatedFrom: translatedFromValue({ ...zh, body: '中文原文。' }) });
    const [row] = translationTable([en, zh]);
    expect(row?.cells['zh-cn'].state).toBe('original');
    expect(row?.cells.en).toMatchObject({ state: 'outdated', source: 'zh-cn' });
    expect(newerOriginal([en, zh], en)).toBe(zh);
  });

  it('says missing for a language without a file, and untracked for a pair that records no original', () => {
    const rows = translationTable([
      post('en/a', 'x', { translationKey: 'a' }),
      post('en/b', 'x', { translationKey: 'b' }),
      post('zh-cn/b', 'y', { translationKey: 'b' }),
    ]);
    expect(rows.map((row) => [row.slug, row.cells.en.state, row.cells['zh-cn'].state])).toEqual([
      ['a', 'original', 'missing'],
      ['b', 'untracked', 'untracked'],
    ]);
  });

  it('treats a translation whose original is absent (unpublished) as nothing newer to read', () => {
    const { zh } = pair('Original.', 'Older.');
    expect(translationTable([zh])[0]?.cells['zh-cn'].state).toBe('up-to-date');
    expect(newerOriginal([zh], zh)).toBeUndefined();
  });
});

describe('mark', () => {
  it('records the original’s current hash in the translation, so it is up to date again', () => {
    const { en, zh } = pair('Edited.', 'Before.');
    const plan = markPlan([en, zh], 'k');
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.updates).toEqual([
      { post: en, translatedFrom: undefined },
      { post: zh, translatedFrom: translatedFromValue(en) },
    ]);
    const marked = { ...zh, data: { ...zh.data, translatedFrom: plan.updates[1]?.translatedFrom } };
    expect(translationTable([en, marked])[0]?.cells['zh-cn'].state).toBe('up-to-date');
  });

  it('needs --from for a pair that records no original, and refuses a post without translation', () => {
    const en = post('en/k', 'x');
    const zh = post('zh-cn/k', 'y');
    const untracked = markPlan([en, zh], 'k');
    expect(untracked).toMatchObject({ ok: false });
    expect(!untracked.ok && untracked.message).toContain('--from en');
    const fromZh = markPlan([en, zh], 'k', 'zh-cn');
    expect(fromZh.ok && fromZh.updates.map((u) => [u.post.id, u.translatedFrom])).toEqual([
      ['en/k', translatedFromValue(zh)],
      ['zh-cn/k', undefined],
    ]);
    expect(markPlan([en], 'k', 'en')).toMatchObject({ ok: false });
    expect(markPlan([en, zh], 'nope')).toMatchObject({ ok: false });
  });

  it('rewrites only the translatedFrom line of the frontmatter', () => {
    const source =
      '---\ntitle: "T"  # a comment\ntranslationKey: "k"\ntags: []\n---\n\nBody with translatedFrom: in it.\n';
    const marked = withTranslatedFrom(source, 'en:0123456789ab');
    expect(marked).toBe(
      '---\ntitle: "T"  # a comment\ntranslationKey: "k"\ntranslatedFrom: "en:0123456789ab"\ntags: []\n---\n\nBody with translatedFrom: in it.\n',
    );
    expect(withTranslatedFrom(marked, 'en:ba9876543210')).toContain('translatedFrom: "en:ba9876543210"\ntags');
    expect(withTranslatedFrom(marked, undefined)).toBe(source);
  });

  it('rejects a malformed translatedFrom in the schema', () => {
    const post = { title: 't', description: 'd', pubDate: '2026-01-01', translationKey: 'k' };
    expect(postSchema.safeParse({ ...post, translatedFrom: 'en:0123456789ab' }).success).toBe(true);
    for (const translatedFrom of ['fr:0123456789ab', 'en:xyz'])
      expect(postSchema.safeParse({ ...post, translatedFrom }).success, translatedFrom).toBe(false);
  });
});

describe('new:post scaffold', () => {
  it('writes the translation as made from the original’s placeholder: outdated once the original is written', () => {
    const { files } = scaffoldPost({
      title: 'WeChat Pay',
      titles: { 'zh-cn': '微信支付' },
      date: new Date('2026-11-26T00:00:00Z'),
    });
    const posts = files.map((file) => ({ id: file.path.replace(/\.mdx$/, ''), ...parsePostSource(file.content) }));
    expect(translationTable(posts)[0]?.cells['zh-cn'].state).toBe('up-to-date');
    const written = posts.map((p) => (p.id.startsWith('en/') ? { ...p, body: 'The real English text.' } : p));
    expect(translationTable(written)[0]?.cells['zh-cn'].state).toBe('outdated');
  });
});

describe('lastChange', () => {
  const data = { pubDate: new Date('2026-01-01'), updatedDate: new Date('2026-02-01') };
  it('takes the last commit when the history knows the file, else updatedDate, else pubDate', () => {
    const dates = new Map([['/site/content/posts/en/a.mdx', new Date('2026-03-01')]]);
    expect(lastChange('/site/content/posts/en/a.mdx', data, dates)).toEqual({
      date: new Date('2026-03-01'),
      from: 'git',
    });
    expect(lastChange('/site/content/posts/en/b.mdx', data, dates)).toEqual({
      date: data.updatedDate,
      from: 'frontmatter',
    });
    expect(lastChange('/x', { pubDate: data.pubDate }, undefined)).toEqual({ date: data.pubDate, from: 'frontmatter' });
  });
});
