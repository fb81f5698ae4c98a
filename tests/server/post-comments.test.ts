import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_SECTION_END, COMMENT_SECTION_START } from '../../src/comments/section.ts';
import { verifyFormToken } from '../../src/comments/spam.ts';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import { commentsPageOf, createPostComments } from '../../src/server/post-comments.ts';

const SECRET = 'post-comments-secret-0123456789';
const THREAD = 'a-post';
let dir: string;
let store: SqliteCommentStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'post-comments-'));
  store = new SqliteCommentStore(join(dir, 'comments.db'));
  mkdirSync(join(dir, 'dist', 'zh-cn', 'blog', THREAD), { recursive: true });
  writeFileSync(
    join(dir, 'dist', 'zh-cn', 'blog', THREAD, 'index.html'),
    `<!DOCTYPE html><html lang="zh-CN"><body><main><h1>文章</h1>${COMMENT_SECTION_START}<section>as built</section>${COMMENT_SECTION_END}</main><footer>${'页脚 '.repeat(500)}</footer></body></html>`,
  );
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const posts = () =>
  createPostComments({
    store,
    secret: SECRET,
    distDir: join(dir, 'dist'),
    threadPosts: new Map([[THREAD, { 'zh-cn': { title: '文章', path: `/zh-cn/blog/${THREAD}/` } }]]),
    now: () => Date.UTC(2026, 0, 1),
  });
const approve = (name: string, body: string, at: number) =>
  store.insert({
    thread: THREAD,
    parentId: null,
    locale: 'en',
    authorName: name,
    authorEmail: 'a@example.com',
    authorUrl: null,
    body,
    status: 'approved',
    createdAt: at,
    ipHash: 'x',
    fingerprint: `${name}${at}`,
  });
const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('comments written into a served post page', () => {
  it('replaces the built section with the approved comments (as text) and a token the API accepts, for posts only', async () => {
    await approve('<script>x</script>', 'Hello <b>there</b>', Date.UTC(2025, 11, 31, 9, 30));
    const pages = posts();
    expect(pages.isPost('/zh-cn/blog/a-post/')).toBe(true);
    expect(pages.isPost('/zh-cn/blog/other/')).toBe(false);
    expect(await pages.render('/zh-cn/blog/other/', 1)).toBeNull();
    const html = (await pages.render('/zh-cn/blog/a-post/', 1))!.toString();
    expect(html).not.toContain('as built');
    expect(html).toContain('<bdi class="comment-author">&lt;script&gt;x&lt;/script&gt;</bdi>');
    expect(html).toContain('Hello &lt;b&gt;there&lt;/b&gt;');
    expect(html).toContain('2025年12月31日 09:30 UTC');
    expect(html).toMatch(/《文章》有 1 条评论/);
    expect(html.endsWith('</footer></body></html>')).toBe(true);
    const verdict = verifyFormToken(tokenOf(html), THREAD, SECRET, Date.UTC(2026, 0, 1) + 10_000, {
      minFillSeconds: 3,
      tokenMaxAgeSeconds: 3600,
    });
    expect(verdict.ok).toBe(true);
  });

  it('gives every request its own token, and gzips to exactly the page', async () => {
    const pages = posts();
    const first = (await pages.render('/zh-cn/blog/a-post/', 1))!.toString();
    const zipped = await pages.render('/zh-cn/blog/a-post/', 1, { gzip: true });
    const second = gunzipSync(zipped!).toString();
    expect(tokenOf(first)).not.toBe(tokenOf(second));
    expect(second.replace(tokenOf(second), 'T')).toBe(first.replace(tokenOf(first), 'T'));
  });

  it('shows a comment approved after the page was cached, and pages with ?comments=N (past the last: the last)', async () => {
    const pages = posts();
    expect((await pages.render('/zh-cn/blog/a-post/', 1))!.toString()).toMatch(/暂无评论/);
    for (let index = 0; index < 51; index += 1)
      await approve(`R${index}`, `Comment ${index}`, Date.UTC(2025, 0, 1) + index);
    const first = (await pages.render('/zh-cn/blog/a-post/', 1))!.toString();
    expect(first).toMatch(/有 51 条评论/);
    expect(first).toContain('href="/zh-cn/blog/a-post/?comments=2#comments"');
    const last = (await pages.render(
      '/zh-cn/blog/a-post/',
      commentsPageOf('/zh-cn/blog/a-post/?comments=9'),
    ))!.toString();
    expect(last).toContain('Comment 50');
    expect(last).not.toContain('Comment 49<');
    expect(commentsPageOf('/x/?comments=abc')).toBe(1);
  });
});
