// A mistake an editor or operator can make fails the build with the file and the field named.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyProject, runAstro } from './site-copy.ts';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('a post with bad frontmatter', () => {
  it('fails the build, naming the file and the missing title', () => {
    const copy = copyProject();
    cleanup = copy.cleanup;
    const file = join(copy.dir, 'content', 'posts', 'en', 'untitled-post.mdx');
    writeFileSync(file, '---\ndescription: "No title here."\npubDate: 2026-11-01\ntranslationKey: "untitled-post"\n---\n\nBody.\n');
    const { status, output } = runAstro(copy.dir, ['sync']);
    expect(status).not.toBe(0);
    expect(output).toContain('content/posts/en/untitled-post.mdx');
    expect(output).toMatch(/title\W+.*Required|title.*expected string/i);
  });

  it('fails the build when translations do not share a file name, naming both files', () => {
    const copy = copyProject();
    cleanup = copy.cleanup;
    writeFileSync(
      join(copy.dir, 'content', 'posts', 'zh-cn', 'renamed.mdx'),
      '---\ntitle: "改名"\ndescription: "测试。"\npubDate: 2026-11-01\ntranslationKey: "line-for-brands"\n---\n\n正文。\n',
    );
    const { status, output } = runAstro(copy.dir, ['build']);
    expect(status).not.toBe(0);
    expect(output).toContain('content/posts/zh-cn/renamed');
    expect(output).toContain('content/posts/zh-cn/line-for-brands');
  });
});

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
