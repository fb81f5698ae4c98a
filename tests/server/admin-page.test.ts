/**
 * The moderation page (/admin/, src/admin/) through the real server process over HTTP, on a real
 * SQLite file: sign-in (password set with the CLI, admin token), the session cookie, the rate
 * limit, CSRF and origin checks, every action one at a time and in bulk, search and paging,
 * replies as the site, hostile text, where emails may appear, and a light fuzz of its routes.
 * Session expiry and the global sign-in limit use the app in-process with a clock of the test's own.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdminApp, SESSION_COOKIE_NAME } from '../../src/admin/app.ts';
import { hashPassword, PASSWORD_SETTING } from '../../src/admin/auth.ts';
import { SITE_AUTHOR_EMAIL } from '../../src/comments/site-author.ts';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import type { CommentRecord, NewComment } from '../../src/comments/store.ts';
import { siteConfig } from '../../src/site.config.ts';
import { SERVER_COMMAND, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const THREAD = 'wechat-mobile-marketing-mayhem';
const OTHER = 'line-for-brands';
const TITLES = { en: 'We Chat: Mobile Marketing Mayhem?', 'zh-cn': '微信：移动营销乱象？' };
const PASSWORD = 'correct horse battery staple';
const TOKEN = 'admin-token-for-the-tests-0123456789';
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&amp;';

let dir: string;
let dbPath: string;
let server: ServerProcess;
let store: SqliteCommentStore;
let serial = 0;

function put(path: string, content: string) {
  mkdirSync(dirname(join(dir, 'dist', path)), { recursive: true });
  writeFileSync(join(dir, 'dist', path), content);
}

function comment(fields: Partial<NewComment> = {}): NewComment {
  const n = ++serial;
  return {
    thread: THREAD,
    parentId: null,
    locale: 'en',
    authorName: `Reader ${n}`,
    authorEmail: `reader${n}@example.com`,
    authorUrl: null,
    body: `Comment number ${n}`,
    status: 'pending',
    createdAt: Date.UTC(2026, 5, 1) + n * 1000,
    ipHash: `ip-${n}`,
    fingerprint: `fp-${n}`,
    ...fields,
  };
}

/** A browser-like client: keeps the session cookie, sends this origin, follows nothing by itself. */
class Client {
  cookie = '';
  readonly ip: string;
  constructor(ip: string) {
    this.ip = ip;
  }

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, ...init.headers };
    if (this.cookie) headers['cookie'] = this.cookie;
    let body: string | undefined;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(init.form))
        for (const one of ([] as string[]).concat(value)) params.append(key, one);
      body = params.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      headers['origin'] ??= server.origin;
    }
    const response = await fetch(`${server.origin}${path}`, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: body ?? null,
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie?.startsWith(`${SESSION_COOKIE_NAME}=`)) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value.endsWith('=') ? '' : value;
    }
    return { response, text: await response.text(), setCookie };
  }

  signIn(secret = PASSWORD, locale = 'en') {
    return this.request('/admin/sign-in', { form: { secret, locale } });
  }

  /** The page's CSRF token (from any form of the list). */
  async csrf(): Promise<string> {
    const { text } = await this.request('/admin/');
    const token = /name="csrf" value="([^"]+)"/.exec(text)?.[1];
    if (!token) throw new Error(`no CSRF token on the page:\n${text.slice(0, 500)}`);
    return token;
  }

  async act(one: string, extra: Record<string, string | string[]> = {}) {
    return this.request('/admin/actions', { form: { csrf: await this.csrf(), locale: 'en', one, ...extra } });
  }
}

// scrypt is slow on purpose, and this machine is shared: generous bounds, never relied on for speed.
vi.setConfig({ testTimeout: 30_000 });

let ipSerial = 0;
const newClient = () => new Client(`192.0.2.${++ipSerial}`);

/** A signed-in moderator (by the admin token: the password's scrypt is tested where it matters, not paid for in every test). */
async function signedIn(): Promise<Client> {
  const client = newClient();
  const { response } = await client.signIn(TOKEN);
  expect(response.status).toBe(303);
  return client;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'syengage-admin-'));
  dbPath = join(dir, 'comments.db');
  put('index.html', '<!doctype html><title>home</title>');
  put('404.html', '<!doctype html><title>Page not found</title>');
  put(
    'comment-threads.json',
    JSON.stringify({
      threads: [OTHER, THREAD],
      posts: {
        [THREAD]: {
          en: { title: TITLES.en, path: `/blog/${THREAD}/` },
          'zh-cn': { title: TITLES['zh-cn'], path: `/zh-cn/blog/${THREAD}/` },
        },
        [OTHER]: { en: { title: 'LINE for brands', path: `/blog/${OTHER}/` } },
      },
    }),
  );
  // The password goes in as a moderator sets it: through the CLI, on stdin.
  const cli = spawnSync(
    SERVER_COMMAND[0],
    [SERVER_COMMAND[1], SERVER_COMMAND[2], 'scripts/comments.ts', 'set-password'],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, COMMENTS_DB: dbPath },
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
    },
  );
  expect(cli.status, cli.stderr).toBe(0);
  store = new SqliteCommentStore(dbPath);
  server = await startServerProcess({
    DIST_DIR: join(dir, 'dist'),
    COMMENTS_DB: dbPath,
    COMMENTS_ADMIN_TOKEN: TOKEN,
    COMMENTS_TRUST_PROXY: '1',
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('set-password', () => {
  it('stores only a salted scrypt hash, and refuses a short password without changing it', async () => {
    const stored = await store.getSetting(PASSWORD_SETTING);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain(PASSWORD);
    expect(await hashPassword(PASSWORD)).not.toBe(stored);
    const short = spawnSync(
      SERVER_COMMAND[0],
      [SERVER_COMMAND[1], SERVER_COMMAND[2], 'scripts/comments.ts', 'set-password'],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { ...process.env, COMMENTS_DB: dbPath },
        input: 'short\n',
        encoding: 'utf8',
      },
    );
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    expect(await store.getSetting(PASSWORD_SETTING)).toBe(stored);
  });
});

describe('signing in', () => {
  it('shows the sign-in form, noindex and no script, and redirects /admin to /admin/', async () => {
    const client = newClient();
    const { response, text } = await client.request('/admin/');
    expect(response.status).toBe(200);
    expect(text).toContain('<form method="post" action="/admin/sign-in">');
    expect(text).toContain('<meta name="robots" content="noindex">');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/script-src|unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(text).not.toMatch(/<script/i);
    // Its own stylesheet, from this origin (the frame's inline ones are allowed by hash).
    expect(text).toContain('<link rel="stylesheet" href="/admin/admin.css">');
    expect(policy).toMatch(/style-src [^;]*'self'/);
    const css = await client.request('/admin/admin.css');
    expect(css.response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.text).toContain('.admin-comment');
    const bare = await client.request('/admin?locale=zh-cn');
    expect(bare.response.status).toBe(308);
    expect(bare.response.headers.get('location')).toBe('/admin/?locale=zh-cn');
    expect((await client.request('/admin/?locale=zh-cn')).text).toContain('登录以审核评论');
  });

  it('signs in with the password: a __Host- cookie, HttpOnly, Secure, SameSite=Strict, Path=/, no Domain', async () => {
    const client = newClient();
    const { response, setCookie } = await client.signIn();
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/?locale=en');
    const attributes = (setCookie ?? '').split(/;\s*/);
    expect(attributes[0]).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=[\\w-]{43}$`));
    expect(attributes).toEqual(
      expect.arrayContaining(['Max-Age=28800', 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict']),
    );
    expect(setCookie).not.toMatch(/Domain=/i);
    const page = await client.request('/admin/');
    expect(page.text).toContain('action="/admin/actions"');
  });

  it('signs in with the admin token too', async () => {
    const client = newClient();
    expect((await client.signIn(TOKEN)).response.status).toBe(303);
    expect((await client.request('/admin/')).text).toContain('action="/admin/sign-out"');
  });

  it('refuses a wrong password in the chosen language, with no cookie', async () => {
    const client = newClient();
    const en = await client.signIn('not the password');
    expect(en.response.status).toBe(403);
    expect(en.setCookie).toBeNull();
    expect(en.text).toContain('That password or token is not right.');
    const zh = await client.signIn('not the password', 'zh-cn');
    expect(zh.text).toContain('密码或令牌不正确。');
    expect((await client.signIn('')).response.status).toBe(403);
  });

  it('limits failed sign-ins per address: 429 with Retry-After in both languages, even for the right password', async () => {
    const client = newClient();
    for (let i = 0; i < 5; i++) expect((await client.signIn(`wrong ${i}`)).response.status).toBe(403);
    const limited = await client.signIn(PASSWORD);
    expect(limited.response.status).toBe(429);
    const retryAfter = Number(limited.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(limited.text).toContain(`Too many failed sign-ins. Try again in ${retryAfter} seconds.`);
    expect(limited.setCookie).toBeNull();
    const zh = await client.signIn(PASSWORD, 'zh-cn');
    expect(zh.response.status).toBe(429);
    expect(zh.text).toMatch(/登录失败次数过多，请在 \d+ 秒后重试。/);
    // Another address is not locked out.
    expect((await newClient().signIn()).response.status).toBe(303);
  });

  it('refuses a sign-in posted from another origin', async () => {
    const client = newClient();
    const { response } = await client.request('/admin/sign-in', {
      form: { secret: PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(client.cookie).toBe('');
  });

  it('signs out: the cookie is cleared and the old session no longer works', async () => {
    const client = await signedIn();
    const cookie = client.cookie;
    const csrf = await client.csrf();
    const out = await client.request('/admin/sign-out', { form: { csrf, locale: 'zh-cn' } });
    expect(out.response.status).toBe(303);
    expect(out.response.headers.get('location')).toBe('/admin/?locale=zh-cn&signedout=1');
    expect(out.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=;.*Max-Age=0`));
    client.cookie = cookie;
    const page = await client.request('/admin/?signedout=1&locale=zh-cn');
    expect(page.text).toContain('您已退出登录。');
    expect(page.text).not.toContain('action="/admin/actions"');
  });
});

describe('CSRF and origin', () => {
  it('does nothing without the session’s token, with a wrong one, from another origin, or without a session', async () => {
    const target = await store.insert(comment());
    const client = await signedIn();
    const csrf = await client.csrf();
    const one = `approve:${target.id}`;
    expect((await client.request('/admin/actions', { form: { one } })).response.status).toBe(403);
    expect((await client.request('/admin/actions', { form: { one, csrf: 'x'.repeat(43) } })).response.status).toBe(403);
    const other = await signedIn();
    expect((await client.request('/admin/actions', { form: { one, csrf: await other.csrf() } })).response.status).toBe(
      403,
    );
    expect(
      (await client.request('/admin/actions', { form: { one, csrf }, headers: { origin: 'https://evil.example' } }))
        .response.status,
    ).toBe(403);
    // No Origin at all and no Sec-Fetch-Site: refused too.
    const noOrigin = await fetch(`${server.origin}/admin/actions`, {
      method: 'POST',
      headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ one, csrf }).toString(),
      redirect: 'manual',
    });
    expect(noOrigin.status).toBe(403);
    const anonymous = newClient();
    const expired = await anonymous.request('/admin/actions', { form: { one, csrf } });
    expect(expired.response.status).toBe(303);
    expect(expired.response.headers.get('location')).toBe('/admin/?locale=en&expired=1');
    expect((await store.get(target.id))?.status).toBe('pending');
    // The same request with the token does it.
    expect((await client.request('/admin/actions', { form: { one, csrf } })).response.status).toBe(303);
    expect((await store.get(target.id))?.status).toBe('approved');
  });
});

describe('moderating', () => {
  it('lists pending first with the post title in the moderator’s language and the comment’s language', async () => {
    const approved = await store.insert(comment({ status: 'approved', createdAt: Date.UTC(2030, 0, 1) }));
    const pending = await store.insert(comment({ locale: 'zh-cn', body: '写得很好', authorName: '李雷' }));
    const client = await signedIn();
    const { text } = await client.request('/admin/');
    expect(text.indexOf(`id="c${pending.id}"`)).toBeGreaterThan(-1);
    expect(text.indexOf(`id="c${pending.id}"`)).toBeLessThan(text.indexOf(`id="c${approved.id}"`));
    const item = text.slice(text.indexOf(`id="c${pending.id}"`));
    expect(item).toContain(`On “${TITLES.en}”`);
    expect(item).toContain('Written in 简体中文');
    expect(item).toContain(pending.authorEmail);
    const zh = await client.request('/admin/?locale=zh-cn');
    expect(zh.text).toContain(`文章：《${TITLES['zh-cn']}》`);
    expect(zh.text).toContain('使用语言：简体中文');
    expect(zh.text).toContain('<html lang="zh-CN">');
  });

  it('approves, unapproves, marks spam, trashes, restores and deletes one comment at a time', async () => {
    const target = await store.insert(comment());
    const client = await signedIn();
    const steps: [string, string | null, string][] = [
      ['approve', 'approved', 'Approved: 1.'],
      ['unapprove', 'pending', 'Back to pending: 1.'],
      ['spam', 'spam', 'Marked as spam: 1.'],
      ['restore', 'pending', 'Restored to pending: 1.'],
      ['trash', 'trash', 'Moved to the trash: 1.'],
      ['delete', null, 'Deleted: 1.'],
    ];
    for (const [action, status, notice] of steps) {
      const { response } = await client.act(`${action}:${target.id}`, {
        rstatus: 'pending',
        rq: 'Comment',
        rpage: '1',
      });
      expect(response.status, action).toBe(303);
      const location = response.headers.get('location') ?? '';
      expect(location).toMatch(/^\/admin\/\?locale=en&status=pending&q=Comment&done=/);
      expect((await store.get(target.id))?.status ?? null, action).toBe(status);
      expect((await client.request(location)).text, action).toContain(notice);
    }
  });

  it('acts on the selected comments in bulk, and says so when nothing is selected', async () => {
    const picked = [await store.insert(comment()), await store.insert(comment()), await store.insert(comment())];
    const left = await store.insert(comment());
    const client = await signedIn();
    const ids = picked.map((c) => String(c.id));
    const { response } = await client.act('bulk', { bulk: 'spam', id: [...ids, '999999', 'x'] });
    expect(response.status).toBe(303);
    expect((await client.request(response.headers.get('location')!)).text).toContain('Marked as spam: 3.');
    for (const c of picked) expect((await store.get(c.id))?.status).toBe('spam');
    expect((await store.get(left.id))?.status).toBe('pending');
    const deleted = await client.act('bulk', { bulk: 'delete', id: ids });
    expect(deleted.response.headers.get('location')).toContain('done=delete&count=3');
    for (const c of picked) expect(await store.get(c.id)).toBeNull();
    const none = await client.act('bulk', { bulk: 'approve' });
    expect(none.response.headers.get('location')).toContain('error=none');
    expect((await client.request(none.response.headers.get('location')!)).text).toContain(
      'Select at least one comment and an action.',
    );
    const noAction = await client.act('bulk', { bulk: '', id: String(left.id) });
    expect(noAction.response.headers.get('location')).toContain('error=none');
    expect((await store.get(left.id))?.status).toBe('pending');
  });

  it('searches author, email and text, filters by status, and pages through results', async () => {
    const needle: CommentRecord[] = [];
    for (let i = 0; i < 23; i++)
      needle.push(await store.insert(comment({ body: `About zebra-crossings, part ${i}`, status: 'approved' })));
    const byName = await store.insert(comment({ authorName: 'Zebra Fan' }));
    const byEmail = await store.insert(comment({ authorEmail: 'zebra@example.org' }));
    const client = await signedIn();
    const first = await client.request('/admin/?q=ZEBRA');
    expect(first.text).toContain('25 comments');
    expect(first.text).toContain('Page 1 of 2');
    // Pending first.
    expect(first.text.indexOf(`id="c${byName.id}"`)).toBeLessThan(first.text.indexOf(`id="c${needle[22]!.id}"`));
    expect(first.text).toContain(`id="c${byEmail.id}"`);
    expect(first.text).toContain('href="/admin/?locale=en&amp;q=ZEBRA&amp;page=2" rel="next"');
    const second = await client.request('/admin/?locale=en&q=ZEBRA&page=2');
    expect(second.text.match(/class="admin-comment"/g)).toHaveLength(5);
    expect(second.text).toContain('Page 2 of 2');
    const pendingOnly = await client.request('/admin/?q=zebra&status=pending');
    expect(pendingOnly.text).toContain('2 comments');
    const nothing = await client.request('/admin/?q=%25_%25');
    expect(nothing.text).toContain('No comments match.');
  });

  it('replies as the site: approved at once, marked as the site, shown on the post without an email', async () => {
    const parent = await store.insert(comment({ status: 'approved', thread: OTHER, locale: 'zh-cn' }));
    const client = await signedIn();
    const form = await client.request(`/admin/reply?id=${parent.id}&locale=en`);
    expect(form.response.status).toBe(200);
    expect(form.text).toContain(`Reply as ${siteConfig.brand}`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const empty = await client.request('/admin/reply', { form: { csrf, id: String(parent.id), body: '  ' } });
    expect(empty.response.status).toBe(422);
    expect(empty.text).toContain('Write a reply first.');
    const sent = await client.request('/admin/reply', {
      form: { csrf, id: String(parent.id), body: `谢谢！${HOSTILE}` },
    });
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get('location')).toContain('done=reply');
    const reply = (await store.list({ thread: OTHER })).find((c) => c.parentId === parent.id)!;
    expect(reply).toMatchObject({
      status: 'approved',
      authorName: siteConfig.brand,
      authorEmail: SITE_AUTHOR_EMAIL,
      locale: 'zh-cn',
      body: `谢谢！${HOSTILE}`,
    });
    const page = await client.request('/admin/?q=谢谢');
    expect(page.text).toContain('Reply from the site');
    const thread = (await (await fetch(`${server.origin}/api/comments?thread=${OTHER}`)).json()) as {
      comments: { id: number; replies: { name: string; text: string }[] }[];
    };
    const shown = thread.comments.find((c) => c.id === parent.id)!.replies[0]!;
    expect(shown).toMatchObject({ name: siteConfig.brand, text: `谢谢！${HOSTILE}`, bySite: true });
    expect(JSON.stringify(thread)).not.toContain(SITE_AUTHOR_EMAIL);
    // Marked as the site on the reader's page; a reader who calls themselves by the site's name is not.
    const view = await (await fetch(`${server.origin}/api/comments/view?thread=${OTHER}&locale=en`)).text();
    const replyHtml = view.slice(view.indexOf(`id="comment-${reply.id}"`));
    expect(replyHtml.slice(0, replyHtml.indexOf('</p>'))).toContain(
      '<span class="comment-by-site">Reply from the site</span>',
    );
    const impostor = await store.insert(comment({ status: 'approved', thread: OTHER, authorName: siteConfig.brand }));
    const again = (await (await fetch(`${server.origin}/api/comments?thread=${OTHER}`)).json()) as {
      comments: { id: number; bySite?: boolean }[];
    };
    expect(again.comments.find((c) => c.id === impostor.id)).not.toHaveProperty('bySite');
    // Not a comment that is waiting or gone.
    const pending = await store.insert(comment());
    expect((await client.request(`/admin/reply?id=${pending.id}`)).response.status).toBe(404);
    expect(
      (await client.request('/admin/reply', { form: { csrf, id: String(pending.id), body: 'hi' } })).response.status,
    ).toBe(404);
  });

  it('shows hostile names, emails, websites and text as inert text', async () => {
    const hostile = await store.insert(
      comment({
        authorName: HOSTILE,
        authorEmail: `"<svg/onload=alert(3)>"@example.com`,
        authorUrl: 'https://example.com/"><script>alert(4)</script>',
        body: `${HOSTILE}\n\njavascript:alert(5)`,
      }),
    );
    const client = await signedIn();
    const { text } = await client.request(`/admin/?q=${encodeURIComponent('<script>')}`);
    const item = text.slice(
      text.indexOf(`id="c${hostile.id}"`),
      text.indexOf('</li>', text.indexOf(`id="c${hostile.id}"`)),
    );
    expect(item).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(item).toContain('&lt;svg/onload=alert(3)&gt;');
    // Only as text: no tag, no attribute, no link made of it.
    expect(text).not.toMatch(/<(script|img|svg)\b|href="javascript/i);
    // With every quoted attribute value emptied, no tag has an event handler attribute.
    expect(text.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]+\son\w+=/i);
    expect(item).toContain('&amp;amp;');
  });
});

describe('emails stay on the signed-in page', () => {
  it('shows no email to anyone else: API answers, the comment view, the sign-in page, errors', async () => {
    const secretEmail = 'only-for-moderators@example.net';
    await store.insert(comment({ authorEmail: secretEmail, status: 'approved' }));
    const anonymous = newClient();
    const answers = await Promise.all(
      [
        `/api/comments?thread=${THREAD}`,
        `/api/comments/view?thread=${THREAD}&locale=en`,
        '/admin/',
        `/admin/?q=${secretEmail}`,
        '/admin/reply?id=1',
        '/admin/nothing-here',
      ].map(async (path) => ({ path, ...(await anonymous.request(path)) })),
    );
    for (const { path, text } of answers) expect(text, path).not.toContain(secretEmail);
    expect((await (await signedIn()).request(`/admin/?q=${secretEmail}`)).text).toContain(secretEmail);
  });
});

describe('fuzzing the admin routes', () => {
  it('answers random methods, paths, queries and form bodies, signed in or not, without a 5xx', async () => {
    const signed = await signedIn();
    const csrf = await signed.csrf();
    const anonymous = newClient();
    const seed = Date.now();
    console.log(`admin fuzz seed ${seed}`);
    const field = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('approve:1', 'bulk', 'delete:999999999999999999', '-1', '0', '1e3', csrf, '%00', '../'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD'),
        fc.constantFrom('/admin/', '/admin/actions', '/admin/reply', '/admin/sign-in', '/admin/sign-out', '/admin/x/y'),
        fc.dictionary(fc.constantFrom('q', 'status', 'page', 'locale', 'id', 'done', 'count', 'error'), field, {
          maxKeys: 4,
        }),
        fc.dictionary(
          fc.constantFrom('csrf', 'one', 'bulk', 'id', 'body', 'secret', 'locale', 'rstatus', 'rq', 'rpage'),
          fc.oneof(field, fc.array(field, { maxLength: 3 })),
          { maxKeys: 6 },
        ),
        fc.boolean(),
        async (method, path, query, form, withSession) => {
          const client = withSession ? signed : anonymous;
          const url = `${path}?${new URLSearchParams(query)}`;
          const init = method === 'GET' || method === 'HEAD' ? { method } : { method, form };
          const { response } = await client.request(url, init);
          expect(response.status, `${method} ${url} ${JSON.stringify(form)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 150, seed },
    );
    // Still up and still signed in.
    expect((await signed.request('/admin/')).text).toContain('action="/admin/actions"');
  }, 60_000);
});

describe('sessions end, and the limit holds for everyone (in-process, with a clock)', () => {
  it('expires a session after its lifetime, and stops every sign-in after too many failures overall', async () => {
    let clock = Date.UTC(2026, 6, 1);
    const memory = new SqliteCommentStore(':memory:');
    await memory.setSetting(PASSWORD_SETTING, await hashPassword(PASSWORD));
    const app = createAdminApp({
      store: memory,
      secret: 'a-secret-of-sixteen-chars',
      now: () => clock,
      sessionSeconds: 60,
      signInLimits: { windowMs: 60_000, perIp: 100, global: 3 },
    });
    const post = (path: string, form: Record<string, string>, cookie = '') =>
      app.request(path, {
        method: 'POST',
        headers: {
          origin: 'http://localhost',
          host: 'localhost',
          'content-type': 'application/x-www-form-urlencoded',
          cookie,
        },
        body: new URLSearchParams(form).toString(),
      });
    const signIn = await post('http://localhost/admin/sign-in', { secret: PASSWORD });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const page = async () => (await app.request('http://localhost/admin/', { headers: { cookie } })).text();
    expect(await page()).toContain('action="/admin/actions"');
    clock += 59_000;
    expect(await page()).toContain('action="/admin/actions"');
    clock += 1_000;
    expect(await page()).toContain('action="/admin/sign-in"');

    for (let i = 0; i < 3; i++)
      expect((await post('http://localhost/admin/sign-in', { secret: `no ${i}` })).status).toBe(403);
    const limited = await post('http://localhost/admin/sign-in', { secret: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    clock += 60_000;
    expect((await post('http://localhost/admin/sign-in', { secret: PASSWORD })).status).toBe(303);
    await memory.close();
  }, 30_000);
});
