import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type BrowserContext } from '@playwright/test';
import { CODES_JSON_FILE, parseCodeTableJson } from '../../src/codes/code-table.ts';
import { siteConfig } from '../../src/site.config.ts';

// The static forward pages a static host serves at /q/<name>/ (the site's own server redirects
// /q/<name> itself, so these tests open the page file). Targets are on the public origin or on
// line.me: the browser's requests to them are answered here.
const codes = parseCodeTableJson(
  readFileSync(join(import.meta.dirname, '..', '..', 'dist', CODES_JSON_FILE), 'utf8'),
  CODES_JSON_FILE,
);
const flyer = codes.find((code) => code.kind === 'flyer')!;
const line = codes.find((code) => code.name === 'line')!;

async function landOnTargets(context: BrowserContext) {
  for (const origin of [siteConfig.siteUrl, 'https://line.me']) {
    await context.route(`${origin}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>landed</title><p>landed</p>' }),
    );
  }
}

test.describe('static scan pages', () => {
  for (const code of [flyer, line]) {
    test(`/q/${code.name}/ forwards at once to its target with JavaScript (under its CSP) and without`, async ({
      browser,
    }) => {
      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ javaScriptEnabled });
        await landOnTargets(context);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        await page.goto(`/q/${code.name}/index.html`, { waitUntil: 'commit' });
        await page.waitForURL(code.target);
        await expect(page.locator('p')).toHaveText('landed');
        expect(errors, `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`).toEqual([]);
        await context.close();
      }
    });
  }

  test('with JavaScript the script alone forwards, allowed by the page’s policy', async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    await landOnTargets(context);
    // The same page without its meta refresh: only the inline script can forward now.
    await context.route(`${baseURL}/q/${flyer.name}/index.html`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/, '');
      expect(html).not.toContain('http-equiv="refresh"');
      await route.fulfill({ response, body: html });
    });
    const page = await context.newPage();
    await page.goto(`/q/${flyer.name}/index.html`, { waitUntil: 'commit' });
    await page.waitForURL(flyer.target);
    await context.close();
  });

  test('without JavaScript or refresh, the page offers the link in both languages', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.route(`**/q/${flyer.name}/index.html`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/, '') });
    });
    await page.goto(`/q/${flyer.name}/index.html`);
    await expect(page.getByRole('link', { name: 'Continue' })).toHaveAttribute('href', flyer.target);
    await expect(page.getByRole('link', { name: '继续' })).toHaveAttribute('href', flyer.target);
    await context.close();
  });
});
