import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyProject, runAstro } from './site-copy.ts';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('a malformed follow account in src/site.config.ts', () => {
  it('fails the build, naming the field and what it expects', () => {
    const copy = copyProject();
    cleanup = copy.cleanup;
    const config = join(copy.dir, 'src', 'site.config.ts');
    const source = readFileSync(config, 'utf8');
    // An operator pastes the LINE ID without its "@".
    const broken = source.replace(/account: '[^']*'/, "account: 'syengage'");
    expect(broken).not.toBe(source);
    writeFileSync(config, broken);
    const { status, output } = runAstro(copy.dir, ['build']);
    expect(status).not.toBe(0);
    expect(output).toContain('src/site.config.ts is invalid');
    expect(output).toContain('follow.line.account: expected a LINE ID like "@syengage"');
  });
});
