import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './site-copy.ts';
import { freePort } from '../support/free-port.ts';

// An operator's deploy, in a throwaway copy: `npm ci --omit=dev`, then `npm start` (which builds, since the
// copy has no dist/), on the machine's own Node and npm. Whatever the site needs at run time and a production
// install leaves out fails here. The npm cache of the project's own install makes it quick (--prefer-offline).

/** The environment an operator's shell has: no npm script variables, no project node_modules/.bin on PATH. */
function operatorEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'NODE_OPTIONS' || key === 'INIT_CWD' || key.startsWith('VITEST') || key === 'NODE_ENV') continue;
    env[key] = value;
  }
  env['PATH'] = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => !dir.includes('node_modules'))
    .join(delimiter);
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('a production install: npm ci --omit=dev, then npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'syengage-prod-'));
  let server: ChildProcess | undefined;
  let output = '';
  let origin = '';

  beforeAll(() => {
    for (const entry of ['package.json', 'package-lock.json', 'astro.config.mjs', 'tsconfig.json', 'src', 'content', 'public', 'scripts']) {
      cpSync(join(projectRoot, entry), join(dir, entry), { recursive: true });
    }
  });

  afterAll(async () => {
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      // npm start runs npm → sh → node: signal the whole process group it leads.
      process.kill(-server.pid, 'SIGTERM');
      const timer = setTimeout(() => server?.pid !== undefined && process.kill(-server.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    // A few hundred MB (Node 24 alone is 120): slow to delete on a busy disk, hence the content layer's long hook timeout.
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs without devDependencies and brings its own Node 24', () => {
    const install = spawnSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: dir,
      env: operatorEnv({}),
      encoding: 'utf8',
      timeout: 480_000,
    });
    expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
    // package.json's allowScripts covers every install script of the production tree (npm warns about any other).
    expect(`${install.stdout}\n${install.stderr}`).not.toMatch(/install-scripts/);
    for (const devOnly of ['vitest', '@playwright/test', 'html-validate', '@astrojs/check', 'vnu-jar']) {
      expect(existsSync(join(dir, 'node_modules', devOnly)), `${devOnly} is a devDependency`).toBe(false);
    }
    const node = spawnSync(join(dir, 'node_modules', '.bin', 'node'), ['--version'], { encoding: 'utf8' });
    expect(node.stdout.trim()).toMatch(/^v24\./);
  }, 500_000);

  it('builds the missing dist/ and starts serving with npm start', async () => {
    const port = await freePort();
    server = spawn('npm', ['start'], {
      cwd: dir,
      env: operatorEnv({ PORT: String(port), HOST: '127.0.0.1', COMMENTS_DB: join(dir, 'data', 'comments.db') }),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = server;
    origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not serve within 240 s:\n${output}`)), 240_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const address = / at (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(output)?.[1];
        if (address) {
          clearTimeout(timer);
          resolve(address);
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}) before serving:\n${output}`));
      });
    });
    expect(origin).toBe(`http://127.0.0.1:${port}`);
    expect(output).toContain('No build yet: building…');
    expect(existsSync(join(dir, 'dist', 'pagefind', 'pagefind.js')), 'the search index was built').toBe(true);
  }, 260_000);

  it('serves a page in each language', async () => {
    for (const [path, lang] of [
      ['/', 'en'],
      ['/zh-cn/', 'zh-CN'],
    ] as const) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain(`<html lang="${lang}"`);
    }
  });

  it('serves a QR code PNG', async () => {
    const response = await fetch(`${origin}/follow/qr/wechat-screen.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await response.arrayBuffer()).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('answers the comment API for a real thread, and 404 for one the build does not know', async () => {
    const { threads } = JSON.parse(readFileSync(join(dir, 'dist', 'comment-threads.json'), 'utf8')) as { threads: string[] };
    expect(threads.length).toBeGreaterThan(0);
    const response = await fetch(`${origin}/api/comments?thread=${encodeURIComponent(threads[0] ?? '')}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { comments: unknown[] };
    expect(body.comments).toEqual([]);
    expect((await fetch(`${origin}/api/comments?thread=no-such-post`)).status).toBe(404);
  });
});
