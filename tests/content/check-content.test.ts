import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './site-copy.ts';

function checkContent(dir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['scripts/check-content.ts', dir], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('npm run check:content', () => {
  it('fails on the broken fixture and names the bad field, the dangling link and the image without alt text', () => {
    const { status, output } = checkContent('tests/fixtures/content-broken');
    expect(status).toBe(1);
    expect(output).toMatch(/^error\s+tests\/fixtures\/content-broken\/posts\/en\/bad-field\.mdx\s+pubDate: must be a date/m);
    expect(output).toMatch(/^error\s+tests\/fixtures\/content-broken\/posts\/en\/dangling-link\.mdx:9\s+link to \/blog\/no-such-post\/ points nowhere/m);
    expect(output).toMatch(/^error\s+tests\/fixtures\/content-broken\/posts\/en\/missing-alt\.mdx:9\s+image \.\/images\/chart\.png has no alt text/m);
    // A link to a post that exists, and a link inside code, are not errors.
    expect(output).not.toContain('/blog/missing-alt/ points nowhere');
    expect(output).not.toContain('/blog/also-missing/');
    // A missing translation may be work in progress: a warning, not an error.
    expect(output).toMatch(/^warning\s+\S+dangling-link\.mdx\s+no zh-cn translation yet/m);
  });

  it('passes on the site content', () => {
    const { status, output } = checkContent('content');
    expect(output).toMatch(/0 errors/);
    expect(status).toBe(0);
  });
});
