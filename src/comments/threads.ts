import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { localeKeys, type Locale } from '../i18n/locales.ts';
import { THREAD_ID, isReturnPath } from './input.ts';
import { distFileOf, sitePath } from '../routes/table.ts';

/** Where the build writes the thread keys of published posts (src/pages/comment-threads.json.ts). */
export const THREADS_FILE_NAME = distFileOf(sitePath('commentThreads'));

/** A post of a thread in one locale: what the server-rendered comment page names and links back to. */
export interface ThreadPost {
  title: string;
  /** The post page ("/zh-cn/blog/x/"). */
  path: string;
}

/** Per thread, its post in each locale the build publishes it in. */
export type ThreadPosts = ReadonlyMap<string, Partial<Record<Locale, ThreadPost>>>;

/** One published post, as the build lists it. */
export interface ThreadEntry extends ThreadPost {
  thread: string;
  locale: Locale;
}

const threadPost = z.object({
  title: z.string().min(1).max(500),
  path: z.string().refine(isReturnPath, { error: 'a post path such as "/blog/my-post/"' }),
});

const threadList = z.object({
  threads: z.array(z.string().regex(THREAD_ID, { error: 'a post key such as "my-post"' })),
  // Optional: a list written before titles were added still loads (the pages then fall back to generic headings).
  posts: z
    .record(z.string().regex(THREAD_ID), z.partialRecord(z.enum(localeKeys as [Locale, ...Locale[]]), threadPost))
    .optional(),
});

/**
 * The JSON the build writes: the translationKeys of published posts, each once, sorted, and per
 * key the title and path of the post in each locale.
 */
export function threadListJson(entries: Iterable<ThreadEntry>): string {
  const posts: Record<string, Partial<Record<Locale, ThreadPost>>> = {};
  for (const { thread, locale, title, path } of entries) (posts[thread] ??= {})[locale] = { title, path };
  const threads = Object.keys(posts).sort();
  return `${JSON.stringify({ threads, posts: Object.fromEntries(threads.map((thread) => [thread, posts[thread]])) }, null, 2)}\n`;
}

/** Reads a thread list; a malformed file stops the server with the file's name and the problem. */
export function loadThreadList(path: string): { threads: ReadonlySet<string>; posts: ThreadPosts } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read the comment thread list ${path}: ${(error as Error).message}. Run "npm run build" first, or unset COMMENTS_THREADS_FILE.`,
    );
  }
  const result = threadList.safeParse(parsed);
  if (!result.success) {
    throw new Error(
      `Invalid comment thread list ${path}: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  return { threads: new Set(result.data.threads), posts: new Map(Object.entries(result.data.posts ?? {})) };
}

/** The thread keys of a thread list (`{"threads": [...]}`). */
export function loadKnownThreads(path: string): ReadonlySet<string> {
  return loadThreadList(path).threads;
}
