import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, projectRoot } from './site-copy.ts';

/** Run one of the project's TypeScript scripts with tsx, as `npm run` would, in `cwd`. */
function runScript(cwd: string, script: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', join(projectRoot, 'src', 'runtime', 'require-node.mjs'), script, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const SLUG = 'line-for-brands';
const GIT_FILE_URL = 'https://git.example.com/syengage/site/blob/main/{path}';

describe('translation status on a site copy: edit the original, the translation is outdated; mark it, it is not', () => {
  let copy: ReturnType<typeof copyProject>;
  const read = (file: string) => readFileSync(join(copy.dir, 'dist', file), 'utf8');
  // As runAstro in site-copy.ts, with GIT_FILE_URL set for the build.
  const build = () => {
    const { status, stdout, stderr } = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
      cwd: copy.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1', GIT_FILE_URL },
      timeout: 180_000,
    });
    expect(status, `${stdout}\n${stderr}`).toBe(0);
  };
  /** The row of the status page for the post, per locale: data-state of each cell. */
  const pageStates = (file: string) => {
    const row = new RegExp(`<tr data-post="${SLUG}"[^>]*>([\\s\\S]*?)</tr>`).exec(read(file))?.[1] ?? '';
    return Object.fromEntries([...row.matchAll(/data-locale="([^"]+)" data-state="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  };

  beforeAll(() => {
    copy = copyProject();
  });
  afterAll(() => copy?.cleanup());

  it('reports every post up to date to begin with (--strict passes)', () => {
    const status = runScript(copy.dir, 'scripts/translations.ts', ['--strict']);
    expect(status.status, status.output).toBe(0);
    expect(status.output).toMatch(new RegExp(`${SLUG}\\s+original\\s+up to date \\(from en\\)`));
  });

  it('after an edit of the English original: outdated in the CLI, on the editors’ page and in a notice on the Chinese post', () => {
    const file = join(copy.dir, 'content', 'posts', 'en', `${SLUG}.mdx`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA paragraph added to the English original after the translation.\n`);

    const status = runScript(copy.dir, 'scripts/translations.ts', ['--strict']);
    expect(status.status, status.output).toBe(1);
    expect(status.output).toMatch(new RegExp(`${SLUG}\\s+original\\s+OUTDATED \\(from en\\)`));

    build();
    const zh = read(`zh-cn/blog/${SLUG}/index.html`);
    const notice = /<aside class="translation-notice[^>]*>([\s\S]*?)<\/aside>/.exec(zh)?.[1] ?? '';
    expect(notice).toContain('英文原文');
    expect(notice).toContain(`href="/blog/${SLUG}/"`);
    // Only the outdated translation says so; the original and other posts do not.
    expect(read(`blog/${SLUG}/index.html`)).not.toMatch(/<aside class="translation-notice/);
    expect(read('zh-cn/blog/designing-a-follow-flow/index.html')).not.toMatch(/<aside class="translation-notice/);

    expect(pageStates('translations/index.html')).toEqual({ en: 'original', 'zh-cn': 'outdated' });
    expect(pageStates('zh-cn/translations/index.html')).toEqual({ en: 'original', 'zh-cn': 'outdated' });
    const page = read('translations/index.html');
    expect(page).toContain(`href="https://git.example.com/syengage/site/blob/main/content/posts/zh-cn/${SLUG}.mdx"`);
    // No git history in the copy: dates come from the frontmatter, and the page says so.
    expect(page).toContain('<time datetime="2026-11-20"');
    expect(page).toContain('updatedDate, or its pubDate');
    // For editors only: noindex, not in the sitemap, not in search, not linked from the site.
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).not.toContain('data-pagefind-body');
    expect(read('sitemap-0.xml')).not.toContain('/translations/');
    expect(read('index.html')).not.toContain('/translations/');
  });

  it('after mark: up to date again, and the notice is gone', () => {
    const mark = runScript(copy.dir, 'scripts/translations.ts', ['mark', SLUG]);
    expect(mark.status, mark.output).toBe(0);
    expect(mark.output).toContain(`marked    content/posts/zh-cn/${SLUG}.mdx`);
    expect(runScript(copy.dir, 'scripts/translations.ts', ['--strict']).status).toBe(0);

    build();
    expect(read(`zh-cn/blog/${SLUG}/index.html`)).not.toMatch(/<aside class="translation-notice/);
    expect(pageStates('translations/index.html')).toEqual({ en: 'original', 'zh-cn': 'up-to-date' });
  });
});
