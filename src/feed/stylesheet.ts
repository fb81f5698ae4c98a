/**
 * The XSL stylesheet that makes `/rss.xml` and `/zh-cn/rss.xml` readable in a browser: the feed's
 * `<?xml-stylesheet?>` points to it, a browser turns the feed into a page in the site's look that
 * says what a feed is and lists the posts, and feed readers ignore it and read the RSS as before.
 * No script: the page needs none, and the feed carries no Content-Security-Policy of its own.
 */

/** The texts of the page, in the feed's language. */
export interface FeedPageStrings {
  /** The page's `<title>`. */
  title: string;
  heading: string;
  /** What a feed is and how to use it. */
  explain: string;
  addressLabel: string;
  postsHeading: string;
  empty: string;
  visitSite: string;
}

export interface FeedStylesheetOptions {
  /** BCP 47 tag of the feed's language (`<html lang>`). */
  lang: string;
  brand: string;
  strings: FeedPageStrings;
  /** The site's stylesheet (src/styles/global.css): its `:root` colours and fonts are reused. */
  siteCss: string;
}

/** Text escaped for XML character data and attribute values. */
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The custom properties of the site's `:root` rules (colours, fonts, line height, the Chinese
 * overrides), so the feed page takes its look from the one stylesheet that defines it.
 */
export function rootCustomProperties(siteCss: string): string {
  const blocks = [...siteCss.matchAll(/(:root(?::lang\([^)]*\))?)\s*\{([^}]*)\}/g)];
  return blocks
    .map(([, selector, body]) => {
      const declarations = (body ?? '')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .split(';')
        .map((declaration) => declaration.trim())
        .filter((declaration) => declaration.startsWith('--'));
      return `${selector}{${declarations.join(';')}}`;
    })
    .join('\n');
}

const pageCss = `
html{font-family:var(--font-body);line-height:var(--line-height);color:var(--color-text);background:var(--color-bg)}
body{margin:0}
header{border-bottom:1px solid var(--color-border);background:var(--color-surface)}
header div,main{max-width:var(--measure);margin:0 auto;padding:0.75rem 1rem}
main{padding:1.5rem 1rem 3rem}
.brand{font-weight:800;font-size:1.4rem;color:var(--color-brand-dark);text-decoration:none}
a{color:var(--color-link);text-underline-offset:0.15em}
a:focus-visible{outline:3px solid var(--color-focus);outline-offset:2px}
h1,h2{line-height:1.3}
.about{background:var(--color-surface);border:1px solid var(--color-border);border-left:4px solid var(--color-brand);border-radius:0.5rem;padding:1rem 1.25rem;margin:1rem 0 2rem}
.about p{margin:0 0 0.75rem}
.address{display:block;overflow-wrap:anywhere;background:var(--color-bg);border:1px solid var(--color-border);border-radius:0.25rem;padding:0.4rem 0.6rem;font-family:ui-monospace,monospace;font-size:0.9rem}
ol{list-style:none;padding:0;margin:0}
li{padding:1rem 0;border-top:1px solid var(--color-border)}
li h3{margin:0 0 0.25rem;font-size:1.2rem}
li p{margin:0.25rem 0 0}
time{color:var(--color-muted);font-size:0.9rem}
`;

/** The XSL stylesheet (XSLT 1.0, what browsers run) for a feed in one language. */
export function feedStylesheet({ lang, brand, strings, siteCss }: FeedStylesheetOptions): string {
  const text = (value: string) => escapeXmlText(value);
  const css = `${rootCustomProperties(siteCss)}\n${pageCss}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
<xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
<xsl:template match="/">
<html lang="${text(lang)}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
<title>${text(strings.title)}</title>
<style>${text(css)}</style>
</head>
<body>
<header><div><a class="brand" href="{/rss/channel/link}">${text(brand)}</a></div></header>
<main>
<h1>${text(strings.heading)}</h1>
<section class="about" data-feed-about="">
<p>${text(strings.explain)}</p>
<p><strong>${text(strings.addressLabel)}</strong><code class="address" data-feed-address=""><xsl:value-of select="/rss/channel/atom:link[@rel='self']/@href"/></code></p>
<p><a href="{/rss/channel/link}">${text(strings.visitSite)}</a></p>
</section>
<h2>${text(strings.postsHeading)}</h2>
<xsl:choose>
<xsl:when test="/rss/channel/item">
<ol data-feed-items="">
<xsl:for-each select="/rss/channel/item">
<li>
<h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
<xsl:if test="pubDate"><xsl:call-template name="date"><xsl:with-param name="rfc822" select="pubDate"/></xsl:call-template></xsl:if>
<p><xsl:value-of select="description"/></p>
</li>
</xsl:for-each>
</ol>
</xsl:when>
<xsl:otherwise><p>${text(strings.empty)}</p></xsl:otherwise>
</xsl:choose>
</main>
</body>
</html>
</xsl:template>
<!-- "Tue, 24 Nov 2026 00:00:00 GMT" as 2026-11-24: the same in every language, no month names needed. -->
<xsl:template name="date">
<xsl:param name="rfc822"/>
<xsl:variable name="rest" select="normalize-space(substring-after($rfc822, ','))"/>
<xsl:variable name="day" select="substring-before($rest, ' ')"/>
<xsl:variable name="month" select="substring(substring-after('Jan01Feb02Mar03Apr04May05Jun06Jul07Aug08Sep09Oct10Nov11Dec12', substring(substring-after($rest, ' '), 1, 3)), 1, 2)"/>
<xsl:variable name="year" select="substring(substring-after(substring-after($rest, ' '), ' '), 1, 4)"/>
<xsl:variable name="iso" select="concat($year, '-', $month, '-', substring(concat('0', $day), string-length($day), 2))"/>
<time datetime="{$iso}"><xsl:value-of select="$iso"/></time>
</xsl:template>
</xsl:stylesheet>
`;
}
