import { spawnSync } from 'node:child_process';
import { relative, resolve } from 'node:path';

/**
 * The date of the last commit that touched each file below `folder`, from one `git log` call.
 * Undefined when there is no usable history: not a git work tree, git missing, or a shallow
 * clone (where every file would seem to date from the clone's only commit). Keys are absolute
 * paths; a file git does not know (new, not committed) is absent.
 */
export function lastCommitDates(folder: string): Map<string, Date> | undefined {
  // Once per build: every locale's status page asks.
  if (!cache.has(folder)) cache.set(folder, readCommitDates(folder));
  return cache.get(folder);
}

const cache = new Map<string, Map<string, Date> | undefined>();

function readCommitDates(folder: string): Map<string, Date> | undefined {
  const git = (args: string[]) =>
    spawnSync('git', ['-C', folder, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const shallow = git(['rev-parse', '--is-shallow-repository', '--show-toplevel']);
  if (shallow.status !== 0 || shallow.error) return undefined;
  const [isShallow, top] = shallow.stdout.trim().split('\n');
  if (isShallow !== 'false' || !top) return undefined;
  const log = git(['log', '--format=%x00%cI', '--name-only', '--no-renames', '--', '.']);
  if (log.status !== 0 || log.error) return undefined;
  const dates = new Map<string, Date>();
  for (const commit of log.stdout.split('\0').slice(1)) {
    const [date, ...files] = commit.split('\n');
    for (const file of files.filter(Boolean)) {
      const absolute = resolve(top, file);
      // Newest first: the first commit naming a file is its last change.
      if (!dates.has(absolute)) dates.set(absolute, new Date(date ?? ''));
    }
  }
  return dates;
}

/** `file` relative to `root`, with forward slashes (a path in the repository). */
export function repositoryPath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

/**
 * When a post last changed: its file's last commit when the history is known (`dates` from
 * `lastCommitDates`), otherwise its `updatedDate`, or its `pubDate` when it has none.
 */
export function lastChange(
  file: string | undefined,
  data: { pubDate: Date; updatedDate?: Date | undefined },
  dates: ReadonlyMap<string, Date> | undefined,
): { date: Date; from: 'git' | 'frontmatter' } {
  const committed = file ? dates?.get(file) : undefined;
  return committed ? { date: committed, from: 'git' } : { date: data.updatedDate ?? data.pubDate, from: 'frontmatter' };
}
