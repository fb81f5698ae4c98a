import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScripts, pagePolicy, withPolicy } from '../../src/build/csp.ts';

const page =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><script type="module">console.log(1)</script></head>' +
  '<body><script src="/_astro/x.js"></script><script>var a = "<b>";</script></body></html>';
const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('Content Security Policy of a built page', () => {
  it('finds inline scripts and skips external ones', () => {
    expect(inlineScripts(page)).toEqual(['console.log(1)', 'var a = "<b>";']);
  });

  it('allows exactly the inline scripts the build wrote, and nothing from elsewhere', () => {
    const policy = pagePolicy(page);
    expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${sha('console.log(1)')} ${sha('var a = "<b>";')}`);
    const scriptSrc = policy.split('; ').find((directive) => directive.startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("form-action 'self'");
  });

  it('puts the policy right after <meta charset>, before any script', () => {
    const html = withPolicy(page);
    expect(html.indexOf('Content-Security-Policy')).toBeGreaterThan(html.indexOf('<meta charset'));
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });
});
