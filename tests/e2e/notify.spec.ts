/**
 * Notifications in a real browser: the built site served by its own server process, whose mail
 * goes to a real SMTP server started here (smtp-server; mails parsed with mailparser). A reader
 * comments in Chromium; the moderator's mail arrives; its approve link is followed in Chromium,
 * confirmed with the page's button, and the comment shows on the post in both languages. A
 * Chinese reader asks for reply emails, confirms the Chinese confirmation mail, gets the reply
 * in Chinese, and unsubscribes from everything through the mail's link.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort } from '../support/free-port.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { linksIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const ARTICLE = 'wechat-mobile-marketing-mayhem';
const MODERATOR = 'moderator@example.com';

let smtp: SmtpSink;
let server: ServerProcess;
let dir: string;

// Two server starts and several mail round trips: more than the default 30 s on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notify-e2e-'));
  smtp = await startSmtpSink();
  // The links in mails must name the server's address before it starts.
  const port = await freePort();
  server = await startServerProcess({
    PORT: String(port),
    COMMENTS_DB: join(dir, 'comments.db'),
    COMMENTS_SMTP_URL: smtp.url,
    COMMENTS_MODERATOR_EMAILS: MODERATOR,
    COMMENTS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    COMMENTS_FLOOD_SECONDS: '0',
    COMMENTS_MIN_FILL_SECONDS: '0',
  });
});

test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

const unique = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

async function postComment(
  page: Page,
  url: string,
  fields: { body: string; name: string; email: string },
  optIn = false,
) {
  await page.goto(url);
  const form = page.locator('#comments form');
  await form.locator('textarea[name=body]').fill(fields.body);
  await form.locator('input[name=name]').fill(fields.name);
  await form.locator('input[name=email]').fill(fields.email);
  if (optIn) await form.getByRole('checkbox', { name: /Email me when someone replies|有人回复时给我发邮件/ }).check();
  const posted = page.waitForResponse((r) => r.url().endsWith('/api/comments') && r.request().method() === 'POST');
  await form.locator('button[type=submit]').click();
  expect((await posted).status()).toBe(201);
}

/** The moderator mail about the comment whose text contains `marker`. */
async function moderatorMailAbout(marker: string) {
  const [mail] = await smtp.waitFor(1, (m) => m.to.includes(MODERATOR) && m.text.includes(marker));
  return mail!;
}

/** Opens a link from a mail, checks nothing happened yet, and presses the page's one button. */
async function confirmLink(page: Page, link: string, button: RegExp) {
  await page.goto(link);
  await expect(page.getByRole('button', { name: button })).toBeVisible();
  await page.getByRole('button', { name: button }).click();
}

test('the moderator mail’s approve link, confirmed in Chromium, publishes the comment on the English and Chinese post', async ({
  page,
}) => {
  const marker = unique('mail');
  await postComment(page, `${server.origin}/blog/${ARTICLE}/`, {
    body: `Approve me from the mail ${marker} <b>not bold</b>`,
    name: 'Mail <i>Reader</i>',
    email: `${marker}@example.com`,
  });
  const mail = await moderatorMailAbout(marker);
  expect(mail.subject).toContain('We Chat: Mobile Marketing Mayhem?');
  expect(mail.subject).toContain('微信');
  expect(mail.html).toContain('Mail &lt;i&gt;Reader&lt;/i&gt;');
  const approve = linksIn(mail.text).find((link) => link.includes('/api/moderate/') && link.includes('.approve.'))!;
  expect(approve).toBeTruthy();
  // The same link is behind the HTML mail's button.
  expect(mail.html).toContain(`href="${approve}"`);

  // Opening the link shows the comment as text and asks; the post does not show it yet.
  await page.goto(approve);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Approve this comment?');
  await expect(page.locator('blockquote')).toContainText(`${marker} <b>not bold</b>`);
  await page.goto(`${server.origin}/blog/${ARTICLE}/`);
  await expect(page.locator('#comments')).not.toContainText(marker);

  await confirmLink(page, approve, /^Approve$/);
  await expect(page.getByRole('status')).toHaveText('The comment is approved and shows on the post.');
  await page.getByRole('link', { name: /The post in English/ }).click();
  await expect(page.locator('#comments .comment-list')).toContainText(`${marker} <b>not bold</b>`);
  await page.goto(`${server.origin}/zh-cn/blog/${ARTICLE}/`);
  await expect(page.locator('#comments .comment-list')).toContainText(`${marker} <b>not bold</b>`);

  // The link worked once.
  await confirmLink(page, approve, /^Approve$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link has been used already.');
});

test('a Chinese reader confirms reply emails, gets the reply in Chinese, and unsubscribes from everything', async ({
  page,
}) => {
  const marker = unique('zh');
  const email = `${marker}@example.com`;
  await postComment(
    page,
    `${server.origin}/zh-cn/blog/${ARTICLE}/`,
    { body: `请回复我 ${marker}`, name: '李佳', email },
    true,
  );
  // Approve her comment from the moderator mail, so it can be replied to.
  const approve = linksIn((await moderatorMailAbout(marker)).text).find((l) => l.includes('.approve.'))!;
  await confirmLink(page, approve, /^批准$|^Approve$/);

  const [confirmation] = await smtp.waitFor(1, (m) => m.to.includes(email));
  expect(confirmation!.subject).toContain('请确认');
  expect(confirmation!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  await confirmLink(
    page,
    linksIn(confirmation!.text).find((l) => l.includes('/confirm/'))!,
    /有回复时给我发邮件/,
  );
  await expect(page.getByRole('status')).toContainText('已确认');

  // Someone replies in English; the moderator approves it from the mail.
  await page.goto(`${server.origin}/blog/${ARTICLE}/`);
  await page.locator('#comments .comment').filter({ hasText: marker }).locator('.comment-reply').first().click();
  const replyMarker = unique('reply');
  // The reply form: in place with JavaScript, or the thread's own page without.
  const form = page.locator('form[action="/api/comments"]');
  await expect(form.locator('input[name=parent]')).not.toHaveValue('');
  await form.locator('textarea[name=body]').fill(`Happy to help ${replyMarker}`);
  await form.locator('input[name=name]').fill('Sam');
  await form.locator('input[name=email]').fill(`${replyMarker}@example.com`);
  await form.locator('button[type=submit]').click();
  const approveReply = linksIn((await moderatorMailAbout(replyMarker)).text).find((l) => l.includes('.approve.'))!;
  await confirmLink(page, approveReply, /^Approve$/);

  const [reply] = await smtp.waitFor(2, (m) => m.to.includes(email));
  const replyMail = smtp.mails.filter((m) => m.to.includes(email))[1]!;
  expect(reply).toBeTruthy();
  expect(replyMail.subject).toContain('Sam 在《');
  expect(replyMail.text).toContain(`Happy to help ${replyMarker}`);
  const all = linksIn(replyMail.text).filter((l) => l.includes('/unsubscribe/'))[1]!;
  await confirmLink(page, all, /不再接收 syENGAGE 的任何邮件/);
  await expect(page.getByRole('status')).toContainText('不会再给您发送邮件');
});
