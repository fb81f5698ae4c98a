import { describe, expect, it } from 'vitest';
import { h, toHtml } from '../../src/comments/markup.ts';
import { commentItem, formatCommentTime } from '../../src/comments/presentation.ts';
import type { PublicComment } from '../../src/comments/public.ts';
import { commentSectionHtml, commentView } from '../../src/comments/section.ts';

const view = commentView;
const comment: PublicComment = {
  id: 7,
  parentId: null,
  name: '<img src=x onerror=alert(1)> "Bob"',
  url: 'https://bob.example/',
  locale: 'zh-cn',
  createdAt: '2026-01-02T14:05:09.000Z',
  text: 'x',
  paragraphs: [
    [
      [{ type: 'text', text: '</p><script>1</script>' }],
      [{ type: 'link', href: 'https://a.example/?q="x"', text: 'a' }],
    ],
  ],
};

describe('markup', () => {
  it('escapes text and attribute values, leaves out false attributes, closes no void element', () => {
    expect(toHtml(h('p', { title: '"<&>\'', hidden: false, 'data-x': true }, '<b>&', h('br')))).toBe(
      '<p title="&quot;&lt;&amp;&gt;&#39;" data-x>&lt;b&gt;&amp;<br></p>',
    );
    // The HTML parser drops a textarea's first line break: one more keeps a value that starts with one.
    expect(toHtml(h('textarea', {}, '\nvalue'))).toBe('<textarea>\n\nvalue</textarea>');
  });
});

describe('a comment', () => {
  it('shows its time in UTC, marked so, in the page’s date style', () => {
    expect(formatCommentTime(comment.createdAt, view('en'))).toBe('2 January 2026, 14:05 UTC');
    expect(formatCommentTime(comment.createdAt, view('zh-cn'))).toBe('2026年1月2日 14:05 UTC');
  });

  it('is text wherever a reader typed, with the reply link and the language it was written in', () => {
    const html = toHtml(commentItem(comment, view('en'), (c) => `/reply/${c.id}`));
    expect(html).not.toMatch(/<img|<script|onerror="/);
    expect(html).toContain('<bdi class="comment-author"><a href="https://bob.example/" rel="nofollow ugc">&lt;img');
    expect(html).toContain('<a href="https://a.example/?q=&quot;x&quot;" rel="nofollow ugc">a</a>');
    expect(html).toContain('aria-label="Reply to &lt;img src=x onerror=alert(1)&gt; &quot;Bob&quot;"');
    expect(html).toContain(
      '<div class="comment-body" lang="zh-CN" dir="auto"><p>&lt;/p&gt;&lt;script&gt;1&lt;/script&gt;<br>',
    );
    expect(html).toContain('<span class="comment-lang">Written in Chinese</span>');
    expect(html).toContain('<time datetime="2026-01-02T14:05:09.000Z">2 January 2026, 14:05 UTC</time>');
  });
});

describe('the comment section', () => {
  const base = { locale: 'zh-cn', thread: 'a-post', title: 'A “post”', path: '/zh-cn/blog/a-post/' } as const;
  it('as built: no comments, no token, a link to the thread page for readers without JavaScript', () => {
    const html = commentSectionHtml(base);
    expect(html).toContain(
      '<noscript><p><a href="/api/comments/view?thread=a-post&amp;locale=zh-cn&amp;post=%2Fzh-cn%2Fblog%2Fa-post%2F">',
    );
    expect(html).toContain('<input type="hidden" name="token" value="">');
    expect(html).not.toContain('data-pages');
  });

  it('as served: the count in the heading, the page’s comments, links to the other pages and the token', () => {
    const html = commentSectionHtml({
      ...base,
      data: { page: 2, pages: 3, total: 120, comments: [comment] },
      token: 'tok.en',
    });
    expect(html).toContain('<h2 id="comments-heading" data-heading>《A “post”》有 120 条评论</h2>');
    expect(html).toContain('<li id="comment-7" class="comment">');
    expect(html).toContain(
      '<a href="/zh-cn/blog/a-post/#comments">较早的评论</a> <a href="/zh-cn/blog/a-post/?comments=3#comments">较新的评论</a>',
    );
    expect(html).toContain('<input type="hidden" name="token" value="tok.en">');
    expect(html).not.toContain('<noscript>');
  });
});
