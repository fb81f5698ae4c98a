import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { THREAD_ID } from './input.ts';

/** Where the build writes the thread keys of published posts (src/pages/comment-threads.json.ts). */
export const THREADS_FILE_NAME = 'comment-threads.json';

const threadList = z.object({ threads: z.array(z.string().regex(THREAD_ID, { error: 'a post key such as "my-post"' })) });

/** The JSON the build writes: the translationKeys of published posts, each once, sorted. */
export function threadListJson(keys: Iterable<string>): string {
  return `${JSON.stringify({ threads: [...new Set(keys)].sort() }, null, 2)}\n`;
}

/** Reads a thread list (`{"threads": [...]}`); a malformed file stops the server with the file's name and the problem. */
export function loadKnownThreads(path: string): ReadonlySet<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the comment thread list ${path}: ${(error as Error).message}. Run "npm run build" first, or unset COMMENTS_THREADS_FILE.`);
  }
  const result = threadList.safeParse(parsed);
  if (!result.success) {
    throw new Error(`Invalid comment thread list ${path}: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return new Set(result.data.threads);
}
