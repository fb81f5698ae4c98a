import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { chromeAndroid, lineAndroid, safariIphone, wechatIos } from '../fixtures/user-agents.ts';
import { decodeQrPng } from '../fixtures/qr-decode.ts';
import { siteConfig } from '../../src/site.config.ts';
import { buildFollowUrl } from '../../src/follow/channels.ts';
import { followCodePayload, postCodeName, scanUrl } from '../../src/codes/code-table.ts';

const ARTICLE = 'wechat-mobile-marketing-mayhem';
const WECHAT_URL = buildFollowUrl('wechat', siteConfig.follow);
const LINE_URL = buildFollowUrl('line', siteConfig.follow);
const WECHAT_ID = siteConfig.follow.wechat.id;
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

const followPath = (locale: 'en' | 'zh-cn') => (locale === 'en' ? '/follow/' : '/zh-cn/follow/');

/**
 * The follow actions a reader can see inside `scope`, in reading order (top to bottom, then left
 * to right): what they would try first.
 */
async function visibleActions(page: Page, scope: string): Promise<string[]> {
  return page
    .locator(scope)
    .first()
    .evaluate((root) => {
      const seen = [...root.querySelectorAll<HTMLElement>('[data-follow-action]')]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().height > 0)
        .map((el) => {
          const rect = el.getBoundingClientRect();
          const channel = el.closest('[data-channel]')?.getAttribute('data-channel') ?? '';
          return { name: `${channel}:${el.dataset['followAction']}`, top: rect.top, left: rect.left };
        });
      seen.sort((a, b) => (Math.abs(a.top - b.top) > 4 ? a.top - b.top : a.left - b.left));
      return seen.map((action) => action.name);
    });
}

const contexts = [
  { name: 'desktop browser', options: {}, first: 'wechat:scan' },
  { name: 'phone browser', options: { ...phone, userAgent: safariIphone }, first: 'wechat:copy-id' },
  { name: 'WeChat in-app browser', options: { ...phone, userAgent: wechatIos }, first: 'wechat:long-press' },
  { name: 'LINE in-app browser', options: { ...phone, userAgent: lineAndroid }, first: 'line:add-friend' },
] as const;

test.describe('the follow page puts the action that works first', () => {
  for (const context of contexts) {
    for (const locale of ['en', 'zh-cn'] as const) {
      test(`${context.name}, ${locale}: first action is ${context.first}`, async ({ browser }) => {
        const ctx = await browser.newContext(context.options);
        const page = await ctx.newPage();
        await page.goto(followPath(locale));
        const actions = await visibleActions(page, '.follow');
        expect(actions[0]).toBe(context.first);
        // The demo-account notice, when shown, stays above the cards whatever moves.
        await expect(page.locator('.follow > :first-child')).toHaveClass(
          siteConfig.follow.demo ? 'follow-demo' : 'follow-channels',
        );
        // The other options stay in reach: both channels can still be followed.
        expect(actions.some((a) => a.startsWith('line:'))).toBe(true);
        expect(actions.some((a) => a.startsWith('wechat:'))).toBe(true);
        await ctx.close();
      });
    }
  }

  test('desktop shows the code, the ID as text and one line of instructions', async ({ page }) => {
    await page.goto('/follow/');
    const wechat = page.locator('[data-channel="wechat"]');
    await expect(wechat.getByRole('img', { name: `QR code: opens ${siteConfig.brand} on WeChat` })).toBeVisible();
    await expect(wechat.getByText(WECHAT_ID)).toBeVisible();
    await expect(wechat.getByText('Open WeChat → Scan')).toBeVisible();
    await expect(wechat.locator('.follow-phone-hint')).toBeHidden();
    // Each card starts with its code: a desktop reader scans with the phone in their hand.
    expect((await visibleActions(page, '[data-channel="wechat"]'))[0]).toBe('wechat:scan');
    expect((await visibleActions(page, '[data-channel="line"]'))[0]).toBe('line:scan');
  });

  test('inside WeChat the code is a PNG image with the long-press hint, in both languages', async ({ browser }) => {
    const ctx = await browser.newContext({ ...phone, userAgent: wechatIos });
    const page = await ctx.newPage();
    for (const [path, hint] of [
      ['/follow/', 'Long-press the code to follow'],
      ['/zh-cn/follow/', '长按识别二维码'],
    ] as const) {
      await page.goto(path);
      const image = page.locator('[data-channel="wechat"] img[data-follow-action="long-press"]');
      await expect(image).toBeVisible();
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(300);
      await expect(page.locator('[data-channel="wechat"] .follow-qr-png figcaption')).toContainText('长按识别二维码');
      await expect(page.locator('[data-channel="wechat"] .follow-qr-png figcaption')).toContainText(hint);
      // The inline SVG (which WeChat cannot recognise) gives way to the image.
      await expect(page.locator('[data-channel="wechat"] .follow-qr-svg')).toBeHidden();
    }
    await ctx.close();
  });

  test('a phone browser gets an Add friend button that opens LINE on the account', async ({ browser }) => {
    const ctx = await browser.newContext({ ...phone, userAgent: chromeAndroid });
    const page = await ctx.newPage();
    await page.goto('/follow/');
    await expect(page.getByRole('link', { name: 'Add friend on LINE' })).toHaveAttribute('href', LINE_URL);
    await expect(page.getByRole('link', { name: 'Save QR image' }).first()).toHaveAttribute('download', /\.png$/);
    await ctx.close();
  });
});

test.describe('each context shows only what makes sense there', () => {
  const hint = '[data-channel="wechat"] .follow-phone-hint';
  const addFriend = '[data-channel="line"] [data-follow-action="add-friend"]';
  const cases = [
    { name: 'desktop browser', options: {}, visible: [addFriend], hidden: [hint] },
    { name: 'phone browser', options: { ...phone, userAgent: safariIphone }, visible: [hint, addFriend], hidden: [] },
    // Already in WeChat: no "open WeChat and paste" hint, and no LINE button WeChat will not hand over to LINE.
    {
      name: 'WeChat in-app browser',
      options: { ...phone, userAgent: wechatIos },
      visible: [],
      hidden: [hint, addFriend],
    },
    // In LINE the reader can still switch to WeChat on the same phone: the copy button and its hint stay.
    {
      name: 'LINE in-app browser',
      options: { ...phone, userAgent: lineAndroid },
      visible: [hint, addFriend],
      hidden: [],
    },
  ] as const;
  for (const context of cases) {
    test(`${context.name}, both languages`, async ({ browser }) => {
      const ctx = await browser.newContext(context.options);
      const page = await ctx.newPage();
      for (const locale of ['en', 'zh-cn'] as const) {
        await page.goto(followPath(locale));
        for (const selector of context.visible)
          await expect(page.locator(selector), `${locale} ${selector}`).toBeVisible();
        for (const selector of context.hidden)
          await expect(page.locator(selector), `${locale} ${selector}`).toBeHidden();
        // Whatever is hidden, each channel keeps its code and its ID as text.
        for (const channel of ['wechat', 'line']) {
          await expect(page.locator(`[data-channel="${channel}"] code.follow-handle`)).toBeVisible();
          const codes = page.locator(
            `[data-channel="${channel}"] [data-follow-action="scan"], [data-channel="${channel}"] [data-follow-action="long-press"]`,
          );
          await expect(codes.filter({ visible: true })).toHaveCount(1);
        }
      }
      await ctx.close();
    });
  }

  test('inside WeChat the phone hint is gone from the card, not just out of sight', async ({ browser }) => {
    const ctx = await browser.newContext({ ...phone, userAgent: wechatIos });
    const page = await ctx.newPage();
    await page.goto('/zh-cn/follow/');
    await expect(page.locator('[data-channel="wechat"]')).not.toContainText('在这部手机上');
    await expect(page.locator(hint)).toHaveAttribute('hidden', '');
    await expect(page.getByRole('link', { name: '加为 LINE 好友' })).toHaveCount(0);
    await expect(page.getByRole('img', { name: `二维码：在 LINE 中打开 ${siteConfig.brand}` })).toBeVisible();
    await ctx.close();
  });
});

test.describe('layout on a desktop', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  for (const locale of ['en', 'zh-cn'] as const) {
    test(`${locale}: both cards line up, codes the same size, download links never split`, async ({ page }) => {
      await page.goto(followPath(locale));
      const cards = page.locator('.follow-channel');
      await expect(cards).toHaveCount(2);
      const layouts = await cards.evaluateAll((sections) =>
        sections.map((section) => {
          const top = (selector: string) => section.querySelector(selector)?.getBoundingClientRect().top ?? -1;
          const code = section.querySelector('.follow-qr-svg svg')!.getBoundingClientRect();
          const cardBox = section.getBoundingClientRect();
          return {
            order: [top('.follow-qr-svg'), top('.follow-primary'), top('.follow-id'), top('.follow-save')],
            code: {
              width: code.width,
              height: code.height,
              left: code.left - cardBox.left,
              top: code.top - cardBox.top,
            },
            // A link drawn on more than one line box has been split mid-phrase.
            splitLinks: [...section.querySelectorAll('.follow-save a')]
              .filter((a) => a.getClientRects().length > 1)
              .map((a) => a.textContent),
          };
        }),
      );
      for (const layout of layouts) {
        // Code and instruction, primary action, ID, secondary links: top to bottom in both cards.
        expect(layout.order.every((y) => y >= 0)).toBe(true);
        expect([...layout.order].sort((a, b) => a - b)).toEqual(layout.order);
        expect(layout.splitLinks).toEqual([]);
      }
      // The same square at the same place in each card (the symbol's share of it is unit-tested).
      expect(layouts[0]!.code).toEqual(layouts[1]!.code);
      expect(layouts[0]!.code.width).toBe(layouts[0]!.code.height);
    });
  }
});

test.describe('search leaves the follow boxes out', () => {
  // Words that only the follow box says ("Demo accounts…", "演示账号…"); no post uses them.
  for (const [path, query] of [
    ['/search/', 'demo'],
    ['/zh-cn/search/', '演示'],
  ] as const) {
    test(`searching "${query}" finds no post through its follow box`, async ({ page }) => {
      await page.goto(`${path}?q=${encodeURIComponent(query)}`);
      await expect(page.locator('[data-search-status]')).toContainText(`“${query}”`);
      await expect(page.locator('[data-search-results] li')).toHaveCount(0);
    });
  }
});

test.describe('the demo-account notice', () => {
  test('appears once in a post with two follow boxes (with demo accounts), in the first', async ({ page }) => {
    const expected = siteConfig.follow.demo ? 1 : 0;
    for (const path of [`/blog/${ARTICLE}/`, `/zh-cn/blog/${ARTICLE}/`]) {
      await page.goto(path);
      await expect(page.locator('.add-us')).toHaveCount(2);
      await expect(page.locator('.follow-demo').filter({ visible: true })).toHaveCount(expected);
      await expect(page.locator('.add-us').first().locator('.follow-demo').filter({ visible: true })).toHaveCount(
        expected,
      );
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ ...phone, userAgent: safariIphone, javaScriptEnabled: false });

  test('a phone shows every option in HTML order, codes first, and no dead copy button', async ({ page }) => {
    await page.goto('/follow/');
    const actions = await visibleActions(page, '.follow');
    expect(actions[0]).toBe('wechat:scan');
    expect(actions).toEqual(
      expect.arrayContaining(['wechat:scan', 'wechat:save-qr', 'line:scan', 'line:add-friend', 'line:save-qr']),
    );
    expect(actions).not.toContain('wechat:copy-id');
    // The ID stays on screen for a manual copy.
    await expect(page.locator('[data-channel="wechat"] code.follow-handle')).toHaveText(WECHAT_ID);
    await expect(page.locator('[data-channel="wechat"] .follow-phone-hint')).toBeVisible();
    // Nothing is hidden by context without the script: both codes as SVG, LINE's button too.
    await expect(page.locator('.follow-qr-svg').filter({ visible: true })).toHaveCount(2);
    await expect(page.locator('[data-contexts][hidden]')).toHaveCount(0);
  });
});

test.describe('<AddUs> in a post', () => {
  test('on a phone, the LINE card starts with Add friend and the WeChat card with Copy WeChat ID', async ({
    browser,
  }) => {
    const ctx = await browser.newContext({ ...phone, userAgent: safariIphone });
    const page = await ctx.newPage();
    for (const path of [`/blog/${ARTICLE}/`, `/zh-cn/blog/${ARTICLE}/`]) {
      await page.goto(path);
      expect((await visibleActions(page, '.add-us[data-channel="line"]'))[0]).toBe('line:add-friend');
      expect((await visibleActions(page, '.add-us[data-channel="wechat"]'))[0]).toBe('wechat:copy-id');
    }
    await ctx.close();
  });

  test('on a desktop, the WeChat card in the article starts with its code', async ({ page }) => {
    await page.goto(`/blog/${ARTICLE}/`);
    await expect(page.getByRole('heading', { name: 'Add us on We Chat' })).toBeVisible();
    expect((await visibleActions(page, '.add-us[data-channel="wechat"]'))[0]).toBe('wechat:scan');
  });
});

test.describe('Copy WeChat ID', () => {
  test('copies the ID and says so where screen readers hear it', async ({ browser }) => {
    const ctx = await browser.newContext({
      ...phone,
      userAgent: safariIphone,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await ctx.newPage();
    await page.goto('/zh-cn/follow/');
    await page.getByRole('button', { name: '复制微信号' }).click();
    const status = page.locator('[data-channel="wechat"] [role="status"]');
    await expect(status).toHaveText('已复制。打开微信，粘贴到搜索框即可。');
    await expect(status).toHaveAttribute('aria-live', 'polite');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(WECHAT_ID);
    await ctx.close();
  });

  test('where copying is blocked, selects the ID and asks for a manual copy', async ({ browser }) => {
    const ctx = await browser.newContext({ ...phone, userAgent: safariIphone });
    await ctx.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new Error('blocked')) },
      });
      document.execCommand = () => false;
    });
    const page = await ctx.newPage();
    await page.goto('/follow/');
    await page.getByRole('button', { name: 'Copy WeChat ID' }).click();
    await expect(page.locator('[data-channel="wechat"] [role="status"]')).toHaveText(
      'This browser blocked copying. The ID is selected: copy it by hand.',
    );
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(WECHAT_ID);
    await ctx.close();
  });
});

test.describe('QR codes as the browser draws them', () => {
  test('every inline SVG code on the follow pages decodes to exactly its follow URL', async ({ page }) => {
    for (const path of ['/follow/', '/zh-cn/follow/']) {
      await page.goto(path);
      const codes = page.locator('.follow-qr-svg [data-qr-payload]');
      await expect(codes).toHaveCount(2);
      const decoded = [];
      for (const code of await codes.all()) {
        const png = await code.screenshot();
        decoded.push(decodeQrPng(new Uint8Array(png)).text);
        expect(decoded.at(-1)).toBe(await code.getAttribute('data-qr-payload'));
      }
      // WeChat's code is WeChat's own URL; LINE's is the counted scan URL that forwards to LINE_URL.
      expect(decoded).toEqual([WECHAT_URL, followCodePayload('line', siteConfig.follow, siteConfig.siteUrl)]);
    }
  });

  test('the share code of each language decodes to the post’s own scan URL', async ({ page }) => {
    for (const [locale, path] of [
      ['en', `/blog/${ARTICLE}/`],
      ['zh-cn', `/zh-cn/blog/${ARTICLE}/`],
    ] as const) {
      await page.goto(path);
      const details = page.locator('details.share-post');
      await expect(details).not.toHaveAttribute('open');
      await details.locator('summary').click();
      const code = details.locator('[data-qr-payload]');
      const text = decodeQrPng(new Uint8Array(await code.screenshot())).text;
      // The scan URL forwards to the post tagged for WeChat (tests/built/scan-codes.test.ts follows it).
      expect(text).toBe(scanUrl(siteConfig.siteUrl, postCodeName(locale, ARTICLE)));
      await expect(details.locator('code')).toHaveText(text ?? '');
    }
  });
});

test.describe('Web Share button', () => {
  test('appears where navigator.share exists and shares the post URL', async ({ browser }) => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(() => {
      const calls: ShareData[] = [];
      Object.defineProperty(window, 'shareCalls', { value: calls });
      Object.defineProperty(navigator, 'share', { value: (data: ShareData) => (calls.push(data), Promise.resolve()) });
    });
    const page = await ctx.newPage();
    await page.goto(`/blog/${ARTICLE}/`);
    await page.locator('details.share-post summary').click();
    await page.getByRole('button', { name: 'Share this post' }).click();
    const calls = await page.evaluate(() => (window as unknown as { shareCalls: ShareData[] }).shareCalls);
    expect(calls.map((call) => call.url)).toEqual([`${siteConfig.siteUrl}/blog/${ARTICLE}/`]);
    await ctx.close();
  });

  test('stays hidden where the browser has no Web Share', async ({ browser }) => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(() => Object.defineProperty(navigator, 'share', { value: undefined }));
    const page = await ctx.newPage();
    await page.goto(`/zh-cn/blog/${ARTICLE}/`);
    await page.locator('details.share-post summary').click();
    await expect(page.locator('details.share-post [data-share-url]')).toBeHidden();
    await expect(page.locator('details.share-post').getByRole('link', { name: '保存二维码图片' })).toBeVisible();
    await ctx.close();
  });
});

test.describe('finding the follow page', () => {
  test('the header and the footer link to it in each language', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Follow us' }).click();
    await expect(page).toHaveURL('/follow/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Follow syENGAGE');
    await page.goto(`/zh-cn/blog/${ARTICLE}/`);
    await page.getByRole('contentinfo').getByRole('link', { name: '在微信和 LINE 上关注 syENGAGE' }).click();
    await expect(page).toHaveURL('/zh-cn/follow/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('关注 syENGAGE');
  });
});

test.describe('accessibility of the follow flows (axe-core, WCAG 2.2 AA)', () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  for (const context of contexts) {
    test(`follow page and an open share box in ${context.name} have no violations`, async ({ browser }) => {
      const ctx = await browser.newContext(context.options);
      const page = await ctx.newPage();
      for (const path of ['/follow/', '/zh-cn/follow/', `/blog/${ARTICLE}/`]) {
        await page.goto(path);
        const summary = page.locator('details.share-post summary');
        if (path.includes('/blog/')) await summary.click();
        const results = await new AxeBuilder({ page }).withTags(tags).analyze();
        expect(
          results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        ).toEqual([]);
      }
      await ctx.close();
    });
  }
});
