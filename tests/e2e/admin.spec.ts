/**
 * The moderation page (/admin/) in real Chromium, on the built site's server and its comments
 * database: signing in, acting on one comment and in bulk, replying as the site and signing out,
 * with and without JavaScript, in both languages; hostile comments stay text; axe finds nothing.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import type { CommentRecord, NewComment } from '../../src/comments/store.ts';

const ARTICLE = 'wechat-mobile-marketing-mayhem';
const TOKEN = process.env['E2E_ADMIN_TOKEN'] ?? '';
const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

const unique = (label: string) => `${label}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Puts comments straight into the database the test server reads (playwright.config.ts sets it). */
async function seed(comments: Partial<NewComment>[]): Promise<CommentRecord[]> {
  const store = new SqliteCommentStore(process.env['E2E_COMMENTS_DB']!);
  try {
    const stored: CommentRecord[] = [];
    for (const fields of comments) {
      const n = unique('');
      stored.push(
        await store.insert({
          thread: ARTICLE,
          parentId: null,
          locale: 'en',
          authorName: `Moderated ${n}`,
          authorEmail: `moderated-${n}@example.com`,
          authorUrl: null,
          body: `Body ${n}`,
          status: 'pending',
          createdAt: Date.now(),
          ipHash: `e2e-${n}`,
          fingerprint: `e2e-${n}`,
          ...fields,
        }),
      );
    }
    return stored;
  } finally {
    await store.close();
  }
}

const STRINGS = {
  en: {
    secret: 'Password or admin token',
    signIn: 'Sign in',
    search: 'Search author, email or text',
    searchButton: 'Search',
    approve: 'Approve',
    approved: 'Approved: 1.',
    bulk: 'With the selected comments',
    trash: 'Trash',
    apply: 'Apply',
    trashed: 'Moved to the trash: 2.',
    restore: 'Restore',
    reply: 'Reply as syENGAGE',
    publish: 'Publish reply',
    replied: 'Your reply is published.',
    signOut: 'Sign out',
    signedOut: 'You’re signed out.',
    heading: 'Moderation',
    select: (name: string) => `Select the comment by ${name}`,
  },
  'zh-cn': {
    secret: '密码或管理令牌',
    signIn: '登录',
    search: '搜索作者、邮箱或内容',
    searchButton: '搜索',
    approve: '批准',
    approved: '已批准：1 条。',
    bulk: '对所选评论',
    trash: '移到回收站',
    apply: '执行',
    trashed: '已移到回收站：2 条。',
    restore: '恢复',
    reply: '以 syENGAGE 的身份回复',
    publish: '发布回复',
    replied: '您的回复已发布。',
    signOut: '退出登录',
    signedOut: '您已退出登录。',
    heading: '评论审核',
    select: (name: string) => `选择 ${name} 的评论`,
  },
} as const;

async function signIn(page: Page, locale: keyof typeof STRINGS) {
  const s = STRINGS[locale];
  await page.goto(`/admin/?locale=${locale}`);
  await page.getByLabel(s.secret).fill(TOKEN);
  await page.getByRole('button', { name: s.signIn }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
}

async function search(page: Page, locale: keyof typeof STRINGS, text: string) {
  const s = STRINGS[locale];
  // In <main>: the site's header has a search of its own.
  const main = page.getByRole('main');
  await main.getByRole('searchbox', { name: s.search }).fill(text);
  await main.getByRole('button', { name: s.searchButton, exact: true }).click();
}

for (const javaScriptEnabled of [true, false]) {
  for (const locale of ['en', 'zh-cn'] as const) {
    test.describe(`moderation page, ${locale}, ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
      test.use({ javaScriptEnabled });
      // About twenty page loads each; the machine running them is shared.
      test.setTimeout(90_000);

      test('signs in, approves one, trashes and restores two in bulk, replies as the site, signs out; hostile text stays text', async ({
        page,
      }) => {
        const s = STRINGS[locale];
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        // A style or script the page's policy refuses shows up here (Chromium logs every violation as an error).
        const consoleErrors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.push(message.text());
        });
        const marker = unique('mk');
        const [plain, hostile] = await seed([
          { body: `First ${marker}` },
          { body: `${HOSTILE} ${marker}`, authorName: `<b>${marker}</b>`, locale: 'zh-cn' },
        ]);

        await signIn(page, locale);
        // The session cookie as the browser keeps it.
        const [cookie] = await page.context().cookies();
        expect(cookie).toMatchObject({
          name: '__Host-syengage-admin',
          httpOnly: true,
          secure: true,
          sameSite: 'Strict',
        });

        await search(page, locale, marker);
        const items = page.locator('.admin-comment');
        await expect(items).toHaveCount(2);
        const hostileItem = page.locator(`#c${hostile!.id}`);
        await expect(hostileItem.locator('.admin-body')).toContainText(HOSTILE);
        await expect(hostileItem.locator('h3 bdi')).toHaveText(`<b>${marker}</b>`);
        await expect(hostileItem.locator('img, script, b')).toHaveCount(0);
        await expect(hostileItem).toContainText(hostile!.authorEmail);

        await page.locator(`#c${plain!.id}`).getByRole('button', { name: s.approve, exact: true }).click();
        await expect(page.getByRole('status').filter({ hasText: s.approved })).toBeVisible();
        // The search is kept across the action (POST-redirect-GET).
        await expect(page.getByRole('main').getByRole('searchbox', { name: s.search })).toHaveValue(marker);

        await page.getByRole('checkbox', { name: s.select(plain!.authorName) }).check();
        await page.getByRole('checkbox', { name: s.select(hostile!.authorName) }).check();
        await page.getByLabel(s.bulk).selectOption({ label: s.trash });
        await page.getByRole('button', { name: s.apply }).click();
        await expect(page.getByText(s.trashed)).toBeVisible();
        await expect(items.locator('[data-status=trash], .admin-comment[data-status=trash]')).toHaveCount(0);
        await expect(page.locator('.admin-comment[data-status=trash]')).toHaveCount(2);

        await page.locator(`#c${plain!.id}`).getByRole('button', { name: s.restore }).click();
        await page.locator(`#c${plain!.id}`).getByRole('button', { name: s.approve, exact: true }).click();
        await page.locator(`#c${plain!.id}`).getByRole('link', { name: s.reply }).click();
        const answer = `Thanks from the site ${marker} <i>not markup</i>`;
        await page.getByRole('textbox', { name: s.reply }).fill(answer);
        await page.getByRole('button', { name: s.publish }).click();
        await expect(page.getByText(s.replied)).toBeVisible();

        // Readers see the reply under the comment, from the site, as text.
        const reader = await page.context().newPage();
        await reader.goto(`/api/comments/view?thread=${ARTICLE}&locale=${locale}`);
        const reply = reader.locator(`#comment-${plain!.id} .comment-replies .comment`).filter({ hasText: marker });
        await expect(reply).toContainText(answer);
        await expect(reply).toContainText('syENGAGE');
        await expect(reply.locator('.comment-by-site')).toHaveText(
          locale === 'en' ? 'Reply from the site' : '本站回复',
        );
        await expect(reply.locator('i')).toHaveCount(0);
        await reader.close();

        await page.getByRole('button', { name: s.signOut }).click();
        await expect(page.getByText(s.signedOut)).toBeVisible();
        await page.goto(`/admin/?locale=${locale}&q=${marker}`);
        await expect(page.getByLabel(s.secret)).toBeVisible();
        await expect(page.locator('body')).not.toContainText(hostile!.authorEmail);

        expect(dialogs).toEqual([]);
        expect(consoleErrors).toEqual([]);
        if (javaScriptEnabled)
          expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      });
    });
  }
}

test.describe('moderation page accessibility', () => {
  // Eight axe runs.
  test.setTimeout(120_000);
  test('the sign-in page, the list with comments and notices, and the reply page pass axe WCAG 2.2 AA in both languages', async ({
    page,
  }) => {
    const marker = unique('axe');
    const [approved] = await seed([
      { body: `Approved ${marker}`, status: 'approved' },
      { body: `Pending ${marker}`, locale: 'zh-cn' },
      { body: `Spam ${marker}`, status: 'spam' },
    ]);
    const check = async (label: string) => {
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(results.violations, label).toEqual([]);
    };
    for (const locale of ['en', 'zh-cn'] as const) {
      await page.context().clearCookies();
      await page.goto(`/admin/?locale=${locale}`);
      await check(`${locale} sign-in`);
      await page.getByLabel(STRINGS[locale].secret).fill('wrong-token-for-axe');
      await page.getByRole('button', { name: STRINGS[locale].signIn }).click();
      await check(`${locale} sign-in refused`);
      await signIn(page, locale);
      await search(page, locale, marker);
      await expect(page.locator('.admin-comment')).toHaveCount(3);
      await check(`${locale} list`);
      await page.goto(`/admin/reply?id=${approved!.id}&locale=${locale}`);
      await check(`${locale} reply`);
    }
  });
});
