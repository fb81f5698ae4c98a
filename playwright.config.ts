import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './tests/e2e/chromium.ts';
import { serverCommandLine } from './tests/support/server-process.ts';

const port = Number(process.env['E2E_PORT'] ?? 4399);
const executablePath = findChromium();

// A fresh comments database per run, shared with the workers (they inherit the environment) so the
// tests can moderate through the CLI on the same file the server writes.
const commentsDb = (process.env['E2E_COMMENTS_DB'] ??= join(
  mkdtempSync(join(tmpdir(), 'syengage-e2e-')),
  'comments.db',
));
const adminToken = (process.env['E2E_ADMIN_TOKEN'] ??= 'e2e-admin-token-0123456789');

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath, args: chromiumArgs },
    trace: 'off',
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: chromiumArgs } } },
  ],
  webServer: {
    // The production entry over the built site: what readers get.
    command: serverCommandLine(),
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      COMMENTS_DB: commentsDb,
      COMMENTS_ADMIN_TOKEN: adminToken,
      // The tests post many comments from one address within seconds; the API tests cover these rules.
      COMMENTS_FLOOD_SECONDS: '0',
      COMMENTS_MIN_FILL_SECONDS: '0',
    },
  },
});
