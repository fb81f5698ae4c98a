import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { defaultLocale, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { countLinks } from '../comments/body.ts';
import {
  HONEYPOT_FIELD,
  THREAD_ID,
  isReturnPath,
  parseCommentInput,
  requestLocale,
  type FieldErrors,
} from '../comments/input.ts';
import { COMMENTS_PER_PAGE, MAX_REQUEST_BYTES, SPAM_DEFAULTS } from '../comments/limits.ts';
import { toPublicComment } from '../comments/public.ts';
import {
  constantTimeEqual,
  duplicateKey,
  hashIp,
  initialStatus,
  isHoneypotFilled,
  signFormToken,
  verifyFormToken,
} from '../comments/spam.ts';
import { COMMENT_STATUSES, type CommentStatus, type CommentStore } from '../comments/store.ts';
import type { ThreadPosts } from '../comments/threads.ts';
import { wantsReplies, type Notifications } from '../notify/index.ts';
import { renderErrorPage, renderThreadPage, type FormState } from './comments-view.ts';
import { answerAppError, readerLocale, type ErrorBoundaryVariables } from './error-boundary.ts';
import { apiSecurityHeaders } from './security-headers.ts';

/** Options of the comment API. Only `store` and `secret` are required; the rest default to the documented behaviour. */
export interface CommentsAppOptions {
  store: CommentStore;
  /** Signs form tokens and keys IP hashes (see `resolveCommentsSecret`). */
  secret: string;
  /** Bearer token of the admin API; without one the admin routes answer 404. */
  adminToken?: string | undefined;
  /** Other origins (e.g. "https://www.example.com") allowed to post and to read with CORS; the API's own origin is always allowed. */
  allowedOrigins?: readonly string[] | undefined;
  /** Auto-approve a commenter who has an approved comment under the same name and email (default true, as WordPress). */
  autoApproveTrusted?: boolean | undefined;
  floodSeconds?: number | undefined;
  minFillSeconds?: number | undefined;
  tokenMaxAgeSeconds?: number | undefined;
  maxLinks?: number | undefined;
  /** Take the client address from the last X-Forwarded-For hop (only behind a proxy you run). */
  trustProxy?: boolean | undefined;
  /**
   * The threads that exist (translationKeys of published posts, see `loadKnownThreads`). With a set,
   * posts to any other thread get 404 and reads leave them out; without one, any well-formed key is a thread.
   */
  knownThreads?: ReadonlySet<string> | undefined;
  /** Title and path of each thread's post per locale (see `loadThreadList`): the no-JavaScript pages name the post and link to its translation. */
  threadPosts?: ThreadPosts | undefined;
  /** Clock, for tests. */
  now?: (() => number) | undefined;
  /** Mail and webhook notifications (src/notify/): queued with each comment, and the pages behind their links. */
  notifications?: Notifications | undefined;
}

/** The Node request Hono's node adapter passes as `c.env.incoming`. */
type Env = { Bindings: { incoming?: { socket?: { remoteAddress?: string } } }; Variables: ErrorBoundaryVariables };

type Kind = 'json' | 'form';

const threadQuery = z.string().regex(THREAD_ID);
const pageQuery = z.coerce.number().int().min(1).max(100_000).catch(1);

function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * The comment API as a Hono app: one `fetch(Request) → Response` handler, mounted by the
 * production server, the dev-server integration and the tests (`app.request()`).
 */
export function createCommentsApp(options: CommentsAppOptions) {
  const { store, secret } = options;
  const rules = {
    floodSeconds: options.floodSeconds ?? SPAM_DEFAULTS.floodSeconds,
    minFillSeconds: options.minFillSeconds ?? SPAM_DEFAULTS.minFillSeconds,
    tokenMaxAgeSeconds: options.tokenMaxAgeSeconds ?? SPAM_DEFAULTS.tokenMaxAgeSeconds,
    maxLinks: options.maxLinks ?? SPAM_DEFAULTS.maxLinks,
    autoApproveTrusted: options.autoApproveTrusted ?? true,
  };
  const now = options.now ?? Date.now;
  const { knownThreads } = options;
  /** Whether comments may exist on this thread: only posts of the build, when the server knows them. */
  const isKnownThread = (thread: string) => !knownThreads || knownThreads.has(thread);
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map((origin) => origin.replace(/\/+$/, '')));

  const app = new Hono<Env>().basePath('/api');
  // Every answer, errors and 404s included, carries the security headers and the pages' policy.
  app.use('*', apiSecurityHeaders());
  // Anything a handler throws is answered here; a store that is away gets 503 (src/server/error-boundary.ts).
  app.onError(answerAppError);

  const clientIp = (c: Context<Env>): string => {
    if (options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
  };

  /** Same origin (by Host), an allowed origin, or a request without Origin that the browser did not mark cross-site. */
  const originAllowed = (c: Context<Env>): boolean => {
    const origin = c.req.header('origin');
    if (!origin || origin === 'null') {
      return origin !== 'null' && c.req.header('sec-fetch-site') !== 'cross-site';
    }
    if (allowedOrigins.has(origin)) return true;
    try {
      return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
    } catch {
      return false;
    }
  };

  // CORS only for an API on its own origin; same-origin pages need no CORS headers.
  if (allowedOrigins.size > 0) {
    const corsMiddleware = cors({
      origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type'],
      maxAge: 600,
    });
    app.use('/comments', corsMiddleware);
    app.use('/comments/*', corsMiddleware);
  }

  const newToken = (thread: string) => signFormToken(thread, now(), secret);

  /** The no-JavaScript page of a thread, with the form in `form`'s state and the thread's post when known. */
  const viewPage = async (form: FormState) => {
    const posts = options.threadPosts?.get(form.thread);
    // A page opened without ?post= still links back to the post, when the build listed it.
    const returnTo = form.returnTo ?? posts?.[form.locale]?.path ?? null;
    return renderThreadPage(
      { ...form, posts, returnTo },
      await store.approvedPage(form.thread, form.page ?? 1, COMMENTS_PER_PAGE),
    );
  };

  /** The answer to a refused post, in the shape the sender understands: JSON, or the form again with the message. */
  const answer = async (
    c: Context<Env>,
    kind: Kind,
    status: 201 | 303 | 400 | 409 | 413 | 415 | 422 | 429,
    body: { status?: CommentStatus; id?: number; error?: string; message: string; fields?: FieldErrors },
    form?: FormState,
  ) => {
    if (kind === 'json') return c.json(body, status === 303 ? 201 : status);
    if (form) return c.html(await viewPage(form), status === 303 || status === 201 ? 200 : status);
    return c.text(body.message, status === 303 ? 200 : status);
  };

  app.post(
    '/comments',
    // First, before the body is read or converted: a post from another site learns nothing else.
    async (c, next) => {
      if (originAllowed(c)) return next();
      const message = useTranslations(readerLocale(c))('comments.error.forbidden');
      return (c.req.header('content-type') ?? '').includes('application/json')
        ? c.json({ error: 'forbidden-origin', message }, 403)
        : c.text(message, 403);
    },
    bodyLimit({
      maxSize: MAX_REQUEST_BYTES,
      onError: (c) => {
        const t = useTranslations(defaultLocale);
        return c.json({ error: 'too-large', message: t('comments.error.tooLarge') }, 413);
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      const kind: Kind = type.includes('application/json') ? 'json' : 'form';
      if (
        kind === 'form' &&
        !type.includes('application/x-www-form-urlencoded') &&
        !type.includes('multipart/form-data')
      ) {
        return c.json({ error: 'unsupported-type', message: 'Send application/json or a form.' }, 415);
      }
      let raw: Record<string, unknown>;
      try {
        const parsed: unknown = kind === 'json' ? await c.req.json() : await c.req.parseBody();
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        raw = parsed as Record<string, unknown>;
      } catch {
        const t = useTranslations(defaultLocale);
        return c.json({ error: 'invalid', message: t('comments.error.invalid') }, 400);
      }
      const locale = requestLocale(raw['locale']);
      c.set('locale', locale);
      const t = useTranslations(locale);
      // Fields a failed form post shows again (text only: a value of another type is shown empty, and the schema refuses it; never the token).
      const asText = (value: unknown) =>
        typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
      const typed = {
        body: asText(raw['body']),
        name: asText(raw['name']),
        email: asText(raw['email']),
        url: asText(raw['url']),
        parent: asText(raw['parent']),
      };
      const rawThread = typeof raw['thread'] === 'string' && THREAD_ID.test(raw['thread']) ? raw['thread'] : null;
      const formState = (extra: Partial<FormState>): FormState | undefined =>
        rawThread
          ? {
              locale,
              thread: rawThread,
              returnTo: typeof raw['returnTo'] === 'string' && isReturnPath(raw['returnTo']) ? raw['returnTo'] : null,
              values: typed,
              token: newToken(rawThread),
              ...extra,
            }
          : undefined;

      // Before anything is stored (the honeypot's spam included): no comments on threads no post has.
      if (rawThread && !isKnownThread(rawThread)) {
        const message = t('comments.error.thread');
        if (kind === 'json') return c.json({ error: 'unknown-thread', message, fields: { thread: message } }, 404);
        return c.html(renderErrorPage(locale, message), 404);
      }

      const parsed = parseCommentInput(raw, locale);
      if (!parsed.ok) {
        const message = t('comments.error.summary');
        return answer(
          c,
          kind,
          422,
          { error: 'validation', message, fields: parsed.errors },
          formState({ message, errors: parsed.errors }),
        );
      }
      const input = parsed.value;
      const createdAt = now();
      const ipHash = hashIp(clientIp(c), secret);
      const fingerprint = createHash('sha256')
        .update(duplicateKey(input.thread, input.email, input.body))
        .digest('base64url');
      const base = {
        thread: input.thread,
        parentId: input.parent,
        locale: input.locale,
        authorName: input.name,
        authorEmail: input.email,
        authorUrl: input.url,
        body: input.body,
        createdAt,
        ipHash,
        fingerprint,
      };
      const accepted = async (status: CommentStatus, id: number) => {
        const message = t(status === 'approved' ? 'comments.status.approved' : 'comments.status.pending');
        if (kind === 'json') return c.json({ status, id, message }, 201);
        // Back to the post; the page shows the message for this fragment without JavaScript (CSS :target).
        const back = input.returnTo ?? viewUrl(input.thread, input.locale, null);
        return c.redirect(`${back}#comment-${status === 'approved' ? 'approved' : 'pending'}`, 303);
      };

      // A robot filled the honeypot: keep it as spam for the moderator, answer as if it waits for moderation.
      if (isHoneypotFilled(input[HONEYPOT_FIELD])) {
        const stored = await store.insert({ ...base, status: 'spam' });
        return accepted('pending', stored.id);
      }

      const token = verifyFormToken(input.token, input.thread, secret, createdAt, rules);
      if (!token.ok) {
        // A form from the static page carries no token: asking to send once more is no mistake of the reader's.
        const confirm = token.reason === 'missing' && kind === 'form';
        const message =
          token.reason === 'too-fast'
            ? t('comments.error.tooFast')
            : confirm
              ? t('comments.confirm')
              : t('comments.error.token');
        return answer(
          c,
          kind,
          422,
          { error: `token-${token.reason}`, message, fields: { token: message } },
          formState({ message, messageKind: confirm ? 'info' : 'error' }),
        );
      }

      if (input.parent !== null) {
        const parent = await store.get(input.parent);
        if (!parent || parent.status !== 'approved' || parent.thread !== input.thread) {
          const errors = { parent: t('comments.error.parent') };
          return answer(
            c,
            kind,
            422,
            { error: 'validation', message: errors.parent, fields: errors },
            formState({ message: errors.parent, errors }),
          );
        }
        // One level of replies: an answer to a reply joins the same top-level comment.
        base.parentId = parent.parentId ?? parent.id;
      }

      // Trust is read first; flood control, duplicate detection and the insert are one atomic store
      // step, so two simultaneous posts from the same sender cannot both pass the checks.
      const status = initialStatus(
        { linkCount: countLinks(input.body), trusted: await store.hasApprovedFrom(input.name, input.email) },
        rules,
      );
      const notify = options.notifications?.plan({ ...base, status }, wantsReplies(raw));
      const result = await store.insertChecked({ ...base, status }, { floodSeconds: rules.floodSeconds, notify });
      if (!result.ok && result.reason === 'flood') {
        c.header('Retry-After', String(result.retryAfterSeconds));
        const message = t('comments.error.flood', { seconds: result.retryAfterSeconds });
        return answer(c, kind, 429, { error: 'too-many-requests', message }, formState({ message }));
      }
      if (!result.ok) {
        const message = t('comments.error.duplicate');
        return answer(c, kind, 409, { error: 'duplicate', message }, formState({ message }));
      }
      const stored = result.comment;
      if (notify && notify.outbox.length > 0) options.notifications?.queued();
      return accepted(status, stored.id);
    },
  );

  /**
   * Public reads, rendered once per store revision: the same thread is read far more often than
   * it changes, and the revision moves on any write, including the CLI's from another process.
   */
  const readCache = new Map<string, { revision: string; body: string; etag: string }>();
  const cachedRead = async (key: string, read: () => Promise<unknown>) => {
    const revision = await store.revision();
    const hit = readCache.get(key);
    if (hit && hit.revision === revision) return hit;
    const body = JSON.stringify(await read());
    const entry = { revision, body, etag: etagOf(body) };
    if (readCache.size >= 1000) readCache.clear();
    readCache.set(key, entry);
    return entry;
  };

  /** Sends JSON with an ETag and a short shared cache; a matching If-None-Match gets 304. */
  const cachedJson = (c: Context<Env>, { body, etag }: { body: string; etag: string }) => {
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=10');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  };

  app.get('/comments', async (c) => {
    const thread = threadQuery.safeParse(c.req.query('thread'));
    if (!thread.success)
      return c.json(
        { error: 'validation', message: 'thread: a post key such as "my-post"', fields: { thread: 'required' } },
        400,
      );
    if (!isKnownThread(thread.data))
      return c.json({ error: 'unknown-thread', message: `No post has the thread ${thread.data}` }, 404);
    const page = pageQuery.parse(c.req.query('page'));
    const entry = await cachedRead(`thread:${thread.data}:${page}`, async () => {
      const result = await store.approvedPage(thread.data, page, COMMENTS_PER_PAGE);
      return {
        thread: thread.data,
        page,
        pages: Math.max(1, Math.ceil(result.topLevel / COMMENTS_PER_PAGE)),
        total: result.total,
        comments: result.comments.map((comment) => toPublicComment(comment)),
      };
    });
    return cachedJson(c, entry);
  });

  app.get('/comments/counts', async (c) => {
    const threads = (c.req.query('threads') ?? '').split(',').filter(Boolean);
    if (threads.length === 0 || threads.length > 100 || !threads.every((thread) => THREAD_ID.test(thread))) {
      return c.json(
        {
          error: 'validation',
          message: 'threads: 1 to 100 post keys separated by commas',
          fields: { threads: 'invalid' },
        },
        400,
      );
    }
    // Threads no post has are left out of the answer (not counted as 0): the list shows nothing for them.
    const known = threads.filter(isKnownThread);
    return cachedJson(
      c,
      await cachedRead(`counts:${known.join(',')}`, async () => ({
        counts: known.length > 0 ? await store.approvedCounts(known) : {},
      })),
    );
  });

  /** A fresh form token: the static page's script asks for one, since a built page cannot carry the time it is read. */
  app.get('/comments/token', (c) => {
    const thread = threadQuery.safeParse(c.req.query('thread'));
    if (!thread.success)
      return c.json(
        { error: 'validation', message: 'thread: a post key such as "my-post"', fields: { thread: 'required' } },
        400,
      );
    if (!isKnownThread(thread.data))
      return c.json({ error: 'unknown-thread', message: `No post has the thread ${thread.data}` }, 404);
    c.header('Cache-Control', 'no-store');
    return c.json({ token: newToken(thread.data) });
  });

  /** The thread as a plain HTML page: how readers without JavaScript read comments and reply. */
  app.get('/comments/view', async (c) => {
    const thread = threadQuery.safeParse(c.req.query('thread'));
    const locale = requestLocale(c.req.query('locale'));
    if (!thread.success || !isKnownThread(thread.data))
      return c.html(renderErrorPage(locale, useTranslations(locale)('comments.error.thread')), 404);
    const page = pageQuery.parse(c.req.query('page'));
    const replyTo = z.coerce.number().int().positive().safeParse(c.req.query('replyto'));
    const post = c.req.query('post');
    c.header('Cache-Control', 'no-store');
    return c.html(
      await viewPage({
        locale,
        thread: thread.data,
        returnTo: post !== undefined && isReturnPath(post) ? post : null,
        values: { body: '', name: '', email: '', url: '', parent: replyTo.success ? String(replyTo.data) : '' },
        token: newToken(thread.data),
        page,
      }),
    );
  });

  /**
   * For load balancers, systemd watchdogs and uptime checks: 200 when the store answers a trivial
   * query; otherwise `healthCheck` throws `StoreUnavailableError`, answered 503 + Retry-After by `answerAppError`.
   */
  app.get('/health', async (c) => {
    await store.healthCheck();
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });

  // The pages behind the links in notification mails (/api/moderate/…, /api/subscriptions/…).
  if (options.notifications) app.route('/', options.notifications.routes);

  // Moderation. Without a configured token the routes do not exist.
  const adminToken = options.adminToken;
  app.use('/admin/*', async (c, next) => {
    if (!adminToken) return c.json({ error: 'not-found' }, 404);
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!given || !constantTimeEqual(given, adminToken)) {
      c.header('WWW-Authenticate', 'Bearer realm="comments"');
      return c.json({ error: 'unauthorized' }, 401);
    }
    c.header('Cache-Control', 'no-store');
    return next();
  });

  const listQuery = z.object({
    status: z.enum(COMMENT_STATUSES).optional(),
    thread: threadQuery.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  });
  app.get('/admin/comments', async (c) => {
    const query = listQuery.safeParse(c.req.query());
    if (!query.success)
      return c.json(
        {
          error: 'validation',
          fields: Object.fromEntries(query.error.issues.map((i) => [String(i.path[0]), i.message])),
        },
        400,
      );
    return c.json({ comments: await store.list(query.data) });
  });

  const idParam = z.coerce.number().int().positive();
  const actions: Record<string, CommentStatus> = {
    approve: 'approved',
    spam: 'spam',
    trash: 'trash',
    unapprove: 'pending',
  };
  app.post('/admin/comments/:id/:action', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    const status = actions[c.req.param('action')];
    if (!id.success || !status) return c.json({ error: 'not-found' }, 404);
    if (!(await store.setStatus(id.data, status)))
      return c.json({ error: 'not-found', message: `No comment ${id.data}` }, 404);
    return c.json({ id: id.data, status });
  });
  app.delete('/admin/comments/:id', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success || !(await store.delete(id.data))) return c.json({ error: 'not-found' }, 404);
    return c.json({ id: id.data, deleted: true });
  });

  return app;
}

/** Address of the no-JavaScript view of a thread. */
export function viewUrl(thread: string, locale: Locale, post: string | null): string {
  const query = new URLSearchParams({ thread, locale });
  if (post) query.set('post', post);
  return `/api/comments/view?${query}`;
}
