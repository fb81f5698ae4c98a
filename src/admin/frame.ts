import { createHash } from 'node:crypto';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { locales, type Locale } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/translate.ts';
import { siteConfig } from '../site.config.ts';
import { STYLE } from '../server/comments-view.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * What the moderation page adds to the site's server-page stylesheet (STYLE, src/server/comments-view.ts):
 * a wider main column, the comment cards, the action buttons and the filter bar. No colour of its own:
 * every colour is one of the site's variables.
 */
export const ADMIN_STYLE = `main.admin{max-width:64rem}
.admin-bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.75rem 0}
.admin-bar form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0}
.admin-bar input[type=search],.admin-bar select,.admin-field input,.admin-field textarea{font:inherit;padding:.4rem;border:1px solid var(--color-muted);border-radius:.3rem;max-width:100%}
.admin-field{display:flex;flex-direction:column;gap:.25rem;margin:1rem 0}
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
.button-quiet{background:var(--color-bg);color:var(--color-text);border-color:var(--color-muted)}.button-quiet:hover{background:var(--color-surface)}
.admin-badge{display:inline-block;font-size:.8rem;font-weight:600;padding:0 .45rem;border:1px solid var(--color-muted);border-radius:1rem;margin-left:.4rem;vertical-align:middle}
.admin-select{margin:0}
.admin-pages{display:flex;gap:1rem;align-items:center;margin:1.5rem 0}`;

/** The hashes the moderation page's Content-Security-Policy allows: its two stylesheets, and nothing else. */
export const ADMIN_STYLE_HASHES = [STYLE, ADMIN_STYLE].map(
  (css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`,
);

/**
 * The frame of every moderation page: the site's header (brand, language link), main and footer,
 * with the site's server-page stylesheet. Kept in this one module so that it can become the
 * site-wide server-page frame with one edit. noindex twice over: this meta, and the X-Robots-Tag header.
 */
export function adminFrame(locale: Locale, title: string, main: Html, languageNav: Html): Html {
  const t = useTranslations(locale);
  return html`<!DOCTYPE html>
<html lang="${locales[locale].lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>${title} · ${siteConfig.brand}</title>
<style>${raw(STYLE)}</style>
<style>${raw(ADMIN_STYLE)}</style>
</head>
<body>
<a class="skip-link" href="#main">${t('skip.toContent')}</a>
<header class="site-header">
<div class="inner">
<a class="brand" href="/admin/?locale=${locale}"><span class="brand-name">${siteConfig.brand}</span><span class="brand-tagline">${t('admin.title')}</span></a>
<nav class="lang-switcher" aria-label="${t('admin.language')}">${languageNav}</nav>
</div>
</header>
<main id="main" class="admin">
${main}
</main>
</body>
</html>`;
}
