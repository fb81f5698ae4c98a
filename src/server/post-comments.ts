/**
 * Approved comments and a fresh form token in a post page as the server serves it, so a reader
 * without JavaScript reads the comments on the post and sends a comment with one click (a static
 * host keeps the built page, whose script loads both). The built page is read once per store
 * revision and split around the form token: a request costs a revision check, one HMAC, one
 * concatenation and the compression (measured: `npm run bench:post-page`, docs/performance.md).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locale } from '../i18n/locales.ts';
import { COMMENTS_PER_PAGE } from '../comments/limits.ts';
import { toPublicComment } from '../comments/public.ts';
import { COMMENT_SECTION_END, COMMENT_SECTION_START, commentSectionHtml } from '../comments/section.ts';
import { signFormToken } from '../comments/spam.ts';
import type { CommentStore } from '../comments/store.ts';
import type { ThreadPosts } from '../comments/threads.ts';

export interface PostCommentsOptions {
  store: CommentStore;
  /** Signs form tokens (the API's secret: the API checks them). */
  secret: string;
  /** Each thread's post per locale (comment-threads.json): which pages are posts, their thread and title. */
  threadPosts: ThreadPosts;
  distDir: string;
  /** Pages kept rendered (LRU); each holds one built post page. */
  maxEntries?: number | undefined;
  now?: (() => number) | undefined;
}

interface PostPage {
  thread: string;
  locale: Locale;
  title: string;
  path: string;
}

interface Rendered {
  revision: string;
  /** The page up to the token's value, and after it. */
  head: Buffer;
  tail: Buffer;
}

// Not a token any signature makes, and never in a page: where the token goes.
const TOKEN_SLOT = '\u0000token\u0000';

/** The page of comments a post URL asks for ("?comments=2"), 1 when none or malformed. */
export function commentsPageOf(url: string): number {
  const match = /[?&]comments=(\d{1,6})(?:&|#|$)/.exec(url);
  return match ? Math.max(1, Number(match[1])) : 1;
}

/** Post pages with their comments written in. `render` answers null for a path that is not a post. */
export function createPostComments(options: PostCommentsOptions) {
  const { store, secret, distDir } = options;
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 200;
  const posts = new Map<string, PostPage>();
  for (const [thread, byLocale] of options.threadPosts)
    for (const [locale, post] of Object.entries(byLocale))
      if (post) posts.set(post.path, { thread, locale: locale as Locale, title: post.title, path: post.path });
  const cache = new Map<string, Rendered>();

  const renderPage = async (post: PostPage, requested: number, revision: string): Promise<Rendered | null> => {
    const built = await readFile(join(distDir, post.path, 'index.html'), 'utf8');
    const start = built.indexOf(COMMENT_SECTION_START);
    const end = built.indexOf(COMMENT_SECTION_END, start);
    if (start < 0 || end < 0) return null;
    let result = await store.approvedPage(post.thread, requested, COMMENTS_PER_PAGE);
    const pages = Math.max(1, Math.ceil(result.topLevel / COMMENTS_PER_PAGE));
    // A page past the last (a comment removed since the link was made) shows the last one.
    const page = Math.min(requested, pages);
    if (page !== requested) result = await store.approvedPage(post.thread, page, COMMENTS_PER_PAGE);
    const section = commentSectionHtml({
      ...post,
      data: { page, pages, total: result.total, comments: result.comments.map((comment) => toPublicComment(comment)) },
      token: TOKEN_SLOT,
    });
    // The token's input comes after every comment in the section, so its slot is the last one.
    const slot = section.lastIndexOf(TOKEN_SLOT);
    return {
      revision,
      head: Buffer.from(built.slice(0, start + COMMENT_SECTION_START.length) + section.slice(0, slot)),
      tail: Buffer.from(section.slice(slot + TOKEN_SLOT.length) + built.slice(end)),
    };
  };

  return {
    /** Whether `pathname` is a post page this server writes comments into. */
    isPost: (pathname: string) => posts.has(pathname),
    /** The post page at `pathname` with page `page` of its comments and a fresh token, or null to serve the built file. */
    async render(pathname: string, page: number): Promise<Buffer | null> {
      const post = posts.get(pathname);
      if (!post) return null;
      const key = `${pathname}\u0000${page}`;
      const revision = await store.revision();
      let entry = cache.get(key);
      if (entry?.revision !== revision) {
        const rendered = await renderPage(post, page, revision);
        if (!rendered) return null;
        entry = rendered;
      }
      // Least recently used goes first.
      cache.delete(key);
      cache.set(key, entry);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
      return Buffer.concat([entry.head, Buffer.from(signFormToken(post.thread, now(), secret)), entry.tail]);
    },
  };
}

export type PostComments = ReturnType<typeof createPostComments>;
