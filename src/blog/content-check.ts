import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { localeKeys } from '../i18n/locales.ts';
import { siteConfig } from '../site.config.ts';
import { isPublished, parsePostId, translationProblems, type PostLike } from './posts.ts';
import { postSchema } from './schema.ts';
import { localePath, publishedPaths } from '../routes/table.ts';
import { buildCodeTable, codePosts, type FlyerCode, type ScanCode } from '../codes/code-table.ts';
import { unlabelledTags, type TagLabels } from './tag-labels.ts';

/** One post file as the checker sees it. */
export interface ContentFile {
  /** Path below the content directory, e.g. "posts/en/my-post.mdx". */
  path: string;
  source: string;
}

/** Errors break the site (the build fails or a reader hits a dead end); warnings may be intentional. */
export interface Finding {
  level: 'error' | 'warning';
  /** Path below the content directory. */
  file: string;
  line?: number | undefined;
  /** The frontmatter field, when the finding is about one. */
  field?: string | undefined;
  message: string;
}

export interface CheckOptions {
  /** Whether a file exists, by path below the content directory (for image sources). */
  fileExists: (path: string) => boolean;
  /** "Today", for future-dated posts. */
  now?: Date;
  /** Entries of `content/tags.yml`; when given, a tag without one is an error (readers would see the raw slug). */
  tagLabels?: TagLabels;
  /** The flyer codes of `content/codes.yml`: their pages and PNGs (`/q/<name>/`, `/q/<name>/qr.png`) may be linked. */
  flyers?: readonly FlyerCode[];
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;
const IMAGE_EXTENSION = /\.(png|jpe?g|webp|avif|gif|svg)$/i;

/** The 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** `text` with fenced and inline code blanked out (same length, newlines kept), so examples in code are not checked. */
export function blankCode(text: string): string {
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  return text.replace(/^(```|~~~)[\s\S]*?^\1/gm, blank).replace(/`[^`\n]+`/g, blank);
}

/** Link targets in an MDX body: Markdown links, reference definitions and `href` attributes, with their offsets. */
export function linkTargets(text: string): { url: string; offset: number }[] {
  const found: { url: string; offset: number }[] = [];
  for (const match of text.matchAll(/(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/g))
    found.push({ url: match[1] ?? '', offset: match.index });
  for (const match of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm))
    found.push({ url: match[1] ?? '', offset: match.index });
  for (const match of text.matchAll(/\shref=["']([^"']+)["']/g))
    found.push({ url: match[1] ?? '', offset: match.index });
  return found;
}

export interface ImageUse {
  /** "markdown" for `![alt](src)`, otherwise the tag name (`img`, `Figure`). */
  kind: string;
  src: string | undefined;
  /** undefined when there is no alt attribute at all. */
  alt: string | undefined;
  offset: number;
}

/** Images in an MDX body: Markdown images, `<img>` and `<Figure>`. */
export function imageUses(text: string): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const match of text.matchAll(/!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/g)) {
    uses.push({ kind: 'markdown', alt: match[1] ?? '', src: match[2], offset: match.index });
  }
  for (const match of text.matchAll(/<(img|Figure)\b([^>]*)>/g)) {
    const attributes = match[2] ?? '';
    const attribute = (name: string) => {
      const found = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|\\{([^}]*)\\})`).exec(attributes);
      return found ? (found[1] ?? found[2] ?? `{${found[3]}}`) : undefined;
    };
    uses.push({ kind: match[1] ?? 'img', alt: attribute('alt'), src: attribute('src'), offset: match.index });
  }
  return uses;
}

/** The site path an internal link goes to (no query or fragment), or undefined for external links and in-page anchors. */
export function internalPath(url: string, fromPath: string): string | undefined {
  if (url.startsWith('#') || url.startsWith('//') || /^(mailto|tel|javascript|data):/i.test(url)) return undefined;
  const site = new URL(siteConfig.siteUrl);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) && new URL(url).origin !== site.origin) return undefined;
  return decodeURIComponent(new URL(url, new URL(fromPath, site)).pathname);
}

/** The path of a post page, from its entry id. */
function pathOfPost(post: Pick<PostLike, 'id'>): string {
  const { locale, slug } = parsePostId(post.id);
  return localePath('post', locale, { slug });
}

/** Whether `path` is answered by one of `paths`, allowing a missing trailing slash as the server does. */
function resolves(path: string, paths: ReadonlySet<string>): boolean {
  return paths.has(path) || paths.has(`${path}/`) || paths.has(path.replace(/index\.html$/, ''));
}

/**
 * Check post files the way the build and readers will meet them: schema errors with file and
 * field, translation pairs and coverage, internal links that point nowhere, images without alt
 * text or without a file. Pure apart from `fileExists`.
 */
export function checkContent(files: readonly ContentFile[], options: CheckOptions): Finding[] {
  const now = options.now ?? new Date();
  const findings: Finding[] = [];
  const posts: (PostLike & { file: ContentFile; bodyOffset: number })[] = [];

  for (const file of files) {
    const id = file.path.replace(/^posts\//, '').replace(/\.mdx?$/, '');
    try {
      parsePostId(id);
    } catch {
      findings.push({
        level: 'error',
        file: file.path,
        message: `posts live in posts/<locale>/<slug>.mdx with <locale> one of ${localeKeys.join(', ')}`,
      });
      continue;
    }
    const match = FRONTMATTER.exec(file.source);
    if (!match) {
      findings.push({
        level: 'error',
        file: file.path,
        line: 1,
        field: 'frontmatter',
        message: 'no frontmatter: the file must start with a --- block',
      });
      continue;
    }
    let data: unknown;
    try {
      data = parseYaml(match[1] ?? '');
    } catch (error) {
      findings.push({
        level: 'error',
        file: file.path,
        field: 'frontmatter',
        message: `not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      });
      continue;
    }
    const parsed = postSchema.safeParse(data ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = 'keys' in issue && Array.isArray(issue.keys) ? issue.keys.join(', ') : '';
        // Zod's own wording for a bad date ("expected date, received Date") tells an editor nothing.
        const message =
          issue.code === 'invalid_type' && issue.expected === 'date' ? 'must be a date like 2026-11-26' : issue.message;
        findings.push({
          level: 'error',
          file: file.path,
          field: issue.path.join('.') || keys || 'frontmatter',
          message,
        });
      }
      continue;
    }
    posts.push({ id, data: parsed.data, file, bodyOffset: match[0].length });
  }

  for (const problem of translationProblems(posts)) {
    const file = posts.find((post) => problem.includes(`content/posts/${post.id}`))?.file.path ?? 'posts/';
    findings.push({ level: 'error', file, field: 'translationKey', message: problem });
  }

  const published = posts.filter((post) => isPublished(post, now));
  let codes: ScanCode[] = [];
  try {
    codes = buildCodeTable({
      siteUrl: siteConfig.siteUrl,
      follow: siteConfig.follow,
      posts: codePosts(published),
      flyers: options.flyers ?? [],
    });
  } catch (error) {
    // Two codes with one name (a flyer named like a post's share code): the build would fail the same way.
    findings.push({ level: 'error', file: 'codes.yml', message: (error as Error).message });
  }
  // What the build of these posts publishes: pages, feeds, QR PNGs, social cards, scan pages (src/routes/table.ts).
  const paths = publishedPaths({ posts: published, codes });
  const unpublished = new Map(posts.filter((post) => !isPublished(post, now)).map((post) => [pathOfPost(post), post]));

  for (const post of posts) {
    const { path } = post.file;
    const { locale } = parsePostId(post.id);
    if (post.data.draft)
      findings.push({
        level: 'warning',
        file: path,
        field: 'draft',
        message: 'left out of the build until "draft: true" is removed',
      });
    else if (!isPublished(post, now)) {
      findings.push({
        level: 'warning',
        file: path,
        field: 'pubDate',
        message: `dated ${post.data.pubDate.toISOString().slice(0, 10)}: left out of the build until then`,
      });
    }
    for (const other of localeKeys.filter((loc) => loc !== locale)) {
      if (
        !posts.some((p) => p.data.translationKey === post.data.translationKey && parsePostId(p.id).locale === other)
      ) {
        findings.push({
          level: 'warning',
          file: path,
          message: `no ${other} translation yet (posts/${other}/${parsePostId(post.id).slug}.mdx)`,
        });
      }
    }

    if (options.tagLabels) {
      for (const tag of unlabelledTags(options.tagLabels, post.data.tags)) {
        findings.push({
          level: 'error',
          file: path,
          field: 'tags',
          message: `tag "${tag}" has no entry in content/tags.yml: add its name in every language`,
        });
      }
    }

    const text = blankCode(post.file.source);
    const body = text.slice(post.bodyOffset);
    const at = (offset: number) => lineAt(text, post.bodyOffset + offset);
    for (const { url, offset } of linkTargets(body)) {
      if (IMAGE_EXTENSION.test(url) && !url.startsWith('/')) continue; // a relative image link: checked as an image below
      const target = internalPath(url, pathOfPost(post));
      if (target === undefined || resolves(target, paths)) continue;
      const pending = unpublished.get(target) ?? unpublished.get(`${target}/`);
      if (pending) {
        if (isPublished(post, now))
          findings.push({
            level: 'warning',
            file: path,
            line: at(offset),
            message: `link to ${url} goes to posts/${pending.id}.mdx, which is not published yet`,
          });
      } else {
        findings.push({
          level: 'error',
          file: path,
          line: at(offset),
          message: `link to ${url} points nowhere on the site`,
        });
      }
    }
    for (const image of imageUses(body)) {
      const line = at(image.offset);
      const name = image.src ?? `<${image.kind}>`;
      if (image.alt === undefined || (image.alt.trim() === '' && image.kind !== 'img')) {
        findings.push({
          level: 'error',
          file: path,
          line,
          message: `image ${name} has no alt text: describe what it shows for readers who cannot see it`,
        });
      } else if (image.alt.trim() === '') {
        findings.push({
          level: 'warning',
          file: path,
          line,
          message: `image ${name} has alt="": fine for a decorative image, otherwise describe it`,
        });
      }
      if (!image.src || image.src.startsWith('{') || /^[a-z]+:|^\/\//i.test(image.src)) continue;
      // Markdown and <img> sources are relative to the post; <Figure src="…"> is relative to the content directory.
      const resolved = image.src.startsWith('/')
        ? undefined
        : image.kind === 'Figure'
          ? posix.normalize(image.src)
          : posix.normalize(posix.join(posix.dirname(path), image.src));
      if (resolved && !options.fileExists(resolved))
        findings.push({
          level: 'error',
          file: path,
          line,
          message: `image ${image.src} not found (looked for ${resolved})`,
        });
    }
  }
  return findings;
}

/** One line per finding, errors first: "error   posts/en/x.mdx:12  title: must not be empty". */
export function formatFindings(findings: readonly Finding[], contentDir: string): string[] {
  return [...findings]
    .sort((a, b) =>
      a.level === b.level
        ? a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)
        : a.level === 'error'
          ? -1
          : 1,
    )
    .map((finding) => {
      const where = `${posix.join(contentDir, finding.file)}${finding.line ? `:${finding.line}` : ''}`;
      return `${finding.level.padEnd(7)} ${where}  ${finding.field ? `${finding.field}: ` : ''}${finding.message}`;
    });
}
