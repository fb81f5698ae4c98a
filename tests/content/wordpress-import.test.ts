import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import { chromiumArgs, findChromium } from '../e2e/chromium.ts';
import { copyProject, projectRoot, runAstro } from './site-copy.ts';

const fixtures = join(projectRoot, 'tests', 'fixtures', 'wordpress');
const SLUG = 'wechat-mobile-marketing-mayhem';

/** Runs the importer without blocking this process: the image server below lives in it. */
function runImport(cwd: string, args: string[], db: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', join(projectRoot, 'src', 'runtime', 'require-node.mjs'), 'scripts/import-wordpress.ts', ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', COMMENTS_DB: db },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** Every file below `dir` with its size: what "nothing was written" is checked against. */
function snapshot(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort().map((file) => `${file}:${statSync(join(dir, file)).size}`);
}

async function comments(db: string) {
  const store = new SqliteCommentStore(db);
  try {
    return await store.all();
  } finally {
    await store.close();
  }
}

describe('import:wordpress into a fresh site copy (the client’s article, its comments, a gallery post)', () => {
  let copy: ReturnType<typeof copyProject>;
  let images: Server;
  let db = '';
  let exportFile = '';

  beforeAll(async () => {
    copy = copyProject();
    db = join(copy.dir, 'data', 'comments.db');
    // The site before its article moved in.
    for (const locale of ['en', 'zh-cn']) rmSync(join(copy.dir, 'content', 'posts', locale, `${SLUG}.mdx`));
    // The old site's uploads, from a loopback server; a file it does not have is a 404.
    images = createServer((req, res) => {
      const file = join(fixtures, 'uploads', basename(new URL(req.url ?? '/', 'http://x').pathname));
      if (!existsSync(file)) {
        res.writeHead(404).end('Not found');
        return;
      }
      res.writeHead(200, { 'content-type': file.endsWith('.png') ? 'image/png' : 'image/jpeg' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    exportFile = join(copy.dir, 'export.xml');
    writeFileSync(exportFile, readFileSync(join(fixtures, 'export.xml'), 'utf8').replaceAll('http://old.syengage.test/wp-content/', `${origin}/wp-content/`));
  });
  afterAll(async () => {
    await new Promise((resolve) => images?.close(resolve));
    copy?.cleanup();
  });

  it('refuses a file that is not an export, or a truncated one, and writes nothing', async () => {
    const before = snapshot(join(copy.dir, 'content'));
    writeFileSync(join(copy.dir, 'feed.xml'), '<?xml version="1.0"?><rss version="2.0"><channel><title>Just a feed</title></channel></rss>');
    const notWxr = await runImport(copy.dir, ['feed.xml'], db);
    expect(notWxr.status).toBe(1);
    expect(notWxr.output).toContain('not a WordPress export');
    expect(notWxr.output).toContain('Nothing was written.');

    const full = readFileSync(exportFile, 'utf8');
    writeFileSync(join(copy.dir, 'cut.xml'), full.slice(0, Math.floor(full.length / 2)));
    const truncated = await runImport(copy.dir, ['cut.xml'], db);
    expect(truncated.status).toBe(1);
    expect(truncated.output).toMatch(/not well-formed XML at line \d+/);

    expect(snapshot(join(copy.dir, 'content'))).toEqual(before);
    expect(existsSync(db)).toBe(false);
  });

  it('writes the posts as MDX with their images, tags and comments, and reports what it could not convert', async () => {
    const { status, output } = await runImport(copy.dir, ['export.xml'], db);
    expect(status, output).toBe(0);
    const post = (locale: string, slug = SLUG) => readFileSync(join(copy.dir, 'content', 'posts', locale, `${slug}.mdx`), 'utf8');

    // The pair shares a file name and translation key; the translation records its original.
    expect(post('en')).toContain('title: "We Chat: Mobile Marketing Mayhem? Or the next big thing?"');
    expect(post('zh-cn')).toContain('title: "微信：昙花一现还是新的契机？"');
    expect(post('zh-cn')).toMatch(/^translatedFrom: "en:[0-9a-f]{12}"$/m);
    expect(post('en')).toContain('tags: ["mobile-marketing","stickers","wechat"]');
    expect(post('en')).toContain('## Why this is awesome for mobile marketing');
    expect(post('en')).toContain('\\{first\\_name\\}');

    // Images: downloaded next to the post and shown through astro:assets; the missing one stays a link, with the CSP explained.
    expect(post('en')).toContain(`![The syENGAGE WeChat QR code](./images/${SLUG}/wechat-qr-300x300.png)`);
    expect(existsSync(join(copy.dir, 'content', 'posts', 'zh-cn', 'images', SLUG, 'wechat-qr-300x300.png'))).toBe(true);
    expect(post('en')).toMatch(/\[LINE’s sticker store\]\(http:\/\/127\.0\.0\.1:\d+\/wp-content\/uploads\/2012\/07\/line-stickers\.png\)/);
    expect(output).toMatch(/line-stickers\.png could not be fetched \(HTTP 404\): kept as a link/);
    expect(output).toContain('Content-Security-Policy');

    // The gallery became images; the contact form shortcode is reported by file and line.
    const workshop = post('en', 'qr-code-workshop-photos');
    expect(workshop).toContain('![A QR code on a shop window, scanned with a phone](./images/qr-code-workshop-photos/shop-window.png)');
    expect(workshop).toContain('![A printed flyer with WeChat and LINE codes side by side](./images/qr-code-workshop-photos/flyer.jpg)');
    expect(workshop).toContain(`[our WeChat article](/blog/${SLUG}/)`);
    const reported = /content\/posts\/en\/qr-code-workshop-photos\.mdx:(\d+)\s+\[contact-form-7/.exec(output);
    expect(reported, output).not.toBeNull();
    expect(workshop.split('\n')[Number(reported?.[1]) - 1]).toContain('contact-form-7');
    // Too long for the schema: shortened, with a warning.
    expect(workshop).toMatch(/^title: "A day of QR codes at the shop window: photos from our WeChat and LINE…"$/m);
    expect(output).toContain('longer than 70 characters');

    expect(readFileSync(join(copy.dir, 'content', 'tags.yml'), 'utf8')).toMatch(/stickers:\n {2}en: "Stickers"\n {2}zh-cn: "贴图"/);

    const stored = await comments(db);
    expect(stored.map((c) => [c.authorName, c.status, c.locale, c.parentId === null ? null : stored.find((p) => p.id === c.parentId)?.authorName])).toEqual([
      ['Mei Lin', 'approved', 'en', null],
      ['syENGAGE', 'approved', 'en', 'Mei Lin'],
      ['Tom Becker', 'approved', 'en', null],
      ['王小明', 'approved', 'zh-cn', null],
      ['Curious Reader', 'pending', 'en', null],
    ]);
    expect(stored.every((c) => c.thread === SLUG)).toBe(true);
    expect(stored[0]?.createdAt).toBe(Date.parse('2012-07-02T08:15:00Z'));
    expect(JSON.stringify(stored)).not.toMatch(/203\.0\.113|198\.51\.100|192\.0\.2\.1/);
  });

  it('leaves a content folder that npm run check:content accepts', () => {
    const result = spawnSync(process.execPath, ['--import', join(projectRoot, 'src', 'runtime', 'require-node.mjs'), 'scripts/check-content.ts'], { cwd: copy.dir, encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('0 errors');
  });

  it('adds nothing twice when run again', async () => {
    const before = snapshot(join(copy.dir, 'content'));
    const { status, output } = await runImport(copy.dir, ['export.xml'], db);
    expect(status, output).toBe(0);
    expect(output).toContain('skipped 5 already imported');
    expect(output).toContain('0 added');
    expect(snapshot(join(copy.dir, 'content'))).toEqual(before);
    expect(await comments(db)).toHaveLength(5);
  });

  describe('the built site', () => {
    let server: ChildProcess | undefined;
    let browser: Browser | undefined;
    let origin = '';

    beforeAll(async () => {
      const { status, output } = runAstro(copy.dir, ['build']);
      expect(status, output).toBe(0);
      server = spawn(process.execPath, ['--import', join(projectRoot, 'src', 'runtime', 'require-node.mjs'), 'src/server/main.ts'], {
        cwd: copy.dir,
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', COMMENTS_DB: db, DIST_DIR: join(copy.dir, 'dist') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      origin = await new Promise<string>((resolve, reject) => {
        let seen = '';
        const timer = setTimeout(() => reject(new Error(`the server did not start: ${seen}`)), 30_000);
        const read = (chunk: Buffer) => {
          seen += chunk.toString();
          const match = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
          if (match) {
            clearTimeout(timer);
            resolve(match[1] ?? '');
          }
        };
        server?.stdout?.on('data', read);
        server?.stderr?.on('data', read);
        server?.on('exit', (code) => reject(new Error(`the server exited (${code}): ${seen}`)));
      });
      browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
    });
    afterAll(async () => {
      await browser?.close();
      server?.kill();
    });

    it('shows the imported comments on both language versions of the article, the pending one on neither', async () => {
      for (const path of [`/blog/${SLUG}/`, `/zh-cn/blog/${SLUG}/`]) {
        const page = await browser!.newPage();
        await page.goto(`${origin}${path}`);
        const list = page.locator('#comments [data-list]');
        await expect.poll(() => list.locator('li').count(), { timeout: 15_000 }).toBe(4);
        const text = await list.innerText();
        for (const name of ['Mei Lin', 'Tom Becker', '王小明', 'syENGAGE']) expect(text, path).toContain(name);
        expect(text).toContain('See my notes on coupons (https://example.org/wechat-coupons) for what I mean.');
        expect(text).not.toContain('Curious Reader');
        expect(await page.content()).not.toContain('mei.lin@example.com');
        // The reply sits under the comment it answers.
        expect(await list.locator('li:has-text("Mei Lin") .comment-replies').innerText()).toContain('Thanks Mei!');
        await page.close();
      }
    });

    it('shows the downloaded image through astro:assets and the gallery post', async () => {
      const html = readFileSync(join(copy.dir, 'dist', 'blog', SLUG, 'index.html'), 'utf8');
      expect(html).toMatch(/<img[^>]+src="\/_astro\/wechat-qr-300x300\.[^"]+\.webp"[^>]*alt="The syENGAGE WeChat QR code"|<img[^>]+alt="The syENGAGE WeChat QR code"[^>]*src="\/_astro\/wechat-qr-300x300\.[^"]+\.webp"/);
      const response = await fetch(`${origin}/blog/qr-code-workshop-photos/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('alt="A printed flyer with WeChat and LINE codes side by side"');
    });
  });
});
