import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

export const projectRoot = join(import.meta.dirname, '..', '..');

/** A throwaway copy of the project (sources and content; node_modules linked), for tests that build or scaffold. */
export function copyProject(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'syengage-site-'));
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'content', 'public', 'scripts']) {
    cpSync(join(projectRoot, entry), join(dir, entry), { recursive: true });
  }
  // Each package linked on its own, so the copy has its own Astro and Vite caches (node_modules/.astro, .vite):
  // copies built at the same time must not share the incremental build cache.
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(projectRoot, 'node_modules'))) {
    if (!['.astro', '.vite', '.cache'].includes(entry)) symlinkSync(join(projectRoot, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run the Astro CLI of this project in `cwd` with the Node running the tests (the project's Node 24). */
export function runAstro(cwd: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 180_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
