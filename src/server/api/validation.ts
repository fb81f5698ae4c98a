import { z } from 'zod';
import { THREAD_ID } from '../../comments/input.ts';

/** A thread key in a query: a post's translationKey. */
export const threadId = z.string().regex(THREAD_ID);

/** A page number in a query; anything else is page 1. */
export const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);

/** A comment id in a path or query. */
export const commentId = z.coerce.number().int().positive();

/** Field name → the first problem with it, as the admin API reports a query it cannot use. */
export function fieldIssues(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): Record<string, string> {
  return Object.fromEntries(error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}
