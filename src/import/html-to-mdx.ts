import TurndownService from 'turndown';

/**
 * WordPress post and comment HTML → the site's formats: MDX bodies through turndown, and plain
 * comment text (comments are stored as typed text, src/comments/body.ts).
 */

const BLOCK =
  /^<(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|figure|table|thead|tbody|tr|td|th|hr|dl|dt|dd|section|header|footer|aside|nav|form|address|iframe)\b/i;

/**
 * WordPress stores posts and comments without the `<p>` and `<br>` it adds when showing them
 * (`wpautop`): blank lines separate paragraphs, single newlines break lines. This adds them, so the
 * HTML means what the old site showed. Text already in paragraphs is left alone.
 */
export function autop(html: string, { force = false } = {}): string {
  const source = html.replace(/\r\n?/g, '\n').trim();
  if (source === '' || (!force && /<p[\s>]/i.test(source))) return source;
  return source
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      // Line breaks inside <pre> are content, not <br>.
      if (BLOCK.test(block)) return block;
      return `<p>${block.replace(/\n/g, '<br>\n')}</p>`;
    })
    .join('\n');
}

/** `{`, `}` and `<` start expressions and JSX in MDX; in text they must be escaped (`>` is escaped by turndown where it matters). */
export function escapeMdxText(text: string): string {
  return text.replace(/[{}<]/g, (char) => `\\${char}`);
}

/** An image the converter met, and what to write for it. */
export interface ImageTarget {
  /** The local path to write in Markdown (relative to the post), or undefined to keep a link to `url`. */
  src: string | undefined;
}

/** A shortcode the converter could not turn into Markdown: left in the text and reported with its line. */
export interface UnconvertedShortcode {
  name: string;
  text: string;
  /** 1-based line in the returned Markdown. */
  line: number;
}

export interface Attachment {
  url: string;
  alt: string;
  caption: string;
}

export interface ConvertOptions {
  /** Where an image URL ends up (called for every `<img>`, in order). */
  resolveImage: (url: string) => ImageTarget;
  /** Attachments of the export by post id, for `[gallery ids="…"]`. */
  attachments: ReadonlyMap<number, Attachment>;
  /** The old site's address, for relative URLs. */
  baseUrl: string;
  /** The site path for a link to another imported post (its old address), if any. */
  rewriteLink?: ((url: string) => string | undefined) | undefined;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function shortcodeAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))/g)) {
    attributes.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

const SHORTCODE = /\[(\/)?([a-zA-Z][\w-]*)([^\]]*)\]/g;
const PLACEHOLDER = (index: number) => `WPSHORTCODE${index}X`;

/**
 * Replaces the shortcodes it can convert with HTML (`[caption]`, `[gallery ids]`, `[embed]`) and
 * the others with placeholders, so turndown leaves them alone.
 */
function expandShortcodes(html: string, options: ConvertOptions, kept: string[]): string {
  let result = html.replace(
    /\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/g,
    (_all, attributes: string, inner: string) => {
      const image = /<img\b[^>]*>/i.exec(inner)?.[0] ?? '';
      const caption =
        inner.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i, '').trim() ||
        shortcodeAttributes(attributes).get('caption') ||
        '';
      return `\n\n<figure>${image}<figcaption>${caption}</figcaption></figure>\n\n`;
    },
  );
  result = result.replace(
    /\[embed\]([^[]+)\[\/embed\]/g,
    (_all, url: string) => `\n\n<p><a href="${escapeAttribute(url.trim())}">${url.trim()}</a></p>\n\n`,
  );
  result = result.replace(/\[gallery([^\]]*)\]/g, (all, attributes: string) => {
    const ids = (shortcodeAttributes(attributes).get('ids') ?? '')
      .split(',')
      .map((id) => Number(id.trim()))
      .filter((id) => id > 0);
    const found = ids.map((id) => options.attachments.get(id));
    if (ids.length === 0 || found.some((attachment) => !attachment)) return all;
    return found
      .map((attachment) => {
        const { url, alt, caption } = attachment as Attachment;
        const img = `<img src="${escapeAttribute(url)}" alt="${escapeAttribute(alt || caption)}">`;
        return caption ? `\n\n<figure>${img}<figcaption>${caption}</figcaption></figure>\n\n` : `\n\n<p>${img}</p>\n\n`;
      })
      .join('');
  });
  return result.replace(SHORTCODE, (all) => {
    kept.push(all);
    return PLACEHOLDER(kept.length - 1);
  });
}

function absolute(url: string, base: string): string {
  try {
    return new URL(url, base || undefined).href;
  } catch {
    return url;
  }
}

/** The file name in an image URL, without WordPress's "-300x200" size suffix. */
function isImageUrl(url: string): boolean {
  return /\.(png|jpe?g|gif|webp|avif|svg)(?:[?#].*)?$/i.test(url);
}

function markdownService(options: ConvertOptions): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    hr: '---',
  });
  const escapeMarkdown = service.escape.bind(service);
  // Turndown escapes Markdown; MDX also reads { } and < as code, so text escapes those too.
  service.escape = (text: string) => escapeMdxText(escapeMarkdown(text));
  service.remove(['script', 'style', 'noscript']);
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const element = node as HTMLElement;
      const url = absolute(element.getAttribute('src') ?? '', options.baseUrl);
      if (!url) return '';
      const alt = (element.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
      const target = options.resolveImage(url);
      const label = (alt || url).replace(/[[\]\\]/g, '\\$&');
      if (!target.src) return `[${escapeMdxText(label)}](${url})`;
      return `![${escapeMdxText(alt.replace(/[[\]\\]/g, '\\$&'))}](${target.src})`;
    },
  });
  // WordPress links an inserted image to its full-size file: the image alone is enough.
  service.addRule('imageLink', {
    filter: (node) =>
      node.nodeName === 'A' &&
      node.children.length === 1 &&
      node.firstElementChild?.nodeName === 'IMG' &&
      (node.textContent ?? '').trim() === '' &&
      isImageUrl(node.getAttribute('href') ?? ''),
    replacement: (content) => content,
  });
  // One space after the list marker (turndown's default is three).
  service.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as HTMLElement | null;
      const index = parent ? Array.prototype.indexOf.call(parent.children, node) : 0;
      const start = Number(parent?.getAttribute('start') ?? 1) || 1;
      const prefix = parent?.nodeName === 'OL' ? `${start + index}. ` : '- ';
      const text = content
        .replace(/^\n+/, '')
        .replace(/\n+$/, '\n')
        .replace(/\n/gm, `\n${' '.repeat(prefix.length)}`);
      return `${prefix}${text}${node.nextSibling && !/\n$/.test(text) ? '\n' : ''}`;
    },
  });
  if (options.rewriteLink) {
    const rewrite = options.rewriteLink;
    service.addRule('postLink', {
      filter: (node) =>
        node.nodeName === 'A' && rewrite(absolute(node.getAttribute('href') ?? '', options.baseUrl)) !== undefined,
      replacement: (content, node) =>
        `[${content}](${rewrite(absolute((node as HTMLElement).getAttribute('href') ?? '', options.baseUrl)) ?? ''})`,
    });
  }
  service.addRule('figcaption', {
    filter: 'figcaption',
    replacement: (content) => (content.trim() ? `\n\n*${content.trim()}*\n\n` : ''),
  });
  service.addRule('iframe', {
    filter: 'iframe',
    replacement: (_content, node) => {
      const src = (node as HTMLElement).getAttribute('src');
      return src
        ? `\n\n[${escapeMdxText((node as HTMLElement).getAttribute('title') || src)}](${absolute(src, options.baseUrl)})\n\n`
        : '';
    },
  });
  return service;
}

/**
 * A post's HTML as an MDX body: paragraphs restored (`autop`), `[caption]`, `[gallery ids]` and
 * `[embed]` converted, images through `resolveImage`, text escaped for MDX. Shortcodes it cannot
 * convert stay as text (escaped) and are returned with their line.
 */
export function convertPostBody(
  html: string,
  options: ConvertOptions,
): { markdown: string; shortcodes: UnconvertedShortcode[] } {
  const kept: string[] = [];
  const source = html.replace(/<!--[\s\S]*?-->/g, '');
  // Decided on the post as stored: the converted shortcodes bring paragraphs of their own.
  const prepared = autop(expandShortcodes(source, options, kept), { force: !/<p[\s>]/i.test(source) });
  let markdown = markdownService(options).turndown(prepared || '');
  const shortcodes: UnconvertedShortcode[] = [];
  markdown = markdown.replace(/WPSHORTCODE(\d+)X/g, (_all, index: string, offset: number) => {
    const text = kept[Number(index)] ?? '';
    shortcodes.push({
      name: /\[\/?([\w-]+)/.exec(text)?.[1] ?? '',
      text,
      line: markdown.slice(0, offset).split('\n').length,
    });
    return escapeMdxText(text.replace(/[[\]]/g, '\\$&'));
  });
  return { markdown: markdown.trim(), shortcodes };
}

function plainService(): TurndownService {
  const service = new TurndownService();
  service.escape = (text: string) => text;
  service.addRule('plain', {
    filter: () => true,
    replacement: (content, node) => {
      const element = node as HTMLElement;
      switch (node.nodeName) {
        case 'A': {
          const href = element.getAttribute('href') ?? '';
          return /^https?:\/\//i.test(href) && content.trim() !== href ? `${content} (${href})` : content;
        }
        case 'BR':
          return '\n';
        case 'IMG':
          return element.getAttribute('alt') ?? '';
        case 'LI':
          return `\n- ${content.trim()}\n`;
        case 'P':
        case 'DIV':
        case 'BLOCKQUOTE':
        case 'PRE':
        case 'UL':
        case 'OL':
        case 'H1':
        case 'H2':
        case 'H3':
        case 'H4':
        case 'H5':
        case 'H6':
          return `\n\n${content}\n\n`;
        default:
          return content;
      }
    },
  });
  return service;
}

/**
 * HTML (a comment, an excerpt) as plain text: paragraphs as blank lines, links as "text (URL)",
 * no markup. Comments are stored as the text a reader typed and rendered as text.
 */
let plain: TurndownService | undefined;

export function htmlToPlainText(html: string): string {
  // Most comments are typed text with no markup: no HTML parse for them (about 2 ms each otherwise).
  if (!/[<&]/.test(html))
    return html
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  plain ??= plainService();
  const text = plain.turndown(autop(html.replace(/<!--[\s\S]*?-->/g, '')) || '');
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
