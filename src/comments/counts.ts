/**
 * Comment counts on post lists: the pieces the page's script needs, kept pure so they are tested
 * without a browser.
 */
import { defineBrowserStrings } from '../i18n/browser-strings.ts';

/** The wording of a count, `comments.count` with `{ count }`: "No comments yet", "One comment", "12 comments" (i18next picks the form). */
export const commentCountStrings = defineBrowserStrings('comment counts', ['comments.count']);

/** How many threads one counts request may name (the API refuses more). */
export const MAX_COUNT_THREADS = 100;

/** The threads of one page's lists, each once, in page order, at most `MAX_COUNT_THREADS`: one request covers them. */
export function threadsToCount(keys: readonly (string | undefined)[]): string[] {
  return [...new Set(keys.filter((key): key is string => Boolean(key)))].slice(0, MAX_COUNT_THREADS);
}

/** Reads the API's `{counts: {thread: n}}` answer; anything else gives no counts (nothing is shown). */
export function parseCounts(body: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  const raw = typeof body === 'object' && body !== null ? (body as { counts?: unknown }).counts : undefined;
  if (typeof raw !== 'object' || raw === null) return counts;
  for (const [thread, value] of Object.entries(raw)) {
    if (Number.isSafeInteger(value) && (value as number) >= 0) counts.set(thread, value as number);
  }
  return counts;
}
