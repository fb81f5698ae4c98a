import { z } from 'zod';

/**
 * The COMMENTS_* variables of `env` checked by `schema`; a bad value throws with the variable's name
 * (never its value). Empty variables count as unset, as in most shells' `VAR= command`.
 */
export function parseCommentsVariables<Schema extends z.ZodType>(
  schema: Schema,
  env: NodeJS.ProcessEnv,
  what: string,
): z.output<Schema> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith('COMMENTS_') && value !== ''),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new Error(
      `Invalid ${what}: ${result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`).join('; ')}`,
    );
  }
  return result.data;
}

/**
 * A comma-separated list in one variable, each item checked by `item` (a bad one is named by the
 * item's message); unset, it reads as `fallback`. Spaces around the commas are dropped.
 */
export function commaList<Item extends z.ZodType<unknown, string>>(item: Item, fallback = '') {
  return z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
}
