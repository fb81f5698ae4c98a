import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { localeKeys, type Locale } from '../i18n/locales.ts';
import { localizePath } from '../routes/table.ts';
import {
  FRAME_VARIANTS,
  SERVER_PAGE_FRAME_ROUTE,
  SERVER_PAGES_FILE_NAME,
  framesFromFile,
  type FrameVariant,
  type ServerPagesFile,
} from './frame.ts';

/**
 * One built frame page as the server uses it: its stylesheets inlined (the API alone serves it
 * without dist/_astro/), without scripts (the API's policy runs none) and without the social
 * preview tags (nobody shares an answer page).
 */
export async function frameFromBuiltPage(html: string, readAsset: (path: string) => Promise<string>): Promise<string> {
  let out = html
    .replace(/<script\b[\s\S]*?<\/script>/g, '')
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/gi, '')
    .replace(/<meta (?:property="og:|name="twitter:)[^>]*>/g, '');
  for (const [link, href] of [...out.matchAll(/<link rel="stylesheet" href="([^"]+)"[^>]*>/g)]) {
    if (!href?.startsWith('/')) throw new Error(`server page frame: a stylesheet outside the site (${href})`);
    const css = await readAsset(href);
    out = out.replace(link, () => `<style>${css}</style>`);
  }
  return out;
}

/**
 * After Astro's build: reads the server page frames it rendered, writes them with inlined styles to
 * `dist/server-pages.json` and removes the frame pages, which are not pages for readers.
 */
export function serverPageFrames(): AstroIntegration {
  return {
    name: 'syengage:server-page-frames',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        const readAsset = (path: string) => readFile(join(dist, path), 'utf8');
        const frames = {} as ServerPagesFile['frames'];
        for (const locale of localeKeys) {
          frames[locale] = {} as Record<FrameVariant, string>;
          for (const variant of FRAME_VARIANTS) {
            const page = join(dist, framePath(locale, variant), 'index.html');
            frames[locale][variant] = await frameFromBuiltPage(await readFile(page, 'utf8'), readAsset);
          }
        }
        const file: ServerPagesFile = { version: 1, frames };
        // Fails the build when a marker went missing from the layout's output.
        framesFromFile(file, SERVER_PAGES_FILE_NAME);
        await writeFile(join(dist, SERVER_PAGES_FILE_NAME), `${JSON.stringify(file)}\n`);
        for (const locale of localeKeys)
          await rm(join(dist, localizePath(SERVER_PAGE_FRAME_ROUTE, locale)), { recursive: true, force: true });
        logger.info(`${SERVER_PAGES_FILE_NAME}: the frame of the server's pages, ${localeKeys.length} languages`);
      },
    },
  };
}

function framePath(locale: Locale, variant: FrameVariant): string {
  return localizePath(`${SERVER_PAGE_FRAME_ROUTE}${variant}/`, locale);
}
