import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { localeFromAcceptLanguage } from '../i18n/accept-language.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { normalizeCommentText } from '../comments/body.ts';
import { COMMENT_LIMITS } from '../comments/limits.ts';
import type { AdminSession } from '../comments/moderation-store.ts';
import { siteReply } from '../comments/site-author.ts';
import { constantTimeEqual, hashIp } from '../comments/spam.ts';
import { COMMENT_STATUSES, type CommentStatus, type CommentStore } from '../comments/store.ts';
import type { ThreadPosts } from '../comments/threads.ts';
import { answerAppError } from '../server/error-boundary.ts';
import { clientAddress } from '../server/api/client-address.ts';
import type { ApiEnv } from '../server/api/context.ts';
import { apiSecurityHeaders } from '../server/security-headers.ts';
import {
  PASSWORD_SETTING,
  SIGN_IN_LIMITS,
  newCsrfToken,
  newSessionId,
  sessionIdHash,
  signInWaitSeconds,
  verifyPassword,
  type SignInLimits,
} from './auth.ts';
import { ADMIN_STYLE, ADMIN_STYLESHEET_PATH, adminPolicyHeader } from './frame.ts';
import {
  ACTIONS,
  listHref,
  renderList,
  renderMessage,
  renderReply,
  renderSignIn,
  type Action,
  type ListView,
  type Notice,
} from './pages.ts';

/** Options of the moderation page. */
export interface AdminAppOptions {
  store: CommentStore;
  /** Keys the IP hashes of the sign-in rate limit (the comment API's secret). */
  secret: string;
  /** COMMENTS_ADMIN_TOKEN: signs in as well as the password does. */
  adminToken?: string | undefined;
  /** Take the client address from the last X-Forwarded-For hop (only behind a proxy you run). */
  trustProxy?: boolean | undefined;
  /** Titles and paths of each thread's post (the build's comment-threads.json). */
  threadPosts?: ThreadPosts | undefined;
  signInLimits?: SignInLimits | undefined;
  /** How long a session lasts from sign-in (default 8 hours). */
  sessionSeconds?: number | undefined;
  perPage?: number | undefined;
  now?: (() => number) | undefined;
}

/**
 * The session cookie: `__Host-` (so only this origin, over HTTPS, with Path=/ and no Domain, can
 * set it), HttpOnly, Secure, SameSite=Strict. Browsers count http://localhost and http://127.0.0.1
 * as secure, so the same cookie works in development and tests; any other plain-http address
 * cannot keep it (README, "Moderating comments").
 */
export const SESSION_COOKIE = 'syengage-admin';
export const SESSION_COOKIE_NAME = `__Host-${SESSION_COOKIE}`;

type Env = ApiEnv;

const MAX_SELECTED = 500;
const idValue = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number);
const statusValue = z.enum(COMMENT_STATUSES);
const pageValue = z.coerce.number().int().min(1).max(100_000);

/** Text of a single form field: anything else (absent, repeated, a file) reads as ''. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The list a request asks for, from query parameters (or the `r…` fields a form carries back). */
function readView(
  source: Record<string, unknown>,
  locale: Locale,
  keys = { status: 'status', q: 'q', page: 'page' },
): ListView {
  const status = statusValue.safeParse(source[keys.status]);
  const page = pageValue.safeParse(source[keys.page]);
  return {
    locale,
    status: status.success ? status.data : null,
    q: text(source[keys.q]).trim().slice(0, 200),
    page: page.success ? page.data : 1,
  };
}

/**
 * The moderation page, `/admin/`, as a Hono app to mount beside the comment API. Plain forms and
 * POST-redirect-GET, so it works without JavaScript (and has none); every action needs a session
 * and its CSRF token, and comes from this origin.
 */
export function createAdminApp(options: AdminAppOptions) {
  const { store, secret } = options;
  const now = options.now ?? Date.now;
  const limits = options.signInLimits ?? SIGN_IN_LIMITS;
  const sessionMs = (options.sessionSeconds ?? 8 * 3600) * 1000;
  const perPage = options.perPage ?? 20;
  const adminToken = options.adminToken;

  const app = new Hono<Env>();
  // Everything below applies to /admin and below only: this app is mounted beside the comment API.
  app.use(
    '/admin/*',
    // The site-wide values (tests/built/server-fuzz.test.ts holds every answer to them); the page's own
    // policy is set below, and it is never embedded in or opened from another origin.
    apiSecurityHeaders({ ownPolicy: true, sameOriginOnly: true }),
  );
  // Never indexed, never cached: the page shows emails to the one signed-in moderator.
  app.use('/admin/*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', adminPolicyHeader());
    c.header('X-Robots-Tag', 'noindex, nofollow');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.onError(answerAppError);
  app.use(
    '/admin/*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => c.text('Too large', 413),
    }),
  );

  const localeOf = (c: Context<Env>, value?: unknown): Locale => {
    const chosen = value ?? c.req.query('locale');
    const locale = isLocale(chosen) ? chosen : localeFromAcceptLanguage(c.req.header('accept-language'));
    c.set('locale', locale);
    return locale;
  };

  /**
   * A state-changing request must come from this origin: Origin naming this host, or (browsers
   * that send no Origin) Sec-Fetch-Site same-origin. Anything else, including no header at all, is refused.
   */
  const sameOrigin = (c: Context<Env>): boolean => {
    const origin = c.req.header('origin');
    if (!origin || origin === 'null') return !origin && c.req.header('sec-fetch-site') === 'same-origin';
    try {
      return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
    } catch {
      return false;
    }
  };

  /** The session the cookie names, when it is live. */
  const sessionOf = async (c: Context<Env>): Promise<AdminSession | null> => {
    const id = getCookie(c, SESSION_COOKIE, 'host');
    return id && id.length <= 100 ? store.adminSession(sessionIdHash(id), now()) : null;
  };

  /** Reads a form post; null (answered) when it is not one. */
  const readForm = async (c: Context<Env>): Promise<Record<string, unknown> | null> => {
    const type = c.req.header('content-type') ?? '';
    if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return null;
    try {
      return (await c.req.parseBody({ all: true })) as Record<string, unknown>;
    } catch {
      return null;
    }
  };

  /**
   * The checks every action shares: a form post from this origin, by a signed-in moderator, with
   * the session's CSRF token. Answers the request itself when one fails.
   */
  const guarded = async (
    c: Context<Env>,
    act: (form: Record<string, unknown>, session: AdminSession, locale: Locale) => Promise<Response>,
  ): Promise<Response> => {
    const form = await readForm(c);
    const locale = localeOf(c, form?.['locale']);
    const t = useTranslations(locale);
    if (!sameOrigin(c)) return c.html(renderMessage(locale, t('admin.error.origin')), 403);
    if (!form) return c.html(renderMessage(locale, t('admin.error.csrf')), 400);
    const session = await sessionOf(c);
    if (!session) return c.redirect(`/admin/?locale=${locale}&expired=1`, 303);
    if (!constantTimeEqual(text(form['csrf']), session.csrfToken))
      return c.html(renderMessage(locale, t('admin.error.csrf')), 403);
    return act(form, session, locale);
  };

  app.get(ADMIN_STYLESHEET_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(ADMIN_STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get('/admin', (c) => c.redirect(`/admin/${new URL(c.req.url).search}`, 308));

  app.get('/admin/', async (c) => {
    const locale = localeOf(c);
    const t = useTranslations(locale);
    const session = await sessionOf(c);
    const query = c.req.query();
    if (!session) {
      let notice: Notice | undefined;
      if (!adminToken && (await store.getSetting(PASSWORD_SETTING)) === null)
        notice = { kind: 'error', text: t('admin.signIn.notConfigured') };
      else if (query['expired']) notice = { kind: 'info', text: t('admin.signIn.expired') };
      else if (query['signedout']) notice = { kind: 'info', text: t('admin.signedOut') };
      return c.html(renderSignIn(locale, notice));
    }
    const view = readView(query, locale);
    const result = await store.search({
      status: view.status ?? undefined,
      text: view.q || undefined,
      limit: perPage,
      offset: (view.page - 1) * perPage,
    });
    return c.html(
      renderList({
        view,
        csrf: session.csrfToken,
        total: result.total,
        perPage,
        comments: result.comments,
        posts: options.threadPosts,
        notice: noticeFrom(query, locale),
      }),
    );
  });

  app.post('/admin/sign-in', async (c) => {
    const form = await readForm(c);
    const locale = localeOf(c, form?.['locale']);
    const t = useTranslations(locale);
    if (!sameOrigin(c)) return c.html(renderMessage(locale, t('admin.error.origin')), 403);
    const at = now();
    const ipHash = hashIp(clientAddress(c, options.trustProxy ?? false), secret);
    const wait = signInWaitSeconds(await store.signInFailures(ipHash, at - limits.windowMs), at, limits);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(renderSignIn(locale, { kind: 'error', text: t('admin.signIn.limited', { count: wait }) }), 429);
    }
    const passwordHash = await store.getSetting(PASSWORD_SETTING);
    if (!adminToken && passwordHash === null)
      return c.html(renderSignIn(locale, { kind: 'error', text: t('admin.signIn.notConfigured') }), 403);
    const given = text(form?.['secret']);
    const ok =
      given !== '' &&
      given.length <= 1000 &&
      ((adminToken !== undefined && constantTimeEqual(given, adminToken)) ||
        (passwordHash !== null && (await verifyPassword(given, passwordHash))));
    if (!ok) {
      await store.recordSignInFailure(ipHash, at);
      return c.html(renderSignIn(locale, { kind: 'error', text: t('admin.signIn.wrong') }), 403);
    }
    const id = newSessionId();
    await store.createAdminSession({
      idHash: sessionIdHash(id),
      csrfToken: newCsrfToken(),
      createdAt: at,
      expiresAt: at + sessionMs,
    });
    setCookie(c, SESSION_COOKIE, id, {
      prefix: 'host',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      maxAge: Math.floor(sessionMs / 1000),
    });
    return c.redirect(`/admin/?locale=${locale}`, 303);
  });

  app.post('/admin/sign-out', (c) =>
    guarded(c, async (_form, session, locale) => {
      await store.deleteAdminSession(session.idHash);
      deleteCookie(c, SESSION_COOKIE, { prefix: 'host', secure: true, httpOnly: true, sameSite: 'Strict' });
      return c.redirect(`/admin/?locale=${locale}&signedout=1`, 303);
    }),
  );

  const targetStatus: Record<Exclude<Action, 'delete'>, CommentStatus> = {
    approve: 'approved',
    unapprove: 'pending',
    spam: 'spam',
    trash: 'trash',
    restore: 'pending',
  };

  app.post('/admin/actions', (c) =>
    guarded(c, async (form, _session, locale) => {
      const view = readView(form, locale, { status: 'rstatus', q: 'rq', page: 'rpage' });
      const one = text(form['one']);
      let action: Action | undefined;
      let ids: number[] = [];
      if (one === 'bulk') {
        action = ACTIONS.find((known) => known === text(form['bulk']));
        const selected = ([] as unknown[]).concat(form['id'] ?? []);
        ids = [...new Set(selected.flatMap((value) => idValue.safeParse(value).data ?? []))].slice(0, MAX_SELECTED);
      } else {
        const match = /^([a-z]+):([1-9]\d{0,15})$/.exec(one);
        action = ACTIONS.find((known) => known === match?.[1]);
        if (match) ids = [Number(match[2])];
      }
      if (!action || ids.length === 0) return c.redirect(listHref(view, { error: 'none' }), 303);
      const count =
        action === 'delete' ? await store.deleteMany(ids) : await store.setStatusMany(ids, targetStatus[action]);
      // Approved replies send their waiting reply notifications now, as the CLI and the mail links do.
      if (action !== 'delete' && targetStatus[action] === 'approved')
        for (const id of ids) await store.notifications.wake(id, Date.now());
      return c.redirect(listHref(view, { done: action, count: String(count) }), 303);
    }),
  );

  app.get('/admin/reply', async (c) => {
    const locale = localeOf(c);
    const t = useTranslations(locale);
    const session = await sessionOf(c);
    if (!session) return c.html(renderSignIn(locale));
    const id = idValue.safeParse(c.req.query('id'));
    const comment = id.success ? await store.get(id.data) : null;
    if (!comment || comment.status !== 'approved') return c.html(renderMessage(locale, t('admin.error.notFound')), 404);
    const view = readView(c.req.query(), locale, { status: 'rstatus', q: 'rq', page: 'rpage' });
    return c.html(renderReply({ view, csrf: session.csrfToken, comment, posts: options.threadPosts }));
  });

  app.post('/admin/reply', (c) =>
    guarded(c, async (form, session, locale) => {
      const t = useTranslations(locale);
      const view = readView(form, locale, { status: 'rstatus', q: 'rq', page: 'rpage' });
      const id = idValue.safeParse(form['id']);
      const parent = id.success ? await store.get(id.data) : null;
      if (!parent || parent.status !== 'approved') return c.html(renderMessage(locale, t('admin.error.notFound')), 404);
      const body = normalizeCommentText(text(form['body']));
      const error =
        body.trim() === ''
          ? t('admin.reply.required')
          : [...body].length > COMMENT_LIMITS.body
            ? t('admin.reply.tooLong', { max: COMMENT_LIMITS.body })
            : undefined;
      if (error)
        return c.html(
          renderReply({ view, csrf: session.csrfToken, comment: parent, posts: options.threadPosts, body, error }),
          422,
        );
      await store.insert(siteReply(parent, body, now()));
      return c.redirect(listHref(view, { done: 'reply', count: '1' }), 303);
    }),
  );

  app.all('/admin/*', (c) => {
    const locale = localeOf(c);
    return c.html(renderMessage(locale, useTranslations(locale)('notFound.title')), 404);
  });

  return app;
}

/** The outcome of the last action, from the query of the redirect after it (fixed strings and a number only). */
function noticeFrom(query: Record<string, string>, locale: Locale): Notice | undefined {
  const t = useTranslations(locale);
  if (query['error'] === 'none') return { kind: 'error', text: t('admin.bulk.none') };
  const done = query['done'];
  const count = z.coerce.number().int().min(0).max(100_000).safeParse(query['count']);
  if (!count.success) return undefined;
  if (done === 'reply') return { kind: 'info', text: t('admin.done.reply') };
  const action = ACTIONS.find((known) => known === done);
  return action ? { kind: 'info', text: t(`admin.done.${action}`, { n: count.data }) } : undefined;
}
