import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The Chromium the browser tests drive: CHROME_PATH, else a system install. Playwright's own download is not used. */
export function findChromium(): string {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(
        `CHROME_PATH is set to ${fromEnv}, but no file is there. Point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium (sudo apt-get install chromium).`,
      );
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install one with "sudo apt-get install chromium" (Debian/Ubuntu), ' +
        'or point CHROME_PATH at a Chromium or Chrome binary, e.g. CHROME_PATH=/path/to/chrome npm test.',
    );
  }
  return found;
}

/** Flags that let Chromium run headless as root on a machine with no outside network. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
