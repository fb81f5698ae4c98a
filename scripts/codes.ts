/**
 * QR scan codes (README, "Scan codes"):
 *
 *   npm run codes -- stats [--code NAME] [--days N] [--json]   scans per code and day (COMMENTS_DB)
 *   npm run codes -- list [--json]                             the codes of the last build: short URL, target, QR version
 *
 * `stats` reads the same SQLite file as the running server (WAL allows both).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { CODES_JSON_FILE, parseCodeTableJson, scanUrl } from '../src/codes/code-table.ts';
import { ScanStore, scanDay } from '../src/codes/scan-store.ts';
import { QR_ERROR_CORRECTION } from '../src/follow/qr.ts';
import { readCommentsEnv } from '../src/server/comments-config.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = `usage: npm run codes -- <command>
  stats [--code NAME] [--days N] [--json]   scans per code and day
  list [--json]                             the codes of the last build (dist/${CODES_JSON_FILE})`;

/** Said next to every count: the one code that cannot be counted, and why. */
export const WECHAT_NOTE =
  "WeChat's follow code is not counted: it must encode WeChat's own URL (the official account QR code), or WeChat opens a web page instead of following the account.";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    code: { type: 'string' },
    days: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const [command, ...rest] = positionals;
if (values.help || !command) {
  console.log(USAGE);
  process.exit(command || values.help ? 0 : 1);
}
if (rest.length > 0) fail(`Unexpected argument: ${rest[0]}\n${USAGE}`);

/** The QR version (1–40) a payload needs at the site's error correction level: higher is denser. */
const qrVersion = (payload: string) => QRCode.create(payload, { errorCorrectionLevel: QR_ERROR_CORRECTION }).version;

if (command === 'stats') {
  let since: string | undefined;
  if (values.days !== undefined) {
    if (!/^[1-9]\d{0,4}$/.test(values.days)) fail(`--days takes a number of days (1 or more), got "${values.days}"`);
    since = scanDay(new Date(Date.now() - (Number(values.days) - 1) * 86_400_000));
  }
  let dbPath: string;
  try {
    dbPath = resolve(readCommentsEnv().COMMENTS_DB);
  } catch (error) {
    fail((error as Error).message);
  }
  // A missing file means nothing was counted yet; opening it would create an empty database.
  const rows = existsSync(dbPath) ? withStore(dbPath, (store) => store.counts({ code: values.code, since })) : [];
  const totals: Record<string, number> = {};
  for (const row of rows) totals[row.code] = (totals[row.code] ?? 0) + row.scans;
  if (values.json) {
    console.log(JSON.stringify({ db: dbPath, since: since ?? null, counts: rows, totals, note: WECHAT_NOTE }, null, 2));
  } else if (rows.length === 0) {
    console.log(
      `No scans counted${values.code ? ` for "${values.code}"` : ''}${since ? ` since ${since}` : ''} (${dbPath}).\n${WECHAT_NOTE}`,
    );
  } else {
    const width = Math.max(4, ...rows.map((row) => row.code.length));
    const lines = rows.map((row) => `${row.day}  ${row.code.padEnd(width)}  ${String(row.scans).padStart(6)}`);
    const total = Object.entries(totals)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, scans]) => `${' '.repeat(10)}  ${code.padEnd(width)}  ${String(scans).padStart(6)}`);
    console.log(
      [
        `day         ${'code'.padEnd(width)}   scans`,
        ...lines,
        '',
        `total${' '.repeat(7)}${''.padEnd(width)}`,
        ...total,
        '',
        WECHAT_NOTE,
      ].join('\n'),
    );
  }
} else if (command === 'list') {
  const file = join(resolve(process.env['DIST_DIR'] ?? 'dist'), CODES_JSON_FILE);
  if (!existsSync(file)) fail(`${file} is missing: run "npm run build" first.`);
  let codes;
  try {
    codes = parseCodeTableJson(readFileSync(file, 'utf8'), file);
  } catch (error) {
    fail((error as Error).message);
  }
  const listed = codes.map((code) => {
    const url = scanUrl(siteConfig.siteUrl, code.name);
    // "direct": the code as it would be if it encoded its target itself, as every code did before scan counting.
    return { ...code, url, qrVersion: qrVersion(url), directQrVersion: qrVersion(code.target) };
  });
  if (values.json) {
    console.log(JSON.stringify({ codes: listed, note: WECHAT_NOTE }, null, 2));
  } else {
    for (const code of listed) {
      console.log(
        `${code.name}  (${code.kind})\n  encodes  ${code.url}  QR version ${code.qrVersion} (encoding the target: version ${code.directQrVersion})\n  target   ${code.target}`,
      );
    }
    console.log(`\n${WECHAT_NOTE}`);
  }
} else {
  fail(`Unknown command "${command}".\n${USAGE}`);
}

function withStore<T>(path: string, use: (store: ScanStore) => T): T {
  let store: ScanStore | undefined;
  try {
    store = new ScanStore(path, { busyTimeoutMs: 5000 });
    return use(store);
  } catch (error) {
    return fail(`Cannot read scan counts from ${path}: ${(error as Error).message}`);
  } finally {
    store?.close();
  }
}
