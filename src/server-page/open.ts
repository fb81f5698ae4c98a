import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SERVER_PAGES_FILE_NAME, loadServerPageFrames, useServerPageFrames } from './frame.ts';

/**
 * Loads the frames of the server's pages when the server starts: `SERVER_PAGES_FILE` when set
 * (then it must load), else `dist/server-pages.json`, or for the API alone the file next to
 * COMMENTS_THREADS_FILE. Without one the pages use the plain frame, and one line says so.
 */
export function openServerPageFrames(options: {
  distDir: string;
  apiOnly: boolean;
  threadsFile: string | undefined;
  file: string | undefined;
}): void {
  if (options.file) {
    useServerPageFrames(loadServerPageFrames(resolve(options.file)));
    return;
  }
  const candidate = options.apiOnly
    ? options.threadsFile && join(dirname(resolve(options.threadsFile)), SERVER_PAGES_FILE_NAME)
    : join(options.distDir, SERVER_PAGES_FILE_NAME);
  if (candidate && existsSync(candidate)) {
    useServerPageFrames(loadServerPageFrames(candidate));
    return;
  }
  console.warn(
    `No ${SERVER_PAGES_FILE_NAME}${candidate ? ` at ${candidate}` : ''}: the server's pages (no-JavaScript comments) use a plain frame without the site's look. Build the site, or copy dist/${SERVER_PAGES_FILE_NAME} there.`,
  );
}
