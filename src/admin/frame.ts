import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { localeKeys, type Locale } from '../i18n/locales.ts';
import { currentServerPageFrames, renderServerPage } from '../server-page/frame.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Where the moderation page's own stylesheet is served (by the admin app itself). */
export const ADMIN_STYLESHEET_PATH = '/admin/admin.css';

/**
 * What the moderation page adds to the site's stylesheet (which the server-page frame brings): a
 * wider main column, the comment cards, notices, the action bar. No colour of its own: every colour
 * is one of the site's variables (src/styles/global.css).
 */
export const ADMIN_STYLE = `main.admin,main:has(> .admin){max-width:64rem}
.admin-bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.75rem 0}
.admin-bar form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0}
.admin-bar input[type=search],.admin-bar select,.admin-field input,.admin-field textarea{font:inherit;padding:.4rem;border:1px solid var(--color-muted);border-radius:.3rem;max-width:100%}
.admin-field{display:flex;flex-direction:column;gap:.25rem;margin:1rem 0}
.admin-field [aria-invalid=true]{border:2px solid var(--color-error)}
.admin-notice{padding:.75rem 1rem;border-left:4px solid var(--color-brand);background:var(--color-surface)}
.admin-notice-error{border-left-color:var(--color-error);background:var(--color-error-bg)}
.admin-tabs{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0}
.admin-tabs a[aria-current=page]{font-weight:700;color:var(--color-text)}
.admin-list{list-style:none;padding:0;margin:0}
.admin-comment{border:1px solid var(--color-border);border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}
.admin-comment[data-status=pending]{border-left:6px solid var(--color-focus)}
.admin-comment h3{font-size:1.05rem;margin:.25rem 0}
.admin-meta{color:var(--color-muted);font-size:.9rem;margin:.2rem 0;overflow-wrap:anywhere}
.admin-body{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0;padding:.5rem .75rem;background:var(--color-surface);border-radius:.3rem}
.admin-actions{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.5rem 0 0}
.admin-actions .button{padding:.3em .8em}
.admin-badge{display:inline-block;font-size:.8rem;font-weight:600;padding:0 .45rem;border:1px solid var(--color-muted);border-radius:1rem;margin-left:.4rem;vertical-align:middle}
.admin-select{margin:0}
.admin-pages{display:flex;gap:1rem;align-items:center;margin:1.5rem 0}
`;

/**
 * The moderation page's Content-Security-Policy: no script at all; the frame's inline stylesheets
 * by hash and this page's own stylesheet from this origin; forms only to this origin; framed only by this origin (as every answer of the server).
 */
export function adminPolicyHeader(): string {
  return [
    "default-src 'none'",
    `style-src ${[...currentServerPageFrames().styleHashes, "'self'"].join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * A whole moderation page in the site's own frame (header, language links, footer, stylesheet:
 * src/server-page/frame.ts), with its own stylesheet first in `<main>` (a stylesheet `<link>` may
 * stand in the body). `href(locale)` is this same page in another language. Always noindex.
 */
export async function adminFrame(
  locale: Locale,
  title: string,
  main: Html,
  href: (locale: Locale) => string,
): Promise<string> {
  const content = await html`<link rel="stylesheet" href="${ADMIN_STYLESHEET_PATH}">
<div class="admin">
${main}
</div>`;
  return renderServerPage({
    locale,
    title,
    main: String(content),
    noindex: true,
    alternates: Object.fromEntries(localeKeys.filter((other) => other !== locale).map((other) => [other, href(other)])),
  });
}
