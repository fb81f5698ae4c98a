import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePostId } from './posts.ts';
import { postSchema, type PostData } from './schema.ts';

/** A post file read from disk the way the build reads it: frontmatter through the schema, and the body. */
export interface PostFile {
  /** `<locale>/<slug>`, as the collection's entry id. */
  id: string;
  /** Absolute path of the file. */
  file: string;
  data: PostData;
  body: string;
  /** The whole file. */
  source: string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** Frontmatter and body of one MDX file; throws with the reason when the frontmatter is missing or invalid. */
export function parsePostSource(source: string): { data: PostData; body: string } {
  const match = FRONTMATTER.exec(source);
  if (!match) throw new Error('no frontmatter: the file must start with a --- block');
  const parsed = postSchema.safeParse(parseYaml(match[1] ?? '') ?? {});
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'frontmatter'}: ${issue.message}`).join('; '),
    );
  return { data: parsed.data, body: source.slice(match[0].length) };
}

/**
 * Every post under `<contentDir>/posts/<locale>/`, and the files that could not be read (with the
 * reason; `npm run check:content` explains them in full).
 */
export function readPostFiles(contentDir: string): { posts: PostFile[]; problems: string[] } {
  const postsDir = join(contentDir, 'posts');
  const posts: PostFile[] = [];
  const problems: string[] = [];
  if (!existsSync(postsDir)) return { posts, problems: [`no posts folder at ${postsDir}`] };
  const names = readdirSync(postsDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /^[^/\\]+[/\\][^/\\]+\.mdx?$/.test(name))
    .sort();
  for (const name of names) {
    const id = name.replace(/\\/g, '/').replace(/\.mdx?$/, '');
    const file = join(postsDir, name);
    try {
      parsePostId(id);
      const source = readFileSync(file, 'utf8');
      posts.push({ id, file, source, ...parsePostSource(source) });
    } catch (error) {
      problems.push(`content/posts/${name.replace(/\\/g, '/')}: ${(error as Error).message}`);
    }
  }
  return { posts, problems };
}
