/** What the editors' commands (new:post, translations, import:wordpress) share on their command line. */
import { relative } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/**
 * The command's options and positionals. `--help`/`-h` prints `usage` and exits 0; an unknown or
 * malformed option goes to `fail` with the usage, so each command keeps its own exit code and wording.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(
  options: O,
  usage: string,
  fail: (message: string) => never,
) {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

/** A path as the editor typed it relative to where the command runs. */
export function shownPath(file: string): string {
  return relative(process.cwd(), file) || file;
}
