/** Reads `content/codes.yml` (Node only, no Astro): the build, the content check's callers and tests share it. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CODES_FILE, parseFlyerCodes, type FlyerCode } from './code-table.ts';

/** `content/codes.yml` of the project being built (absent: no flyer codes). */
export function readFlyerCodes(root = process.cwd()): FlyerCode[] {
  const path = resolve(root, CODES_FILE);
  if (!existsSync(path)) return [];
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${CODES_FILE} is not valid YAML: ${(error as Error).message}`);
  }
  return parseFlyerCodes(data);
}
