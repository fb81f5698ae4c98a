import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const resultLinks = (page: Page) => page.locator('[data-search-results] li a');

test.describe('search', () => {
  for (const [query, expected, date] of [
    ['微信', '/zh-cn/blog/wechat-mobile-marketing-mayhem/', '2012年7月1日'],
    ['二维码', '/zh-cn/blog/designing-a-follow-flow/', '2026年11月24日'],
  ] as const) {
    test(`a Chinese query (${query}) finds the Chinese post, and only Chinese posts`, async ({ page }) => {
      await page.goto(`/zh-cn/search/?q=${encodeURIComponent(query)}`);
      await expect(page.locator('[data-search-status]')).toContainText(`“${query}”`);
      await expect(page.locator(`[data-search-results] a[href="${expected}"]`)).toHaveCount(1);
      for (const href of await resultLinks(page).evaluateAll((links) =>
        links.map((link) => link.getAttribute('href')),
      )) {
        expect(href).toMatch(/^\/zh-cn\/blog\//);
      }
      // Pagefind marks Chinese matches character by character; the excerpt reads as the query.
      const result = page.locator('[data-search-results] li', { has: page.locator(`a[href="${expected}"]`) });
      await expect(result.locator('.search-result-date')).toHaveText(date);
      const excerpt = result.locator('p:not(.search-result-date)');
      await expect(excerpt).toContainText(query);
      await expect(excerpt.locator('mark').first()).toHaveText(query[0]!);
    });
  }

  test('an English query finds the English post, and only English posts', async ({ page }) => {
    await page.goto('/search/?q=stickers');
    await expect(page.locator('[data-search-results] a[href="/blog/line-for-brands/"]')).toHaveCount(1);
    // Each result carries its post's date, written for the reader's language.
    await expect(
      page
        .locator('[data-search-results] li', { has: page.locator('a[href="/blog/line-for-brands/"]') })
        .locator('.search-result-date'),
    ).toHaveText('20 November 2026');
    await expect(page.locator('[data-search-status]')).toContainText('found for “stickers”');
    for (const href of await resultLinks(page).evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
      expect(href).toMatch(/^\/blog\//);
    }
  });

  test('switching language on the search page keeps the query and searches the other language', async ({ page }) => {
    await page.goto('/search/?q=LINE');
    await expect(page.locator('[data-search-results] a').first()).toBeVisible();
    await page.locator('[data-lang-switch="zh-cn"]').click();
    await expect(page).toHaveURL('/zh-cn/search/?q=LINE');
    await expect(page.locator('[data-search-results] a').first()).toHaveAttribute('href', /^\/zh-cn\/blog\//);
  });

  test('the header search box leads to results, and a query with no match says so', async ({ page }) => {
    await page.goto('/blog/wechat-mobile-marketing-mayhem/');
    const box = page.locator('header').getByRole('searchbox');
    await box.fill('QR code');
    await box.press('Enter');
    await expect(page).toHaveURL('/search/?q=QR+code');
    await expect(page.locator('[data-search-no-script]')).toBeHidden();
    await expect(page.locator('[data-search-results] a[href="/blog/designing-a-follow-flow/"]')).toHaveCount(1);
    const form = page.locator('main').getByRole('searchbox');
    await expect(form).toHaveValue('QR code');
    await form.fill('zzqqxxnothing');
    await form.press('Enter');
    await expect(page.locator('[data-search-status]')).toHaveText(/No posts found for “zzqqxxnothing”/);
    await expect(page).toHaveURL('/search/?q=zzqqxxnothing');
  });
});

test.describe('search without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const [home, searchPath, notice, tagHref] of [
    ['/', '/search/', 'Search needs JavaScript', '/tags/line/'],
    ['/zh-cn/', '/zh-cn/search/', '搜索功能需要浏览器启用脚本', '/zh-cn/tags/line/'],
  ] as const) {
    test(`the header form still submits and the search page offers tags and posts (${home})`, async ({ page }) => {
      await page.goto(home);
      const box = page.locator('header').getByRole('searchbox');
      await box.fill('LINE');
      await box.press('Enter');
      await expect(page).toHaveURL(`${searchPath}?q=LINE`);
      await expect(page.getByText(notice)).toBeVisible();
      await expect(page.locator(`main a[href="${tagHref}"]`)).toBeVisible();
      await expect(page.locator('main .post-list a')).toHaveCount(3);
    });
  }
});

test.describe('tags', () => {
  const tagPages = [
    {
      language: 'English',
      lang: 'en',
      heading: ['/tags/qr-codes/', 'Posts tagged “QR codes”'],
      lists: {
        '/tags/qr-codes/': ['Designing a WeChat and LINE follow flow for a brand site'],
        '/tags/mobile-marketing/': [
          'Keep an eye on LINE: stickers, official accounts and how brands use it',
          'We Chat: Mobile Marketing Mayhem? Or the next big thing?',
        ],
      },
    },
    {
      language: 'Chinese',
      lang: 'zh-CN',
      heading: ['/zh-cn/tags/social-media/', '标签“社交媒体”下的文章'],
      lists: {
        '/zh-cn/tags/social-media/': ['留意 LINE：贴图、官方账号与品牌玩法'],
        '/zh-cn/tags/wechat/': ['为品牌网站设计微信与 LINE 关注流程', '微信：昙花一现还是新的契机？'],
      },
    },
  ] as const;
  for (const { language, lang, heading, lists } of tagPages) {
    test(`tag pages list the posts with that tag, in ${language}`, async ({ page }) => {
      await page.goto(heading[0]);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading[1]);
      for (const [path, titles] of Object.entries(lists)) {
        await page.goto(path);
        await expect(page.locator('.post-list .post-title')).toHaveText([...titles]);
      }
    });
  }

  test('a tag on a post leads to its tag page, which switches language to the same tag', async ({ page }) => {
    await page.goto('/blog/line-for-brands/');
    await page.locator('.tags').getByRole('link', { name: '#Social media' }).click();
    await expect(page).toHaveURL('/tags/social-media/');
    await page.locator('[data-lang-switch="zh-cn"]').click();
    await expect(page).toHaveURL('/zh-cn/tags/social-media/');
  });

  test('the tag list counts posts per tag', async ({ page }) => {
    await page.goto('/zh-cn/tags/');
    await expect(page.locator('.tag-list li').filter({ hasText: '#LINE' })).toContainText('3 篇文章');
    await expect(page.locator('.tag-list li').filter({ hasText: '#用户体验' })).toContainText('1 篇文章');
  });
});

test.describe('accessibility of discovery pages (axe-core, WCAG 2.2 AA)', () => {
  for (const path of [
    '/search/?q=wechat',
    '/zh-cn/search/?q=%E5%BE%AE%E4%BF%A1',
    '/tags/',
    '/zh-cn/tags/',
    '/tags/line/',
    '/zh-cn/tags/line/',
  ]) {
    test(`${path} has no violations`, async ({ page }) => {
      await page.goto(path);
      if (path.includes('?q=')) await expect(resultLinks(page).first()).toBeVisible();
      else await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }
});
