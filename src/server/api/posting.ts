import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { defaultLocale, type Locale } from '../../i18n/locales.ts';
import { useTranslations } from '../../i18n/translate.ts';
import { THREAD_ID, isReturnPath, parseCommentInput, requestLocale } from '../../comments/input.ts';
import { MAX_REQUEST_BYTES } from '../../comments/limits.ts';
import { renderErrorPage, type FormState } from '../comments-view.ts';
import { clientAddress } from './client-address.ts';
import type { ApiContext, ApiDeps, ApiEnv } from './context.ts';
import { sameSiteWrites } from './origins.ts';
import { submitComment } from './submit-comment.ts';
import { wantsReplies } from '../../notify/index.ts';
import { threadPage, viewUrl } from './thread-page.ts';

/** How the comment was sent: by the page's script (JSON answers) or by a plain form (HTML answers, redirects). */
type Kind = 'json' | 'form';

/** The posted fields as sent, before validation; or the answer to a body that is no object of fields. */
async function readFields(c: ApiContext): Promise<{ kind: Kind; raw: Record<string, unknown> } | Response> {
  const type = c.req.header('content-type') ?? '';
  const kind: Kind = type.includes('application/json') ? 'json' : 'form';
  if (kind === 'form' && !type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) {
    return c.json({ error: 'unsupported-type', message: 'Send application/json or a form.' }, 415);
  }
  try {
    const parsed: unknown = kind === 'json' ? await c.req.json() : await c.req.parseBody();
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return { kind, raw: parsed as Record<string, unknown> };
  } catch {
    return c.json({ error: 'invalid', message: useTranslations(defaultLocale)('comments.error.invalid') }, 400);
  }
}

/** What a failed form post shows again: text only (a value of another type is shown empty, and the schema refuses it); never the token. */
function typedValues(raw: Record<string, unknown>): FormState['values'] {
  const asText = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  return {
    body: asText(raw['body']),
    name: asText(raw['name']),
    email: asText(raw['email']),
    url: asText(raw['url']),
    parent: asText(raw['parent']),
  };
}

/**
 * POST /api/comments: the origin check, the size limit, the body (JSON from the page's script or
 * a plain form), validation with per-field messages in the reader's language, then the spam rules
 * and the store (`submitComment`). JSON senders get JSON; form senders get the form again with the
 * message, or a redirect back to the post. Mounted at `/api/comments`.
 */
export function postingRoutes(deps: ApiDeps, allowedOrigins: ReadonlySet<string>) {
  return new Hono<ApiEnv>().post(
    '/',
    // First, before the body is read or converted: a post from another site learns nothing else.
    sameSiteWrites(allowedOrigins),
    bodyLimit({
      maxSize: MAX_REQUEST_BYTES,
      onError: (c) =>
        c.json({ error: 'too-large', message: useTranslations(defaultLocale)('comments.error.tooLarge') }, 413),
    }),
    async (c) => {
      const fields = await readFields(c);
      if (fields instanceof Response) return fields;
      const { kind, raw } = fields;
      const locale: Locale = requestLocale(raw['locale']);
      c.set('locale', locale);
      const t = useTranslations(locale);
      const thread = typeof raw['thread'] === 'string' && THREAD_ID.test(raw['thread']) ? raw['thread'] : null;

      /** The refusal in the sender's shape: JSON, or the form again with the message (a plain text without a thread to show). */
      const refuse = async (
        status: 409 | 422 | 429,
        body: { error: string; message: string; fields?: Record<string, string | undefined> | undefined },
        form: Partial<FormState>,
      ) => {
        if (kind === 'json') return c.json(body, status);
        if (!thread) return c.text(body.message, status);
        const returnTo = typeof raw['returnTo'] === 'string' && isReturnPath(raw['returnTo']) ? raw['returnTo'] : null;
        const state = { locale, thread, returnTo, values: typedValues(raw), token: deps.newToken(thread), ...form };
        return c.html(await threadPage(deps, state), status);
      };

      // Before anything is stored (the honeypot's spam included): no comments on threads no post has.
      if (thread && !deps.isKnownThread(thread)) {
        const message = t('comments.error.thread');
        if (kind === 'json') return c.json({ error: 'unknown-thread', message, fields: { thread: message } }, 404);
        return c.html(renderErrorPage(locale, message), 404);
      }

      const parsed = parseCommentInput(raw, locale);
      if (!parsed.ok) {
        const message = t('comments.error.summary');
        return refuse(422, { error: 'validation', message, fields: parsed.errors }, { message, errors: parsed.errors });
      }
      const input = parsed.value;
      const outcome = await submitComment(deps, input, {
        address: clientAddress(c, deps.trustProxy),
        fromForm: kind === 'form',
        wantsReplies: wantsReplies(raw),
      });
      if (!outcome.ok) {
        const { httpStatus, error, message, fields: problems, messageKind, retryAfterSeconds } = outcome;
        if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds));
        // A field the store refused (the parent) is marked in the form; a token problem is told, not marked.
        const errors = error === 'validation' ? problems : undefined;
        return refuse(httpStatus, problems ? { error, message, fields: problems } : { error, message }, {
          message,
          messageKind,
          errors,
        });
      }
      const message = t(outcome.status === 'approved' ? 'comments.status.approved' : 'comments.status.pending');
      if (kind === 'json') return c.json({ status: outcome.status, id: outcome.id, message }, 201);
      // Back to the post; the page shows the message for this fragment without JavaScript (CSS :target).
      const back = input.returnTo ?? viewUrl(input.thread, input.locale, null);
      return c.redirect(`${back}#comment-${outcome.status === 'approved' ? 'approved' : 'pending'}`, 303);
    },
  );
}
