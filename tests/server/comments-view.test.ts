import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import type { ThreadPosts } from '../../src/comments/threads.ts';
import { createCommentsApp, type CommentsAppOptions } from '../../src/server/comments-app.ts';

const SECRET = 'view-test-secret-0123456789';
const THREAD = 'wechat-mobile-marketing-mayhem';
const EN_POST = `/blog/${THREAD}/`;
const ZH_POST = `/zh-cn/blog/${THREAD}/`;
const posts: ThreadPosts = new Map([
  [
    THREAD,
    {
      en: { title: 'We Chat: Mobile Marketing Mayhem?', path: EN_POST },
      'zh-cn': { title: '微信：昙花一现还是新的契机？', path: ZH_POST },
    },
  ],
  ['english-only', { en: { title: 'Only <em>in</em> English', path: '/blog/english-only/' } }],
]);

let dir: string;
let store: SqliteCommentStore;
let app: ReturnType<typeof createCommentsApp>;
const makeApp = (options: Partial<CommentsAppOptions> = {}) => {
  app = createCommentsApp({
    store,
    secret: SECRET,
    knownThreads: new Set(posts.keys()),
    threadPosts: posts,
    ...options,
  });
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comments-view-'));
  store = new SqliteCommentStore(join(dir, 'comments.db'));
  makeApp();
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

// The dist checks' settings, without the exceptions that exist only for Astro's output.
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off' } });
async function expectValid(html: string, name: string) {
  const report = await validator.validateString(html, name);
  const problems = report.results.flatMap((result) =>
    result.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
  );
  expect(problems).toEqual([]);
}

const view = async (query: string) => {
  const response = await app.request(`/api/comments/view?${query}`);
  return { status: response.status, html: await response.text() };
};
const postForm = (fields: Record<string, string>) =>
  app.request(
    '/api/comments',
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    },
    { incoming: { socket: { remoteAddress: '198.51.100.7' } } },
  );

const text = (html: string, pattern: RegExp) =>
  pattern
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .trim();

// The site's look (header, footer, stylesheet, language links) comes from the built frame:
// tests/built/server-pages.test.ts. Without a build the pages use the plain frame, as here.
describe('the no-JavaScript comment pages', () => {
  it('name the post in the heading and the tab, in English and Chinese', async () => {
    const en = await view(`thread=${THREAD}&locale=en&post=${encodeURIComponent(EN_POST)}`);
    expect(en.status).toBe(200);
    expect(text(en.html, /<title>([^<]*)<\/title>/)).toBe('Comments: We Chat: Mobile Marketing Mayhem? | syENGAGE');
    expect(text(en.html, /<h1>(.*?)<\/h1>/s)).toBe('No thoughts yet on “We Chat: Mobile Marketing Mayhem?”');

    const zh = await view(`thread=${THREAD}&locale=zh-cn&post=${encodeURIComponent(ZH_POST)}`);
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(text(zh.html, /<title>([^<]*)<\/title>/)).toBe('评论：微信：昙花一现还是新的契机？ | syENGAGE');
    expect(text(zh.html, /<h1>(.*?)<\/h1>/s)).toBe('《微信：昙花一现还是新的契机？》暂无评论');
    expect(zh.html).toContain(`<a href="${ZH_POST}">← 返回文章</a>`);
    expect(zh.html).toMatch(/<button type="submit" class="button comment-submit">发表评论<\/button>/);
  });

  it('carry no stylesheet of their own: the look is the site’s, through its frame', () => {
    for (const file of ['src/server/comments-view.ts', 'src/server/security-headers.ts'])
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/--color-|font-family|#[0-9a-f]{6}\b/i);
  });

  it('link back to the post even when opened without ?post=, and keep a title as text', async () => {
    expect((await view(`thread=${THREAD}&locale=en`)).html).toContain(`<a href="${EN_POST}">← Back to the post</a>`);
    const { html } = await view('thread=english-only&locale=en');
    // A title is text, never markup.
    expect(html).toContain('Only &lt;em&gt;in&lt;/em&gt; English');
  });

  it('fall back to a plain count without the build’s list of posts', async () => {
    makeApp({ threadPosts: undefined, knownThreads: undefined });
    const { html } = await view(`thread=${THREAD}&locale=en`);
    expect(text(html, /<title>([^<]*)<\/title>/)).toBe('Comments | syENGAGE');
    expect(text(html, /<h1>(.*?)<\/h1>/s)).toBe('No comments yet');
    await expectValid(html, 'fallback');
  });

  it('pass html-validate: the thread, the send-once-more page, the form with errors and the error page, in both languages', async () => {
    await expectValid((await view(`thread=${THREAD}&locale=en&post=${encodeURIComponent(EN_POST)}`)).html, 'view-en');
    const base = {
      thread: THREAD,
      authorEmail: 'a@example.com',
      status: 'approved' as const,
      createdAt: Date.UTC(2026, 0, 2),
      ipHash: 'x',
    };
    const parent = await store.insert({
      ...base,
      parentId: null,
      locale: 'en',
      authorName: 'Ada',
      authorUrl: 'https://ada.example/',
      body: 'First.\n\nSee https://example.com/a.',
      fingerprint: 'f1',
    });
    await store.insert({
      ...base,
      parentId: parent.id,
      locale: 'zh-cn',
      authorName: '李四',
      authorUrl: null,
      body: '回复',
      fingerprint: 'f2',
    });
    const zh = (await view(`thread=${THREAD}&locale=zh-cn`)).html;
    expect(text(zh, /<h1>(.*?)<\/h1>/s)).toBe('《微信：昙花一现还是新的契机？》有 2 条评论');
    await expectValid(zh, 'view-zh');

    const fields = {
      thread: THREAD,
      locale: 'zh-cn',
      returnTo: ZH_POST,
      name: '张三',
      email: 'zhang@example.com',
      url: '',
      body: '你好',
    };
    const confirm = await postForm(fields);
    expect(confirm.status).toBe(422);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain(
      '<p class="comment-summary comment-summary-info" role="alert" data-summary>为防止垃圾评论，请检查你的评论并再次发送。</p>',
    );
    await expectValid(confirmHtml, 'confirm-zh');

    const invalid = await postForm({ ...fields, locale: 'en', name: '', email: 'nope', url: 'javascript:alert(1)' });
    const invalidHtml = await invalid.text();
    // The summary comes first in the form, styled as an error; each field carries its own message.
    expect(invalidHtml).toMatch(
      /<form method="post" action="\/api\/comments"[^>]*>\s*<p class="comment-summary" role="alert" data-summary>Your comment was not sent\./,
    );
    expect(invalidHtml).toMatch(
      /<input id="comment-email"[^>]* aria-invalid="true" aria-describedby="comment-error-email"[^>]*>\s*<span class="comment-error" id="comment-error-email" data-error-for="email">Please enter a valid email address/,
    );
    await expectValid(invalidHtml, 'invalid-en');

    const error = await view('thread=no-such-post&locale=zh-cn');
    expect(error.status).toBe(404);
    expect(error.html).toContain('<a href="/zh-cn/">');
    await expectValid(error.html, 'error-zh');
  });

  it('mark every required field the same way', async () => {
    const { html } = await view(`thread=${THREAD}&locale=en`);
    const labels = [...html.matchAll(/<label for="comment-(body|name|email|url)">(.*?)<\/label>/g)].map(
      ([, name, label]) => [name, label],
    );
    expect(labels).toEqual([
      ['body', 'Comment <span class="comment-required" aria-hidden="true">*</span>'],
      ['name', 'Name <span class="comment-required" aria-hidden="true">*</span>'],
      ['email', 'Email <span class="comment-required" aria-hidden="true">*</span>'],
      ['url', 'Website'],
    ]);
  });
});
