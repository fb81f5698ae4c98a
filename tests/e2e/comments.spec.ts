import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const ARTICLE = 'wechat-mobile-marketing-mayhem';
const EN_POST = `/blog/${ARTICLE}/`;
const ZH_POST = `/zh-cn/blog/${ARTICLE}/`;
const EN_HEADING = /^(One thought|\d+ thoughts) on “We Chat: Mobile Marketing Mayhem\? Or the next big thing\?”$/;
const ZH_HEADING = /^《微信：昙花一现还是新的契机？》有 \d+ 条评论$/;

/** Runs the moderation CLI on the database the test server writes (playwright.config.ts sets it). */
function cli(...args: string[]): string {
  return execFileSync('npm', ['run', '-s', 'comments', '--', ...args], {
    env: { ...process.env, COMMENTS_DB: process.env['E2E_COMMENTS_DB'] },
    encoding: 'utf8',
  });
}

/** The id of the pending comment whose body contains `marker`, found through the CLI. */
function pendingIdWith(marker: string): number {
  const pending = JSON.parse(cli('list', '--status', 'pending', '--json', '--limit', '1000')) as {
    id: number;
    body: string;
  }[];
  const found = pending.find((comment) => comment.body.includes(marker));
  if (!found) throw new Error(`No pending comment contains ${marker}`);
  return found.id;
}

// These tests moderate through the real CLI (a Node process per call, about 1–3 s each on a 2-core
// machine) and open the thread in up to four browser contexts: more than the default 30 s can hold
// when the machine is busy, as CI found.
test.describe.configure({ timeout: 60_000 });

const unique = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function fillForm(page: Page, fields: { body: string; name: string; email: string; url?: string }) {
  await page.getByRole('textbox', { name: /^(Comment|评论)/ }).fill(fields.body);
  await page.getByRole('textbox', { name: /^(Name|姓名)/ }).fill(fields.name);
  await page.getByRole('textbox', { name: /^(Email|电子邮箱)/ }).fill(fields.email);
  if (fields.url) await page.getByRole('textbox', { name: /^(Website|网站)/ }).fill(fields.url);
}

test.describe('comments with JavaScript', () => {
  test('a reader posts in place, sees the pending message, and after approval with the CLI the comment shows on the English and Chinese page', async ({
    browser,
  }) => {
    const marker = unique('js');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(EN_POST);
    const section = page.locator('#comments');
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(/on “We Chat/);
    await expect(section).toContainText('Your email address will not be published. Required fields are marked *');
    await fillForm(page, {
      body: `Great read! ${marker}\n\nSecond paragraph with https://example.com/wechat.`,
      name: 'Jia Li',
      email: `${marker}@example.com`,
      url: 'jiali.example',
    });
    await page.getByLabel('Save my name, email, and website in this browser for the next time I comment.').check();
    const posted = page.waitForResponse(
      (response) => response.url().endsWith('/api/comments') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Post comment' }).click();
    expect((await posted).status()).toBe(201);
    await expect(section.getByRole('status')).toHaveText('Thank you! Your comment is awaiting moderation.');
    await expect(page).toHaveURL(EN_POST);
    await expect(section.locator('.comment-list')).not.toContainText(marker);

    // Remembered because the box was ticked.
    await page.reload();
    await expect(page.getByLabel(/^Name/)).toHaveValue('Jia Li');
    await expect(page.getByLabel(/^Website/)).toHaveValue('jiali.example');

    expect(cli('approve', String(pendingIdWith(marker)))).toContain('→ approved');

    const fresh = await browser.newPage();
    await fresh.goto(EN_POST);
    const comment = fresh.locator('.comment', { hasText: marker });
    await expect(comment).toBeVisible();
    await expect(comment.locator('.comment-body p')).toHaveCount(2);
    await expect(comment.getByRole('link', { name: 'Jia Li', exact: true })).toHaveAttribute('rel', 'nofollow ugc');
    // Typed without a scheme, as WordPress allows: stored and linked as https.
    await expect(comment.getByRole('link', { name: 'Jia Li', exact: true })).toHaveAttribute(
      'href',
      'https://jiali.example/',
    );
    await expect(comment.getByRole('link', { name: 'https://example.com/wechat' })).toHaveAttribute(
      'href',
      'https://example.com/wechat',
    );
    await expect(comment).toContainText('Written in English');
    await expect(fresh.locator('#comments-heading')).toHaveText(EN_HEADING);
    await expect(fresh.locator('#comments')).not.toContainText(`${marker}@example.com`);

    await fresh.goto(ZH_POST);
    await expect(fresh.locator('.comment', { hasText: marker })).toContainText('以英文撰写');
    await expect(fresh.locator('#comments-heading')).toHaveText(ZH_HEADING);
    await context.close();
    await fresh.close();
  });

  test('a reader who does not tick the box leaves nothing in the browser', async ({ page }) => {
    const marker = unique('noremember');
    await page.goto(ZH_POST);
    await fillForm(page, { body: `不保存 ${marker}`, name: '王五', email: `${marker}@example.com` });
    await page.getByRole('button', { name: '发表评论' }).click();
    await expect(page.locator('#comments').getByRole('status')).toHaveText('谢谢！你的评论正在等待审核。');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.reload();
    await expect(page.getByLabel(/^姓名/)).toHaveValue('');
  });

  test('errors name the field in the reader’s language', async ({ page }) => {
    await page.goto(ZH_POST);
    await page.getByLabel(/^电子邮箱/).fill('not-an-email');
    await page.getByRole('button', { name: '发表评论' }).click();
    await expect(page.locator('#comment-error-email')).toHaveText('请输入有效的电子邮箱地址，例如 name@example.com。');
    await expect(page.locator('#comment-error-name')).toHaveText('请填写你的姓名。');
    const body = page.getByRole('textbox', { name: /^评论/ });
    await expect(body).toHaveAttribute('aria-invalid', 'true');
    // Invalid fields have a red border; the summary sits at the top of the form, red, apart from the green success notice.
    await expect(body).toHaveCSS('border-top-color', 'rgb(160, 0, 0)');
    const summary = page.locator('#comments form .comment-summary');
    await expect(summary).toHaveText('评论未发送，请修改下方标出的内容。');
    await expect(summary).toHaveCSS('border-left-color', 'rgb(160, 0, 0)');
    const [summaryBox, bodyBox] = [await summary.boundingBox(), await body.boundingBox()];
    expect(summaryBox!.y).toBeLessThan(bodyBox!.y);
    await expect(page.locator('#comments [data-notice]')).toBeHidden();
  });

  test('required fields are marked alike, and the submit button looks like the site’s buttons', async ({ page }) => {
    await page.goto(EN_POST);
    const labels = page.locator('#comments form label:not(.comment-trap label)');
    await expect(labels).toHaveText([
      'Comment *',
      'Name *',
      'Email *',
      'Website',
      'Email me when someone replies',
      'Save my name, email, and website in this browser for the next time I comment.',
    ]);
    for (const name of [/^Comment/, /^Name/, /^Email/])
      await expect(page.getByRole('textbox', { name })).toHaveAttribute('required', '');
    await expect(page.getByRole('button', { name: 'Post comment' })).toHaveCSS('font-weight', '600');
    await expect(page.getByRole('button', { name: 'Post comment' })).toHaveCSS('background-color', 'rgb(11, 107, 83)');
  });

  test('a reply appears under the comment it answers', async ({ browser, page }) => {
    const parent = unique('parent');
    const reply = unique('reply');
    await page.goto(EN_POST);
    await fillForm(page, { body: `Parent ${parent}`, name: 'Parent Person', email: `${parent}@example.com` });
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect(page.locator('#comments').getByRole('status')).toContainText('awaiting moderation');
    cli('approve', String(pendingIdWith(parent)));

    const reader = await browser.newPage();
    await reader.goto(ZH_POST);
    await reader.getByRole('link', { name: '回复 Parent Person 的评论' }).click();
    await expect(reader.locator('#respond-heading')).toHaveText('回复 Parent Person');
    await fillForm(reader, { body: `回复 ${reply}`, name: '李四', email: `${reply}@example.com` });
    await reader.getByRole('button', { name: '发表评论' }).click();
    await expect(reader.locator('#comments').getByRole('status')).toHaveText('谢谢！你的评论正在等待审核。');
    cli('approve', String(pendingIdWith(reply)));
    await reader.goto(EN_POST);
    const replyItem = reader.locator('.comment', { hasText: parent }).locator('.comment-replies .comment');
    await expect(replyItem).toContainText(reply);
    await expect(replyItem).toContainText('Written in Chinese');
    await reader.close();
  });

  test('the comment section passes axe WCAG 2.2 AA in both languages', async ({ page }) => {
    for (const path of [EN_POST, ZH_POST]) {
      await page.goto(path);
      await expect(page.locator('[data-loading]')).toBeHidden();
      const results = await new AxeBuilder({ page })
        .include('#comments')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(results.violations, path).toEqual([]);
    }
  });
});

test.describe('comment counts on post lists', () => {
  test('an approved comment shows as a count linking to the comments, on the English and the Chinese home page', async ({
    browser,
    page,
  }) => {
    // Only this test comments on the LINE post, and none on the follow-flow post: the counts are exact.
    const marker = unique('count');
    await page.goto('/blog/line-for-brands/');
    await fillForm(page, { body: `Counted ${marker}`, name: 'Count Person', email: `${marker}@example.com` });
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect(page.locator('#comments').getByRole('status')).toContainText('awaiting moderation');
    cli('approve', String(pendingIdWith(marker)));

    const reader = await browser.newPage();
    const counts: string[] = [];
    reader.on('request', (request) => {
      if (request.url().includes('/api/comments/counts')) counts.push(request.url());
    });
    await reader.goto('/');
    const line = reader
      .locator('.post-list li', { has: reader.locator('a[href="/blog/line-for-brands/"]') })
      .locator('.post-comments');
    await expect(line.getByRole('link')).toHaveText('One comment');
    await expect(line.getByRole('link')).toHaveAttribute('href', '/blog/line-for-brands/#comments');
    const follow = reader
      .locator('.post-list li', { has: reader.locator('a[href="/blog/designing-a-follow-flow/"]') })
      .locator('.post-comments');
    await expect(follow).toHaveText('No comments yet');
    expect(counts, 'one counts request for the whole list').toHaveLength(1);

    await reader.goto('/zh-cn/');
    const zhLine = reader
      .locator('.post-list li', { has: reader.locator('a[href="/zh-cn/blog/line-for-brands/"]') })
      .locator('.post-comments');
    await expect(zhLine.getByRole('link')).toHaveText('1 条评论');
    await zhLine.getByRole('link').click();
    await expect(reader).toHaveURL('/zh-cn/blog/line-for-brands/#comments');
    await expect(reader.locator('#comments .comment', { hasText: marker })).toBeVisible();
    await reader.close();
  });

  test('without the API the lists show no counts', async ({ page }) => {
    await page.route('**/api/comments/counts**', (route) => route.fulfill({ status: 503, body: 'down' }));
    await page.goto('/');
    await expect(page.locator('.post-list li').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.post-comments')).not.toHaveCount(0);
    await expect(page.locator('.post-comments:visible')).toHaveCount(0);
  });
});

test.describe('comments without JavaScript', () => {
  // axe itself needs JavaScript, so it checks the no-JavaScript comment page from a normal context.
  test.describe('checked by axe', () => {
    test.use({ javaScriptEnabled: true });
    test('the server-rendered comment pages pass axe WCAG 2.2 AA: thread, form with errors, error page, in both languages', async ({
      page,
    }) => {
      const axe = async (label: string) => {
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        expect(results.violations, label).toEqual([]);
      };
      await page.goto(`/api/comments/view?thread=${ARTICLE}&locale=en&post=${encodeURIComponent(EN_POST)}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        /on “We Chat: Mobile Marketing Mayhem\? Or the next big thing\?”$/,
      );
      await axe('view en');
      await page.goto(`/api/comments/view?thread=${ARTICLE}&locale=zh-cn&post=${encodeURIComponent(ZH_POST)}`);
      await axe('view zh');
      // This page has no script: the form posts as without JavaScript, and a bad website comes back marked.
      await fillForm(page, { body: '测试', name: '测试', email: 'axe@example.com', url: 'javascript:alert(1)' });
      await page.getByRole('button', { name: '发表评论' }).click();
      await expect(page.getByRole('textbox', { name: /^网站/ })).toHaveAttribute('aria-invalid', 'true');
      await axe('form with errors zh');
      await page.goto('/api/comments/view?thread=no-such-post&locale=en');
      await axe('error page en');
    });
  });

  test.use({ javaScriptEnabled: false });

  // The server writes the approved comments and a fresh form token into the post page it serves.
  for (const [path, locale] of [
    [EN_POST, 'en'],
    [ZH_POST, 'zh-cn'],
  ] as const) {
    test(`${locale}: a reader sends a comment with one click, is told it awaits moderation, and after approval reads it in the post page; a trusted reader’s next comment shows at once`, async ({
      page,
    }) => {
      // Two sends, an approval and four page loads: more than the default on a busy machine.
      test.setTimeout(90_000);
      const zh = locale === 'zh-cn';
      const marker = unique(`nojs-${locale}`);
      const name = zh ? '张三' : 'Sam Smith';
      const submit = zh ? '发表评论' : 'Post comment';
      await page.goto(path);
      // Saving name and email needs the script: without it the box is not offered.
      await expect(page.locator('[data-remember]')).toBeHidden();
      const send = async (body: string) => {
        await fillForm(page, { body, name, email: `${marker}@example.com` });
        await page.getByRole('button', { name: submit }).click();
      };
      await send(`${zh ? '没有脚本也能评论' : 'No script needed'} ${marker}`);

      // One click: the page carried a fresh token, so the comment was taken.
      await expect(page).toHaveURL(`${path}#comment-pending`);
      await expect(page.locator('#comment-pending')).toBeVisible();
      await expect(page.locator('#comment-pending')).toHaveText(
        zh ? '谢谢！你的评论正在等待审核。' : 'Thank you! Your comment is awaiting moderation.',
      );
      await expect(page.locator('#comment-approved')).toBeHidden();
      await expect(page.locator('#comments .comment', { hasText: marker })).toHaveCount(0);

      cli('approve', String(pendingIdWith(marker)));
      await page.goto(path);
      const comment = page.locator('#comments .comment', { hasText: marker });
      await expect(comment).toBeVisible();
      await expect(comment.locator('.comment-author')).toHaveText(name);
      await expect(comment).toContainText(zh ? '以中文撰写' : 'Written in English');
      await expect(comment.locator('time')).toHaveText(/ \d{2}:\d{2} UTC$/);
      await expect(page.locator('#comments-heading')).toHaveText(zh ? ZH_HEADING : EN_HEADING);
      // The other language's post shows it too.
      await page.goto(zh ? EN_POST : ZH_POST);
      await expect(page.locator('#comments .comment', { hasText: marker })).toContainText(
        zh ? 'Written in Chinese' : '以英文撰写',
      );

      // Approved before under this name and email: the next comment is published at once, in the page.
      const second = unique(`nojs-${locale}-again`);
      await page.goto(path);
      await send(`${zh ? '再来一条' : 'Once more'} ${second}`);
      await expect(page).toHaveURL(`${path}#comment-approved`);
      await expect(page.locator('#comment-approved')).toBeVisible();
      await expect(page.locator('#comments .comment', { hasText: second })).toBeVisible();
    });
  }

  test('an empty form is answered with a message per field in the reader’s language, not the browser’s', async ({
    page,
  }) => {
    await page.goto(ZH_POST);
    await page.getByRole('button', { name: '发表评论' }).click();
    // The form is novalidate: the server, not the browser, says what is missing, in Chinese.
    await expect(page.getByRole('textbox', { name: /^评论/ })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('textbox', { name: /^姓名/ })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('main')).toContainText('请填写你的姓名。');
  });
});

test.describe('hostile input', () => {
  const payloads = {
    name: '<img src=x onerror="window.__pwned=1">\u202Eevil\u202C 👩‍👩‍👧',
    body: [
      '<script>window.__pwned=1</script>',
      '<a href="javascript:window.__pwned=1" onclick="window.__pwned=1">click me</a> javascript:window.__pwned=1',
      `zero\u200Bwidth \u202Eright-to-left override\u202C مرحبا עברית 🙂‍↔️`,
      'long:' + 'ﷺ'.repeat(1000),
    ].join('\n\n'),
  };

  test('script tags, event handlers, javascript: URLs and odd Unicode are stored and shown as inert text', async ({
    browser,
    page,
  }) => {
    const marker = unique('hostile');
    page.on('dialog', () => {
      throw new Error('a dialog opened');
    });
    await page.goto(EN_POST);
    await fillForm(page, {
      body: `${marker}\n\n${payloads.body}`,
      name: payloads.name,
      email: `${marker}@example.com`,
    });
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect(page.locator('#comments').getByRole('status')).toContainText('awaiting moderation');
    const id = pendingIdWith(marker);
    const stored = JSON.parse(cli('list', '--status', 'pending', '--json', '--limit', '1000')).find(
      (c: { id: number }) => c.id === id,
    );
    expect(stored.body).toBe(`${marker}\n\n${payloads.body}`);
    expect(stored.authorName).toBe(payloads.name);
    cli('approve', String(id));

    for (const [javaScriptEnabled, path] of [
      [true, ZH_POST],
      [false, `/api/comments/view?thread=${ARTICLE}&locale=zh-cn`],
      // Written into the post page by the server: read without any script, in both languages.
      [false, EN_POST],
      [false, ZH_POST],
    ] as const) {
      const context = await browser.newContext({ javaScriptEnabled });
      const reader = await context.newPage();
      await reader.goto(path);
      const comment = reader.locator('.comment', { hasText: marker });
      await expect(comment).toBeVisible();
      await expect(comment.locator('.comment-author')).toHaveText(payloads.name);
      await expect(comment.locator('.comment-body')).toContainText('<script>window.__pwned=1</script>');
      await expect(comment.locator('.comment-body')).toContainText('javascript:window.__pwned=1');
      await expect(comment.locator('script, img, [onclick], [onerror], a[href^="javascript"]')).toHaveCount(0);
      await expect(comment.locator('.comment-body p')).toHaveCount(5);
      if (javaScriptEnabled) {
        // Clicking the text that looks like a link does nothing.
        await comment.getByText('click me').first().click();
        expect(await reader.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      }
      await context.close();
    }
  });
});
