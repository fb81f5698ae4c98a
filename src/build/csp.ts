import { createHash } from 'node:crypto';

/** The text of every inline `<script>` (one without `src`) in `html`, exactly as the browser hashes it. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
}

/**
 * The Content Security Policy of one built page: scripts only from this site or, when inline, with
 * exactly the hash of a script the build wrote, so an injected script cannot run even if markup
 * ever slipped through. Pagefind's search needs WebAssembly ('wasm-unsafe-eval'). Styles stay
 * allowed inline: Astro writes scoped <style> blocks, and style injection cannot run code.
 */
export function pagePolicy(html: string): string {
  const hashes = [
    ...new Set(inlineScripts(html).map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`)),
  ];
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${hashes.length ? ` ${hashes.join(' ')}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** `html` with its policy right after `<meta charset>` (which must stay first), before any script can run. */
export function withPolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${pagePolicy(html)}">`;
  return /<meta charset="[^"]*">/i.test(html)
    ? html.replace(/<meta charset="[^"]*">/i, (charset) => `${charset}${meta}`)
    : html.replace(/<head>/, `<head>${meta}`);
}
