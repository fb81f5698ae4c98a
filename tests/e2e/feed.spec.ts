import { expect, test } from '@playwright/test';
import en from '../../src/i18n/resources/en.json' with { type: 'json' };
import zhCN from '../../src/i18n/resources/zh-CN.json' with { type: 'json' };

const brand = 'syENGAGE';
const feeds = [
  { path: '/rss.xml', lang: 'en', strings: en },
  { path: '/zh-cn/rss.xml', lang: 'zh-CN', strings: zhCN },
];

/** Titles and links of the feed's items, read from the XML a feed reader gets. */
function feedItems(xml: string): { title: string; link: string }[] {
  return [...xml.matchAll(/<item><title>([^<]*)<\/title><link>([^<]*)<\/link>/g)].map((match) => ({
    title: match[1] ?? '',
    link: match[2] ?? '',
  }));
}

test.describe('the RSS feed in a browser', () => {
  for (const { path, lang, strings } of feeds) {
    test(`${path} opens as a page in ${lang} that explains the feed and lists its posts`, async ({ page, request }) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });

      // Feed readers get the RSS itself, with the stylesheet only as a processing instruction.
      const raw = await request.get(path);
      expect(raw.status()).toBe(200);
      const xml = await raw.text();
      expect(xml).toMatch(/^<\?xml [^>]*\?><\?xml-stylesheet href="[^"]+\.xsl" type="text\/xsl"\?><rss /);
      const items = feedItems(xml);
      expect(items.length).toBeGreaterThanOrEqual(3);

      await page.goto(path);
      // Chromium ran the XSLT: the document is the HTML page, in the feed's language.
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page).toHaveTitle(strings['feed.title'].replace('{{brand}}', brand));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        strings['feed.heading'].replace('{{brand}}', brand),
      );
      await expect(page.locator('[data-feed-about]')).toContainText(strings['feed.explain']);
      await expect(page.locator('[data-feed-address]')).toHaveText(new RegExp(`${path.replace(/\./g, '\\.')}$`));
      const links = page.locator('[data-feed-items] li h3 a');
      await expect(links).toHaveCount(items.length);
      for (const [index, item] of items.entries()) {
        await expect(links.nth(index)).toHaveText(item.title);
        await expect(links.nth(index)).toHaveAttribute('href', item.link);
      }
      await expect(page.locator('[data-feed-items] time').first()).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
      // In the site's look: the header on the site's surface colour, the brand in its dark green.
      await expect(page.locator('header')).toHaveCSS('background-color', 'rgb(243, 245, 248)');
      await expect(page.locator('.brand')).toHaveCSS('color', 'rgb(8, 77, 60)');
      expect(errors).toEqual([]);
    });
  }
});
