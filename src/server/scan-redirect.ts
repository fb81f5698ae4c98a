/**
 * `/q/<name>` on the site's own server: count the scan, then redirect (302) to the code's target
 * with its UTM tags. Counting never stands in the way: when the store fails, the reader is
 * redirected all the same and the server logs one line.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { codeNameFromPath, CODES_JSON_FILE, parseCodeTableJson, type ScanCode } from '../codes/code-table.ts';
import { ScanStore } from '../codes/scan-store.ts';
import { FILES_POLICY, setSecurityHeaders } from './security-headers.ts';

/** What counts a scan; `ScanStore` in production. */
export interface ScanRecorder {
  record(code: string): void;
}

export interface ScanRedirectOptions {
  codes: readonly ScanCode[];
  /** Null: redirect without counting (the store could not be opened). */
  recorder: ScanRecorder | null;
  log?: (line: string) => void;
}

/**
 * A request handler for scan URLs. It answers `GET`/`HEAD /q/<name>` (and `/q/<name>/`) for a
 * known code and returns true; for anything else it returns false and leaves the response alone
 * (the static files answer, with their 404 page for an unknown code). Only GET counts: a HEAD
 * comes from a link checker, not a reader.
 */
export function createScanRedirect({ codes, recorder, log = console.error }: ScanRedirectOptions) {
  const targets = new Map(codes.map((code) => [code.name, code.target]));
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    // The path as sent, without parsing the target as a URL, which a hostile target can break.
    const pathname = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    const name = codeNameFromPath(pathname);
    const target = name === null ? undefined : targets.get(name);
    if (name === null || target === undefined) return false;
    if (req.method === 'GET' && recorder) {
      try {
        recorder.record(name);
      } catch (error) {
        log(`scan of "${name}" not counted: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    res.statusCode = 302;
    res.setHeader('Location', target);
    // Every scan must reach the server to be counted: no cache may answer for it.
    res.setHeader('Cache-Control', 'no-store');
    setSecurityHeaders(res, FILES_POLICY);
    res.end();
    return true;
  };
}

/**
 * The scan handler for a built site: the code table from `<distDir>/scan-codes.json` and the
 * counts in `dbPath`. Without the table (a build from before scan codes) it returns null and
 * `/q/` paths are plain static files; a store that cannot open leaves redirects uncounted.
 */
export function openScanRedirect(distDir: string, dbPath: string, log: (line: string) => void = console.error) {
  const file = join(distDir, CODES_JSON_FILE);
  if (!existsSync(file)) {
    log(`no ${CODES_JSON_FILE} in ${distDir}: scan URLs (/q/…) are served as static pages, uncounted`);
    return null;
  }
  const codes = parseCodeTableJson(readFileSync(file, 'utf8'), file);
  let store: ScanStore | null = null;
  try {
    store = new ScanStore(dbPath);
  } catch (error) {
    log(`scan counts disabled, cannot open ${dbPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { handle: createScanRedirect({ codes, recorder: store, log }), store, codes };
}
