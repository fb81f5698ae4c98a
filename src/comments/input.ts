import { z } from 'zod';
import { defaultLocale, isLocale, localeKeys, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { COMMENT_LIMITS } from './limits.ts';
import { normalizeCommentText, websiteUrl } from './body.ts';

/** Name of the honeypot field: hidden from people, tempting to form-filling robots. */
export const HONEYPOT_FIELD = 'homepage';

/** A thread id is a post's translationKey: lower-case slug characters. */
export const THREAD_ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/** Paths a form may return to: a post page in some locale ("/blog/x/", "/zh-cn/blog/x/"). */
const RETURN_PATH = new RegExp(
  `^(?:/(?:${localeKeys.map((k) => k.replace('-', '\\-')).join('|')}))?/blog/[a-z0-9][a-z0-9_-]{0,99}/$`,
);

/** Whether `path` is a post page of this site, the only place a form post may redirect to. */
export function isReturnPath(path: string): boolean {
  return RETURN_PATH.test(path);
}

/** Characters as a reader counts them (code points, so an emoji counts once). */
const length = (text: string) => [...text].length;

/** The locale a request asks for: a known locale key, else the default. Read before validation so errors speak the reader's language. */
export function requestLocale(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}

/**
 * The schema of a posted comment, with messages in `locale`. Form fields and JSON share it:
 * every field arrives as a string (or is missing). Built once per locale: building a zod schema
 * (and its compiled parser) costs far more than using it.
 */
export function commentInputSchema(locale: Locale) {
  let schema = schemas.get(locale);
  if (!schema) {
    schema = buildSchema(locale);
    schemas.set(locale, schema);
  }
  return schema;
}

const schemas = new Map<Locale, ReturnType<typeof buildSchema>>();

function buildSchema(locale: Locale) {
  const t = useTranslations(locale);
  const notText = t('comments.error.notText');
  // The type is checked before anything converts a value: an array or object in a text field is
  // refused with a message for that field, never turned into "[object Object]" or thrown at.
  const string = (missing = notText) => z.string({ error: (issue) => (issue.input === undefined ? missing : notText) });
  const text = (
    max: number,
    required: 'comments.error.nameRequired' | 'comments.error.bodyRequired',
    tooLong: 'comments.error.nameTooLong' | 'comments.error.bodyTooLong',
  ) =>
    string(t(required))
      .transform(normalizeCommentText)
      .refine((value) => value.trim() !== '', { error: t(required) })
      .refine((value) => length(value) <= max, { error: t(tooLong, { max }) });
  return z.object({
    thread: string(t('comments.error.thread')).regex(THREAD_ID, { error: t('comments.error.thread') }),
    locale: z.enum(localeKeys as [Locale, ...Locale[]]).catch(locale),
    // A form sends the id as text, JSON may send a number.
    parent: z
      .union([z.string(), z.number()], { error: notText })
      .optional()
      .refine(
        (value) =>
          value === undefined ||
          value === '' ||
          (typeof value === 'string' ? /^[1-9]\d{0,15}$/.test(value) : Number.isSafeInteger(value) && value > 0),
        {
          error: t('comments.error.parent'),
        },
      )
      .transform((value) => (value === undefined || value === '' ? null : Number(value))),
    name: text(COMMENT_LIMITS.name, 'comments.error.nameRequired', 'comments.error.nameTooLong').transform((value) =>
      value.replace(/\s+/g, ' ').trim(),
    ),
    email: string(t('comments.error.emailInvalid'))
      .trim()
      .refine((value) => length(value) <= COMMENT_LIMITS.email, {
        error: t('comments.error.emailTooLong', { max: COMMENT_LIMITS.email }),
      })
      .pipe(z.email({ error: t('comments.error.emailInvalid') }))
      .transform((value) => value.toLowerCase()),
    url: string()
      .trim()
      .optional()
      .transform((value) => value ?? '')
      .refine((value) => length(value) <= COMMENT_LIMITS.url, {
        error: t('comments.error.urlTooLong', { max: COMMENT_LIMITS.url }),
      })
      .refine((value) => value === '' || websiteUrl(value) !== null, { error: t('comments.error.urlInvalid') })
      .transform((value) => (value === '' ? null : websiteUrl(value))),
    body: text(COMMENT_LIMITS.body, 'comments.error.bodyRequired', 'comments.error.bodyTooLong'),
    token: string()
      .max(500, { error: t('comments.error.token') })
      .optional()
      .transform((value) => value ?? ''),
    [HONEYPOT_FIELD]: string()
      .max(COMMENT_LIMITS.body, { error: notText })
      .optional()
      .transform((value) => value ?? ''),
    returnTo: string()
      .optional()
      .transform((value) => (value !== undefined && RETURN_PATH.test(value) ? value : null)),
  });
}

/** A posted comment after validation. */
export type CommentInput = z.output<ReturnType<typeof commentInputSchema>>;

/** Field name → message, for the first problem of each field (what a reader can act on). */
export type FieldErrors = Partial<Record<string, string>>;

/** Validates raw fields; on failure, one message per field in the reader's language. */
export function parseCommentInput(
  raw: unknown,
  locale: Locale,
): { ok: true; value: CommentInput } | { ok: false; errors: FieldErrors } {
  const result = commentInputSchema(locale).safeParse(raw ?? {});
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'body');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
