import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const ARTICLE = 'wechat-mobile-marketing-mayhem';

test.describe('pages in both languages', () => {
  test('English home lists the article newest first with English dates', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const titles = page.locator('.post-list .post-title');
    await expect(titles.last()).toHaveText('We Chat: Mobile Marketing Mayhem? Or the next big thing?');
    await expect(page.locator('.post-list time').last()).toHaveText('1 July 2012');
  });

  test('Chinese home lists the article with Chinese dates', async ({ page }) => {
    await page.goto('/zh-cn/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('.post-list .post-title').last()).toHaveText('微信：昙花一现还是新的契机？');
    await expect(page.locator('.post-list time').last()).toHaveText('2012年7月1日');
  });

  test('the English article switches to its Chinese translation and back', async ({ page }) => {
    await page.goto(`/blog/${ARTICLE}/`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'We Chat: Mobile Marketing Mayhem? Or the next big thing?',
    );
    await page.locator('[data-lang-switch="zh-cn"]').click();
    await expect(page).toHaveURL(`/zh-cn/blog/${ARTICLE}/`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('微信：昙花一现还是新的契机？');
    await page.locator('[data-lang-switch="en"]').click();
    await expect(page).toHaveURL(`/blog/${ARTICLE}/`);
  });

  test('a missing page answers 404 in the language of its address', async ({ page }) => {
    const en = await page.goto('/no-such-page/');
    expect(en?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    const zh = await page.goto('/zh-cn/no-such-page/');
    expect(zh?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到页面');
  });
});

test.describe('language suggestion', () => {
  test('a reader who prefers Chinese sees a dismissible hint on an English page, and is not redirected', async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`/blog/${ARTICLE}/`);
    await expect(page).toHaveURL(`/blog/${ARTICLE}/`);
    const hint = page.locator('.lang-suggestion');
    await expect(hint).toBeVisible();
    await expect(hint).toContainText('此页面也有简体中文版本');
    await hint.getByRole('button').click();
    await expect(hint).toBeHidden();
    await page.reload();
    await expect(hint).toBeHidden();
    await context.close();
  });

  test('a reader who prefers English sees no hint on an English page', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`/blog/${ARTICLE}/`);
    await expect(page.locator('.lang-suggestion')).toBeHidden();
    await context.close();
  });
});

test.describe('Chinese typography', () => {
  test('the Chinese article renders real glyphs, not boxes', async ({ page }) => {
    await page.goto(`/zh-cn/blog/${ARTICLE}/`);
    const heading = page.getByRole('heading', { level: 1 });
    // Without a CJK font every Han character is drawn as the same .notdef box. Draw a few
    // characters in the heading's own font and require each to differ from the others and
    // from a code point no font has (U+10FFFD, private use).
    const drawings = await heading.evaluate((el) => {
      const font = getComputedStyle(el).font;
      const draw = (text: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = 96;
        canvas.height = 96;
        const ctx = canvas.getContext('2d')!;
        ctx.font = font.replace(/\d+(\.\d+)?px/, '64px');
        ctx.fillText(text, 8, 72);
        return canvas.toDataURL();
      };
      return { chars: ['微', '信', '营', '销'].map(draw), box: draw('\u{10FFFD}') };
    });
    expect(new Set(drawings.chars).size).toBe(4);
    for (const drawing of drawings.chars) expect(drawing).not.toBe(drawings.box);
    await page.screenshot({ path: test.info().outputPath('zh-article.png') });
  });
});

const pageTypes = [
  ['home', '/'],
  ['article', `/blog/${ARTICLE}/`],
  ['not found', '/no-such-page/'],
] as const;

test.describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const locale of ['en', 'zh-cn'] as const) {
    for (const [name, path] of pageTypes) {
      test(`${name} page in ${locale} has no violations`, async ({ page }) => {
        await page.goto(locale === 'en' ? path : `/zh-cn${path}`);
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
          [],
        );
      });
    }
  }
});
