import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, projectRoot } from './site-copy.ts';
import { decodeQrPng } from '../fixtures/qr-decode.ts';
import { postCodeName, scanUrl } from '../../src/codes/code-table.ts';
import { siteConfig } from '../../src/site.config.ts';

/**
 * The post PNGs are no Astro routes (src/build/post-files.ts): `astro dev` serves them from the
 * integration's middleware, rendered per request from the posts as they are now.
 */

const POST = 'line-for-brands';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('astro dev serves the post PNGs', () => {
  let site: ReturnType<typeof copyProject>;
  let dev: ChildProcess | undefined;
  let base = '';
  let output = '';

  beforeAll(async () => {
    site = copyProject();
    const devEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = spawn(
      process.execPath,
      [join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'],
      // Without VITEST: the site's integrations leave the dev server alone when they run under vitest.
      { cwd: site.dir, env: { ...devEnv, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' } },
    );
    dev.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (dev.exitCode !== null) throw new Error(`astro dev exited:\n${output.slice(-3000)}`);
      const ready = await fetch(`${base}/`, { signal: AbortSignal.timeout(20_000) }).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`astro dev did not answer within 120 s:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }, 150_000);

  afterAll(() => {
    dev?.kill();
    site?.cleanup();
  });

  const getPng = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status, path).toBe(200);
    expect(response.headers.get('content-type'), path).toBe('image/png');
    return new Uint8Array(await response.arrayBuffer());
  };

  it('serves each post’s share code in both languages, decoding to its scan URL', async () => {
    expect(decodeQrPng(await getPng(`/blog/${POST}/qr.png`)).text).toBe(scanUrl(siteConfig.siteUrl, POST));
    expect(decodeQrPng(await getPng(`/zh-cn/blog/${POST}/qr.png`)).text).toBe(
      scanUrl(siteConfig.siteUrl, postCodeName('zh-cn', POST)),
    );
  }, 60_000);

  it('serves each post’s social card, drawn from the title as it is now', async () => {
    const before = await getPng(`/zh-cn/blog/${POST}/social-card.png`);
    const image = PNG.sync.read(Buffer.from(before));
    expect([image.width, image.height]).toEqual([1200, 630]);
    const file = join(site.dir, 'content', 'posts', 'zh-cn', `${POST}.mdx`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "一个新的标题"'));
    // The dev server's content layer picks the edit up from its file watcher: ask until it has.
    let changed = false;
    for (let attempt = 0; attempt < 40 && !changed; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      changed = !Buffer.from(await getPng(`/zh-cn/blog/${POST}/social-card.png`)).equals(Buffer.from(before));
    }
    expect(changed).toBe(true);
  }, 60_000);

  it('leaves paths of no post to Astro’s 404', async () => {
    expect((await fetch(`${base}/blog/no-such-post/qr.png`)).status).toBe(404);
    expect((await fetch(`${base}/zh-cn/blog/no-such-post/social-card.png`)).status).toBe(404);
  }, 60_000);
});
