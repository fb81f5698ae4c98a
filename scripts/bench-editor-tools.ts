/**
 * `npm run bench:editor-tools [-- POSTS]`: how the translation status and the WordPress import scale,
 * at POSTS posts per language (default 1000). Figures go to docs/performance.md.
 *
 * 1. translation status as `npm run translations` does it: read every post file, hash, table;
 * 2. what the build adds for the reader's notice: `newerOriginal` for every post;
 * 3. `npm run import:wordpress` of a generated export with POSTS Polylang pairs and 5 comments per
 *    post, end to end into an empty content folder and a new SQLite file (no images).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readPostFiles } from '../src/blog/post-files.ts';
import { newerOriginal, translatedFromValue, translationTable } from '../src/blog/translation-status.ts';

const posts = Number(process.argv[2] ?? 1000);
const paragraph = 'WeChat and LINE let a brand talk to one customer at a time, which is what email once promised. ';
const body = (i: number) => Array.from({ length: 12 }, (_, p) => `${paragraph.repeat(3)}(${i}.${p})`).join('\n\n');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-editor-tools-'));
try {
  // A content folder: POSTS pairs, every tenth translation outdated.
  for (const locale of ['en', 'zh-cn']) mkdirSync(join(dir, 'content', 'posts', locale), { recursive: true });
  for (let i = 0; i < posts; i++) {
    const front = (title: string, extra = '') =>
      `---\ntitle: "${title}"\ndescription: "Post ${i}."\npubDate: 2026-01-01\ntags: []\ntranslationKey: "post-${i}"\n${extra}---\n\n`;
    const en = { id: `en/post-${i}`, data: { title: `Post ${i}`, description: `Post ${i}.` }, body: `\n${body(i)}\n` };
    const hash = translatedFromValue({
      ...en,
      data: { ...en.data, pubDate: new Date(), tags: [], author: 'x', draft: false, translationKey: `post-${i}` },
      body: i % 10 === 0 ? 'older text' : en.body,
    });
    writeFileSync(join(dir, 'content', 'posts', 'en', `post-${i}.mdx`), `${front(`Post ${i}`)}${body(i)}\n`);
    writeFileSync(
      join(dir, 'content', 'posts', 'zh-cn', `post-${i}.mdx`),
      `${front(`文章 ${i}`, `translatedFrom: "${hash}"\n`)}${body(i)}\n`,
    );
  }
  const cli: number[] = [];
  const build: number[] = [];
  let outdated = 0;
  for (let run = 0; run < 5; run++) {
    let start = performance.now();
    const { posts: files } = readPostFiles(join(dir, 'content'));
    const rows = translationTable(files);
    cli.push(performance.now() - start);
    outdated = rows.filter((row) => row.cells['zh-cn'].state === 'outdated').length;
    start = performance.now();
    for (const post of files) newerOriginal(files, post);
    build.push(performance.now() - start);
  }
  console.log(
    `translation status, ${posts} posts per language (${outdated} outdated): read + hash + table ${median(cli).toFixed(0)} ms; newerOriginal for every post ${median(build).toFixed(0)} ms (median of 5)`,
  );

  // A WordPress export of the same size.
  const cdata = (text: string) => `<![CDATA[${text}]]>`;
  const items: string[] = [];
  let commentId = 1;
  for (let i = 0; i < posts; i++) {
    for (const [lang, id] of [
      ['en', i * 2 + 1],
      ['zh', i * 2 + 2],
    ] as const) {
      const comments = Array.from({ length: 5 }, (_, c) => {
        const cid = commentId++;
        return `<wp:comment><wp:comment_id>${cid}</wp:comment_id><wp:comment_author>${cdata(`Reader ${c}`)}</wp:comment_author><wp:comment_author_email>r${c}@example.com</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP>203.0.113.${c}</wp:comment_author_IP><wp:comment_date_gmt>2012-07-0${c + 2} 10:00:00</wp:comment_date_gmt><wp:comment_content>${cdata(`Comment ${c} on post ${i}.\n\nSecond line.`)}</wp:comment_content><wp:comment_approved>${c === 4 ? '0' : '1'}</wp:comment_approved><wp:comment_type></wp:comment_type><wp:comment_parent>${c === 3 ? cid - 1 : 0}</wp:comment_parent></wp:comment>`;
      }).join('');
      const html = body(i)
        .split('\n\n')
        .map((p, n) => (n % 4 === 0 ? `<h2>Heading ${n}</h2>\n\n${p}` : p))
        .join('\n\n');
      items.push(
        `<item><title>${lang === 'en' ? `Post ${i}` : `文章 ${i}`}</title><link>http://old.example/?p=${id}</link><dc:creator>${cdata('sy')}</dc:creator><content:encoded>${cdata(html)}</content:encoded><excerpt:encoded>${cdata(`Post ${i}.`)}</excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2012-07-01 10:00:00</wp:post_date_gmt><wp:post_name>${lang === 'en' ? `post-${i}` : `post-${i}-zh`}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="language" nicename="${lang}">${cdata(lang)}</category><category domain="post_translations" nicename="pll_${i}">${cdata(`pll_${i}`)}</category>${comments}</item>`,
      );
    }
  }
  const wxr = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Bench</title><link>http://old.example</link><language>en-US</language><wp:wxr_version>1.2</wp:wxr_version>${items.join('')}</channel></rss>`;
  const site = join(dir, 'site');
  mkdirSync(join(site, 'content', 'posts'), { recursive: true });
  writeFileSync(join(site, 'export.xml'), wxr);
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      join(import.meta.dirname, '..', 'src', 'runtime', 'require-node.mjs'),
      join(import.meta.dirname, 'import-wordpress.ts'),
      'export.xml',
    ],
    {
      cwd: site,
      encoding: 'utf8',
      env: { ...process.env, COMMENTS_DB: join(site, 'comments.db') },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`the import failed:\n${result.stdout}\n${result.stderr}`);
  const done = /Done: .*/.exec(result.stdout)?.[0] ?? '';
  console.log(
    `import:wordpress of ${posts} Polylang pairs (${(wxr.length / 1024 / 1024).toFixed(1)} MB, ${posts * 10} comments): ${seconds.toFixed(1)} s end to end, including Node start-up (${done})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
