import { describe, expect, it } from 'vitest';
import {
  blankCode,
  checkContent,
  imageUses,
  internalPath,
  linkTargets,
  type ContentFile,
} from '../../src/blog/content-check.ts';
import { publishedPaths } from '../../src/routes/table.ts';
import { postSchema } from '../../src/blog/schema.ts';

const now = new Date('2026-11-26T12:00:00Z');

function mdx(path: string, frontmatter: Record<string, unknown>, body = 'Body.'): ContentFile {
  const data = {
    title: 'T',
    description: 'D',
    pubDate: '2026-01-01',
    tags: ['wechat'],
    translationKey: path.split('/').pop()?.replace('.mdx', ''),
    ...frontmatter,
  };
  const yaml = Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join('\n');
  return { path, source: `---\n${yaml}\n---\n\n${body}\n` };
}

const pair = (slug: string, frontmatter: Record<string, unknown> = {}, enBody?: string, zhBody?: string) => [
  mdx(`posts/en/${slug}.mdx`, frontmatter, enBody),
  mdx(`posts/zh-cn/${slug}.mdx`, frontmatter, zhBody),
];

const check = (files: ContentFile[], existing: string[] = []) =>
  checkContent(files, { now, fileExists: (path) => existing.includes(path) });
const errors = (files: ContentFile[], existing?: string[]) => check(files, existing).filter((f) => f.level === 'error');
const warnings = (files: ContentFile[]) => check(files).filter((f) => f.level === 'warning');

describe('checkContent', () => {
  it('finds nothing wrong with a translated, published pair', () => {
    expect(check(pair('fine'))).toEqual([]);
  });

  it('names the file and field of every schema error', () => {
    const found = errors([mdx('posts/en/x.mdx', { title: '', pubDate: 'soon', titel: 'typo' })]);
    expect(found.map((f) => [f.file, f.field])).toEqual(
      expect.arrayContaining([
        ['posts/en/x.mdx', 'title'],
        ['posts/en/x.mdx', 'pubDate'],
        ['posts/en/x.mdx', 'titel'],
      ]),
    );
  });

  it('reports a file without frontmatter or outside a locale folder', () => {
    expect(errors([{ path: 'posts/en/bare.mdx', source: 'Just text.' }])[0]?.field).toBe('frontmatter');
    expect(errors([mdx('posts/fr/x.mdx', {})])[0]?.message).toMatch(/<locale>/);
  });

  it('warns about a post without a translation, a draft and a future date', () => {
    const found = warnings([
      mdx('posts/en/alone.mdx', {}),
      ...pair('later', { pubDate: '2027-01-01' }),
      ...pair('wip', { draft: true }),
    ]);
    expect(found.map((f) => `${f.file} ${f.field ?? ''} ${f.message}`)).toEqual([
      expect.stringMatching(/posts\/en\/alone\.mdx.*no zh-cn translation/),
      expect.stringMatching(/posts\/en\/later\.mdx pubDate dated 2027-01-01/),
      expect.stringMatching(/posts\/zh-cn\/later\.mdx pubDate/),
      expect.stringMatching(/posts\/en\/wip\.mdx draft/),
      expect.stringMatching(/posts\/zh-cn\/wip\.mdx draft/),
    ]);
  });

  it('reports translations that share a key but not a file name', () => {
    const found = errors([
      mdx('posts/en/a.mdx', { translationKey: 'k' }),
      mdx('posts/zh-cn/b.mdx', { translationKey: 'k' }),
    ]);
    expect(found.map((f) => f.field)).toContain('translationKey');
  });

  it('accepts links to the site routes and reports a link that points nowhere, with its line', () => {
    const body = [
      '[home](/) [zh home](/zh-cn/) [tags](/tags/wechat/) [all tags](/zh-cn/tags/) [search](/search/?q=x)',
      '[follow](/follow/) [rss](/rss.xml) [other](/blog/other/#part) [relative](../other/) [abs](https://syengage.com/blog/other/)',
      '[external](https://example.com/x) [anchor](#top) `[code](/blog/in-code/)`',
      '[dead](/blog/nope/) <a href="/zh-cn/tags/nope/">x</a>',
    ].join('\n');
    const found = errors([...pair('linker', {}, body), ...pair('other')]);
    expect(found.map((f) => `${f.line} ${f.message}`)).toEqual([
      expect.stringMatching(/^12 link to \/blog\/nope\/ points nowhere/),
      expect.stringMatching(/^12 link to \/zh-cn\/tags\/nope\/ points nowhere/),
    ]);
  });

  it('accepts links to the files the site publishes: QR PNGs, social cards, feeds, scan pages', () => {
    const body = [
      '[print it](/follow/qr/wechat-print.png) [code](/blog/other/qr.png) [zh code](/zh-cn/blog/other/qr.png)',
      '[card](/blog/other/social-card.png) [feed page](/zh-cn/rss.xsl) [default card](/social-card.png)',
      '[scan](/q/other) [scan page](/q/line/) [flyer](/q/spring-fair/qr.png) [robots](/robots.txt)',
      '[no such size](/follow/qr/wechat-huge.png) [no such post](/blog/nope/qr.png) [no flyer](/q/autumn/qr.png)',
    ].join('\n');
    const found = checkContent([...pair('linker', {}, body), ...pair('other')], {
      now,
      fileExists: () => false,
      flyers: [{ name: 'spring-fair', target: '/follow/', utm: null }],
    }).filter((f) => f.level === 'error');
    expect(found.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([
      expect.stringMatching(/^posts\/en\/linker\.mdx:12 link to \/follow\/qr\/wechat-huge\.png points nowhere/),
      expect.stringMatching(/^posts\/en\/linker\.mdx:12 link to \/blog\/nope\/qr\.png points nowhere/),
      expect.stringMatching(/^posts\/en\/linker\.mdx:12 link to \/q\/autumn\/qr\.png points nowhere/),
    ]);
  });

  it('warns when a published post links to a draft', () => {
    const found = check([...pair('linker', {}, '[soon](/blog/wip/)'), ...pair('wip', { draft: true })]);
    expect(found.filter((f) => f.level === 'error')).toEqual([]);
    expect(found.some((f) => f.level === 'warning' && /not published yet/.test(f.message))).toBe(true);
  });

  it('reports images without alt text and images whose file is missing', () => {
    const body = [
      '![](./images/a.png)',
      '![A chart](./images/missing.png)',
      '<img src="/x.png">',
      '<img src="/y.png" alt="">',
      '<Figure src="images/b.png" caption="c" />',
    ].join('\n');
    const found = check(pair('pics', {}, body), [
      'posts/en/images/a.png',
      'posts/zh-cn/images/a.png',
      'posts/zh-cn/images/missing.png',
      'images/b.png',
    ]);
    const en = found.filter((f) => f.file === 'posts/en/pics.mdx').map((f) => `${f.level} ${f.line} ${f.message}`);
    expect(en).toEqual([
      expect.stringMatching(/^error 9 image \.\/images\/a\.png has no alt text/),
      expect.stringMatching(/^error 10 image \.\/images\/missing\.png not found/),
      expect.stringMatching(/^error 11 image \/x\.png has no alt text/),
      expect.stringMatching(/^warning 12 image \/y\.png has alt=""/),
      expect.stringMatching(/^error 13 image images\/b\.png has no alt text/),
    ]);
  });
});

describe('link and image extraction', () => {
  it('reads Markdown links, reference definitions and href attributes, not images', () => {
    const text = '[a](/a/) ![i](/i.png) [b](</b/> "title")\n[ref]: /c/\n<a href="/d/">d</a>';
    expect(
      linkTargets(text)
        .map((l) => l.url)
        .sort(),
    ).toEqual(['/a/', '/b/', '/c/', '/d/']);
  });

  it('reads the alt attribute of img and Figure, including JSX expressions', () => {
    expect(imageUses('<Figure src={chart} alt={"A chart"} />')[0]).toMatchObject({
      kind: 'Figure',
      alt: '{"A chart"}',
      src: '{chart}',
    });
  });

  it('blanks code without moving lines', () => {
    const text = 'a\n```\n[x](/y/)\n```\n`[z](/z/)` b';
    expect(blankCode(text).split('\n')).toHaveLength(text.split('\n').length);
    expect(linkTargets(blankCode(text))).toEqual([]);
  });

  it('resolves relative links against the post and ignores other sites', () => {
    expect(internalPath('../other/', '/zh-cn/blog/this/')).toBe('/zh-cn/blog/other/');
    expect(internalPath('https://example.com/', '/')).toBeUndefined();
    expect(internalPath('mailto:a@b.c', '/')).toBeUndefined();
  });
});

describe('publishedPaths', () => {
  it('lists posts, tag pages and list pages per locale', () => {
    const post = (id: string, tags: string[]) => ({
      id,
      data: postSchema.parse({ title: 't', description: 'd', pubDate: '2026-01-01', tags, translationKey: 'k' }),
    });
    const paths = publishedPaths({
      posts: [post('en/a', ['line']), post('en/b', ['line']), post('zh-cn/a', ['wechat'])],
      codes: [],
      pageSize: 1,
    });
    expect([...paths]).toEqual(
      expect.arrayContaining([
        '/',
        '/page/2/',
        '/blog/a/',
        '/tags/line/',
        '/zh-cn/',
        '/zh-cn/tags/wechat/',
        '/zh-cn/search/',
        '/zh-cn/follow/',
      ]),
    );
    expect(paths.has('/zh-cn/page/2/')).toBe(false);
    expect(paths.has('/zh-cn/tags/line/')).toBe(false);
  });
});
