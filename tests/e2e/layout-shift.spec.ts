import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

// Nothing on a page may move once it is drawn (Cumulative Layout Shift 0): not the language hint,
// not the comment counts, the comment section, the follow cards' buttons or search results that
// arrive after load. Each page is opened as a phone and as a desktop; a PerformanceObserver sums
// every 'layout-shift' entry from the first paint until the page's late content is in.

const ARTICLE = 'wechat-mobile-marketing-mayhem';

interface PageType {
  name: string;
  path: string;
  /** Waits until the content this page fills after load is there. */
  settled?: (page: Page) => Promise<void>;
}

// Late content arrives after the API or Pagefind answers: generous waits for a busy machine.
const LATE = { timeout: 20_000 };
const countsFilled = async (page: Page) => {
  const slots = page.locator('[data-comment-count]');
  await expect(slots.first()).toBeAttached();
  await expect(page.locator('[data-comment-count] a')).toHaveCount(await slots.count(), LATE);
};
const commentsLoaded = async (page: Page) => {
  await expect(page.locator('#comments [data-heading]')).not.toHaveText(/^(Comments|评论)$/, LATE);
  await expect(page.locator('#comments [data-loading]')).toBeHidden(LATE);
};
const searchDone = async (page: Page) => {
  await expect(page.locator('[data-search-status]')).toContainText('”', LATE);
};

function pageTypes(prefix: '' | '/zh-cn', query: string): PageType[] {
  return [
    { name: 'home', path: `${prefix}/`, settled: countsFilled },
    { name: 'post', path: `${prefix}/blog/${ARTICLE}/`, settled: commentsLoaded },
    { name: 'tag', path: `${prefix}/tags/wechat/`, settled: countsFilled },
    { name: 'search', path: `${prefix}/search/?q=${encodeURIComponent(query)}`, settled: searchDone },
    { name: 'follow', path: `${prefix}/follow/` },
    { name: '404', path: `${prefix}/no-such-page/` },
  ];
}

const phone: BrowserContextOptions = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
};
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 720 } };

/** Total layout shift of `path` opened fresh in a browser preferring `locale`, once its late content is in. */
async function layoutShift(
  browser: Browser,
  options: BrowserContextOptions,
  locale: string,
  type: PageType,
): Promise<{ total: number; shifts: string[]; page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ ...options, locale });
  await context.addInitScript(() => {
    const store = { total: 0, shifts: [] as string[] };
    (window as unknown as { layoutShifts: typeof store }).layoutShifts = store;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      })[]) {
        if (entry.hadRecentInput) continue;
        store.total += entry.value;
        store.shifts.push(
          `${entry.value.toFixed(4)} ${(entry.sources ?? []).map((source) => (source.node as Element | null)?.outerHTML?.slice(0, 80) ?? '?').join(' | ')}`,
        );
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(type.path);
  await page.waitForLoadState('networkidle');
  await type.settled?.(page);
  // Layout shift entries are reported after the frame that moved things: let two frames pass.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const { total, shifts } = await page.evaluate(
    () => (window as unknown as { layoutShifts: { total: number; shifts: string[] } }).layoutShifts,
  );
  return { total, shifts, page, close: () => context.close() };
}

const runs = [
  // An English-preferring browser on both languages: Chinese pages offer the English hint.
  ...pageTypes('', 'WeChat').map((type) => ({ type, locale: 'en-US', hint: false })),
  ...pageTypes('/zh-cn', '微信').map((type) => ({ type, locale: 'en-US', hint: type.name !== '404' })),
  // A Chinese-preferring browser on English pages: they offer the Chinese hint.
  ...pageTypes('', 'WeChat').map((type) => ({ type, locale: 'zh-CN', hint: type.name !== '404' })),
];

test.describe('no layout shift', () => {
  // Each test opens its page twice (phone, desktop) and waits for the late content.
  test.describe.configure({ timeout: 90_000 });
  for (const { type, locale, hint } of runs) {
    test(`${type.path} (${type.name}) in a browser preferring ${locale}: nothing moves${hint ? ', and the language hint is offered' : ''}`, async ({
      browser,
    }) => {
      for (const [device, options] of [
        ['phone', phone],
        ['desktop', desktop],
      ] as const) {
        const { total, shifts, page, close } = await layoutShift(browser, options, locale, type);
        if (hint) await expect(page.locator('.lang-suggestion'), device).toBeVisible();
        else await expect(page.locator('.lang-suggestion'), device).toBeHidden();
        expect(shifts, `${device}: layout shifts`).toEqual([]);
        expect(total, device).toBe(0);
        await close();
      }
    });
  }

  test('the measurement sees a shift when content is pushed down after load', async ({ browser }) => {
    const { page, close } = await layoutShift(browser, phone, 'en-US', {
      name: 'home',
      path: '/',
      settled: countsFilled,
    });
    const total = await page.evaluate(async () => {
      const block = document.createElement('div');
      block.style.height = '200px';
      document.querySelector('main')?.prepend(block);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return (window as unknown as { layoutShifts: { total: number } }).layoutShifts.total;
    });
    expect(total).toBeGreaterThan(0.05);
    await close();
  });
});
