import { expect, test, type Page } from '@playwright/test';

// Every page carries a Content-Security-Policy with the hashes of its own inline scripts. If a
// script the build wrote were left out, the feature it drives would silently stop: record every
// violation while the pages are used.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
    );
  });
});

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

const pages = [
  '/',
  '/zh-cn/',
  '/blog/wechat-mobile-marketing-mayhem/',
  '/zh-cn/blog/line-for-brands/',
  '/follow/',
  '/zh-cn/tags/',
  '/no-such-page/',
];

test.describe('Content Security Policy', () => {
  for (const path of pages) {
    test(`${path} runs its scripts without a violation`, async ({ page }) => {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain(
        "script-src 'self'",
      );
      expect(await violations(page)).toEqual([]);
    });
  }

  test('search (Pagefind and its WebAssembly) works under the policy in both languages', async ({ page }) => {
    await page.goto('/zh-cn/search/?q=微信');
    await expect(page.locator('[data-search-results] a').first()).toBeVisible();
    await page.goto('/search/?q=stickers');
    await expect(page.locator('[data-search-results] a').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  test('a script injected into a page is refused', async ({ page }) => {
    await page.goto('/');
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    expect(ran).toBe(false);
    expect((await violations(page)).join('\n')).toContain('script-src');
  });
});
