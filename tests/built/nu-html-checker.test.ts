import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distDir, distFiles, requireBuild } from './dist-files.ts';

beforeAll(requireBuild);

/** The W3C Nu Html Checker as the npm package `vnu-jar` ships it; it runs on the machine's Java (17 or newer). */
const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

interface NuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
}

/** Checks every file in one JVM run (its start-up is most of the time); the messages by file. */
function nuCheck(files: string[]): Map<string, NuMessage[]> {
  const result = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    timeout: 90_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'java is not installed: the Nu Html Checker needs Java 17 or newer (sudo apt-get install default-jre-headless)'
        : `java -jar vnu.jar failed: ${result.error.message}`,
    );
  }
  // The checker writes its JSON report to stderr and exits 1 when it found errors.
  let report: { messages: NuMessage[] };
  try {
    report = JSON.parse(result.stderr) as { messages: NuMessage[] };
  } catch {
    throw new Error(
      `the Nu Html Checker did not answer with JSON (exit ${result.status}): ${result.stderr.slice(0, 2000)}`,
    );
  }
  const byFile = new Map<string, NuMessage[]>();
  for (const message of report.messages) {
    const file = message.url?.startsWith('file:') ? fileURLToPath(message.url) : (message.url ?? '(no file)');
    byFile.set(file, [...(byFile.get(file) ?? []), message]);
  }
  return byFile;
}

describe('W3C Nu Html Checker', () => {
  // A known-bad page checked in the same run: proves the checker ran and that its findings reach the test.
  const scratch = mkdtempSync(join(tmpdir(), 'syengage-vnu-'));
  const strayScript = join(scratch, 'stray-script.html');
  writeFileSync(
    strayScript,
    '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>x</p></body></html><script>1</script>\n',
  );
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds no error on any built page (and does find the stray script of a known-bad page)', () => {
    const pages = distFiles('.html').map((file) => join(distDir, file));
    expect(pages.length).toBeGreaterThan(20);
    const findings = nuCheck([...pages, strayScript]);

    expect((findings.get(strayScript) ?? []).map((message) => message.message)).toContain('Stray start tag “script”.');
    findings.delete(strayScript);
    const problems = [...findings].flatMap(([file, messages]) =>
      messages.map(
        (message) =>
          `${relative(distDir, file)}:${message.lastLine ?? '?'}:${message.firstColumn ?? '?'} ${message.type}: ${message.message}`,
      ),
    );
    expect(problems).toEqual([]);
  });
});
