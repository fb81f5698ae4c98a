import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autop, convertPostBody, htmlToPlainText, type ConvertOptions } from '../../src/import/html-to-mdx.ts';
import {
  importMarker,
  oldLinkRewriter,
  planComments,
  planPosts,
  shorten,
  siteLocaleFor,
} from '../../src/import/wordpress-plan.ts';
import { postPath } from '../../src/routes/table.ts';
import { parseWxr, WxrError } from '../../src/import/wxr.ts';

const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'wordpress', 'export.xml'), 'utf8');
const none: ConvertOptions = {
  resolveImage: () => ({ src: undefined }),
  attachments: new Map(),
  baseUrl: 'http://old.example',
};
const noContent = { posts: new Map<string, string>(), tags: new Set<string>() };

describe('parseWxr', () => {
  it('reads posts, their languages, comments and the Polylang terms of the fixture', () => {
    const wxr = parseWxr(fixture);
    expect(wxr.language).toBe('en-US');
    expect(wxr.items.map((item) => [item.id, item.type, item.status])).toEqual([
      [10, 'post', 'publish'],
      [11, 'post', 'publish'],
      [20, 'post', 'publish'],
      [101, 'attachment', 'inherit'],
      [102, 'attachment', 'inherit'],
      [30, 'post', 'draft'],
      [40, 'page', 'publish'],
    ]);
    const article = wxr.items[0];
    expect(article?.comments.map((c) => [c.id, c.parent, c.approved, c.type])).toEqual([
      [1, 0, '1', ''],
      [2, 0, '1', ''],
      [3, 1, '1', ''],
      [4, 0, '0', ''],
      [5, 0, 'spam', ''],
      [6, 0, '1', 'pingback'],
    ]);
    expect(article?.comments[0]?.date.toISOString()).toBe('2012-07-02T08:15:00.000Z');
    expect(wxr.terms.filter((t) => t.taxonomy === 'term_translations')).toHaveLength(3);
  });

  it('refuses a file that is not a WordPress export, naming what it expected', () => {
    expect(() => parseWxr('<?xml version="1.0"?><rss><channel><title>A feed</title></channel></rss>')).toThrow(
      WxrError,
    );
    expect(() => parseWxr('<html><body>Hello</body></html>')).toThrow(/not a WordPress export/);
    expect(() => parseWxr('title,date\nx,y\n')).toThrow(WxrError);
  });

  it('refuses a truncated file with the line where it breaks', () => {
    const cut = fixture.slice(0, Math.floor(fixture.length * 0.6));
    expect(() => parseWxr(cut)).toThrow(/not well-formed XML.*truncated/);
  });
});

describe('convertPostBody', () => {
  it('restores WordPress paragraphs and line breaks', () => {
    expect(autop('One line\nnext line\n\nSecond paragraph')).toBe(
      '<p>One line<br>\nnext line</p>\n<p>Second paragraph</p>',
    );
    expect(convertPostBody('First.\n\n<h2>Heading</h2>\n\nSecond.', none).markdown).toBe(
      'First.\n\n## Heading\n\nSecond.',
    );
  });

  it('escapes what MDX would read as code or JSX', () => {
    const { markdown } = convertPostBody('Use {first_name} when 1 < 2 &amp; <code>{kept}</code>', none);
    expect(markdown).toBe('Use \\{first\\_name\\} when 1 \\< 2 & `{kept}`');
  });

  it('shows downloaded images from their local path and keeps the others as links', () => {
    const resolveImage = (url: string) => ({ src: url.endsWith('ok.png') ? './images/post/ok.png' : undefined });
    const html =
      '<a href="http://old.example/wp-content/uploads/ok-big.png"><img src="/wp-content/uploads/ok.png" alt="A QR code"></a>\n\n<img src="http://old.example/gone.png" alt="Gone">';
    expect(convertPostBody(html, { ...none, resolveImage }).markdown).toBe(
      '![A QR code](./images/post/ok.png)\n\n[Gone](http://old.example/gone.png)',
    );
  });

  it('converts [gallery ids] and [caption], and reports other shortcodes with their line', () => {
    const attachments = new Map([
      [1, { url: 'http://old.example/a.png', alt: 'First', caption: 'Caption one' }],
      [2, { url: 'http://old.example/b.png', alt: 'Second', caption: '' }],
    ]);
    const html =
      'Intro.\n\n[gallery ids="1,2"]\n\n[caption id="x" width="300"]<img src="http://old.example/c.png" alt="Third"> The third[/caption]\n\n[contact-form-7 id="5"]\n\n[gallery ids="9"]';
    const { markdown, shortcodes } = convertPostBody(html, {
      ...none,
      attachments,
      resolveImage: (url) => ({ src: `./images/p/${url.split('/').pop()}` }),
    });
    expect(markdown).toContain('![First](./images/p/a.png)\n\n*Caption one*\n\n![Second](./images/p/b.png)');
    expect(markdown).toContain('![Third](./images/p/c.png)\n\n*The third*');
    expect(shortcodes.map((s) => [s.name, s.text])).toEqual([
      ['contact-form-7', '[contact-form-7 id="5"]'],
      ['gallery', '[gallery ids="9"]'],
    ]);
    const lines = markdown.split('\n');
    for (const shortcode of shortcodes)
      expect(lines[shortcode.line - 1]).toContain(shortcode.text.replace(/[[\]]/g, '\\$&'));
  });

  it('turns comment HTML into the plain text a reader typed', () => {
    expect(
      htmlToPlainText(
        'Not so sure. <em>Most</em> brands &amp; shops.\n\nSee <a href="https://example.org/x">my notes</a>.',
      ),
    ).toBe('Not so sure. Most brands & shops.\n\nSee my notes (https://example.org/x).');
    expect(htmlToPlainText('<script>alert(1)</script>Hi')).not.toContain('<script>');
  });
});

describe('planPosts', () => {
  const plan = planPosts(parseWxr(fixture), noContent);

  it('pairs the Polylang translations under one file name, with the English one as the original', () => {
    const article = plan.posts.filter((post) => post.translationKey === 'wechat-mobile-marketing-mayhem');
    expect(article.map((post) => [post.locale, post.slug, post.sourceLocale])).toEqual([
      ['en', 'wechat-mobile-marketing-mayhem', undefined],
      ['zh-cn', 'wechat-mobile-marketing-mayhem', 'en'],
    ]);
    expect(article[1]?.title).toBe('微信：昙花一现还是新的契机？');
    expect(article[0]?.description).toMatch(/^Weixin is now We Chat/);
    expect(article[0]?.pubDate).toBe('2012-07-01');
  });

  it('maps tags and categories to one slug per tag across languages, named in each language', () => {
    const article = plan.posts.find((post) => post.locale === 'zh-cn');
    expect(article?.tags).toEqual(['mobile-marketing', 'stickers', 'wechat']);
    expect(plan.newTags.get('stickers')).toEqual({ en: 'Stickers', 'zh-cn': '贴图' });
    expect(plan.newTags.get('events')).toEqual({ en: 'Events & workshops', 'zh-cn': 'Events & workshops' });
    expect(plan.warnings.join('\n')).toContain('"events" is named "Events & workshops" in zh-cn too');
  });

  it('shortens a title too long for the schema with a warning, and imports a post without language in the export’s', () => {
    const workshop = plan.posts.find((post) => post.slug === 'qr-code-workshop-photos');
    expect(workshop?.title.length).toBeLessThanOrEqual(70);
    expect(workshop?.title).toMatch(/…$/);
    expect(workshop?.locale).toBe('en');
    expect(plan.warnings.some((w) => w.includes('longer than 70 characters'))).toBe(true);
    expect(plan.warnings.some((w) => w.includes('no Polylang or WPML language: imported as en'))).toBe(true);
  });

  it('leaves drafts, pages and attachments out and says so', () => {
    expect(plan.posts).toHaveLength(3);
    expect([...plan.skipped.values()].reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('keeps an existing post and sends its comments to the existing thread', () => {
    const kept = planPosts(parseWxr(fixture), {
      posts: new Map([['en/wechat-mobile-marketing-mayhem', 'old-key']]),
      tags: new Set(['wechat', 'stickers', 'events', 'mobile-marketing']),
    });
    const article = kept.posts.filter((post) => post.slug === 'wechat-mobile-marketing-mayhem');
    expect(article.map((post) => [post.locale, post.exists, post.translationKey])).toEqual([
      ['en', true, 'old-key'],
      ['zh-cn', false, 'old-key'],
    ]);
    expect(kept.newTags.size).toBe(0);
  });

  it('pairs WPML translations (its export add-on’s post meta), the source language as the original', () => {
    const item = (
      id: number,
      lang: string,
      source: string,
    ) => `<item><title>Post ${id}</title><wp:post_id>${id}</wp:post_id><wp:post_name>wpml-post-${id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_date_gmt>2013-01-02 03:04:05</wp:post_date_gmt><content:encoded><![CDATA[Text ${id}]]></content:encoded><excerpt:encoded><![CDATA[Excerpt ${id}]]></excerpt:encoded>
      <wp:postmeta><wp:meta_key>_wpml_import_language_code</wp:meta_key><wp:meta_value>${lang}</wp:meta_value></wp:postmeta>
      <wp:postmeta><wp:meta_key>_wpml_import_translation_group</wp:meta_key><wp:meta_value>77</wp:meta_value></wp:postmeta>
      ${source ? `<wp:postmeta><wp:meta_key>_wpml_import_source_language_code</wp:meta_key><wp:meta_value>${source}</wp:meta_value></wp:postmeta>` : ''}</item>`;
    const xml = `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"><channel><title>W</title><link>https://wpml.example</link><language>en-US</language><wp:wxr_version>1.2</wp:wxr_version>${item(1, 'en', 'zh-hans')}${item(2, 'zh-hans', '')}</channel></rss>`;
    const wpml = planPosts(parseWxr(xml), noContent);
    expect(wpml.posts.map((post) => [post.locale, post.slug, post.sourceLocale])).toEqual([
      ['en', 'wpml-post-1', 'zh-cn'],
      ['zh-cn', 'wpml-post-1', undefined],
    ]);
    expect(wpml.warnings).toEqual([]);
  });

  it('points links to other imported posts (permalink or ?p=ID) at their new paths', () => {
    const rewrite = oldLinkRewriter(plan.posts, 'http://old.syengage.test', postPath);
    expect(rewrite('http://old.syengage.test/?p=10')).toBe('/blog/wechat-mobile-marketing-mayhem/');
    expect(rewrite('http://old.syengage.test/?p=11#comments')).toBe(
      '/zh-cn/blog/wechat-mobile-marketing-mayhem/#comments',
    );
    expect(rewrite('http://old.syengage.test/blog/line-for-brands/')).toBeUndefined();
    const markdown = convertPostBody(
      'See <a href="http://old.syengage.test/?p=10">the article</a> and <a href="https://example.com/">elsewhere</a>.',
      { ...none, rewriteLink: rewrite },
    ).markdown;
    expect(markdown).toBe(
      'See [the article](/blog/wechat-mobile-marketing-mayhem/) and [elsewhere](https://example.com/).',
    );
  });

  it('maps WordPress language codes to the site’s locales', () => {
    expect(['en_US', 'en', 'zh', 'zh_CN', 'zh-hans', 'fr'].map(siteLocaleFor)).toEqual([
      'en',
      'en',
      'zh-cn',
      'zh-cn',
      'zh-cn',
      undefined,
    ]);
    expect(shorten('word '.repeat(30).trim(), 20)).toBe('word word word word…');
  });
});

describe('planComments', () => {
  const wxr = parseWxr(fixture);
  const posts = planPosts(wxr, noContent).posts.map((post) => ({
    thread: post.translationKey,
    locale: post.locale,
    comments: post.item.comments,
  }));
  const options = { includeSpam: false, includeTrash: false, site: 'old.syengage.test', firstId: 100 };

  it('keeps approved and pending comments, replies under their parent, dates and authors; no spam, no pingbacks, no IP', () => {
    const { records, skipped } = planComments(posts, [], options);
    expect(records.map((r) => [r.authorName, r.status, r.locale, r.parentId])).toEqual([
      ['Mei Lin', 'approved', 'en', null],
      ['Tom Becker', 'approved', 'en', null],
      ['Curious Reader', 'pending', 'en', null],
      ['syENGAGE', 'approved', 'en', 100],
      ['王小明', 'approved', 'zh-cn', null],
    ]);
    expect(records[0]).toMatchObject({
      id: 100,
      thread: 'wechat-mobile-marketing-mayhem',
      authorEmail: 'mei.lin@example.com',
      authorUrl: 'http://meilin.example.com',
      createdAt: Date.parse('2012-07-02T08:15:00Z'),
    });
    expect(records[3]?.body).toBe('Thanks Mei! Tell us how it goes & what your customers ask for.');
    expect(JSON.stringify(records)).not.toMatch(/203\.0\.113|198\.51\.100|192\.0\.2/);
    expect(records.every((r) => r.ipHash === importMarker('old.syengage.test', Number(r.ipHash.split('#')[1])))).toBe(
      true,
    );
    expect(Object.fromEntries(skipped)).toEqual({ spam: 1, pingbacks: 1 });
  });

  it('keeps spam only when asked', () => {
    const { records } = planComments(posts, [], { ...options, includeSpam: true });
    expect(records.filter((r) => r.status === 'spam').map((r) => r.authorName)).toEqual(['Cheap Watches']);
  });

  it('adds nothing twice: comments of an earlier import are recognised, and a new reply finds its imported parent', () => {
    const first = planComments(posts, [], options).records;
    expect(planComments(posts, first, options).records).toEqual([]);
    const withoutReply = first.filter((r) => r.authorName !== 'syENGAGE');
    const second = planComments(posts, withoutReply, { ...options, firstId: 200 }).records;
    expect(second.map((r) => [r.id, r.authorName, r.parentId])).toEqual([[200, 'syENGAGE', 100]]);
  });
});
