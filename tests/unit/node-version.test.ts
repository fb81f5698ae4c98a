import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE_MAJOR, nodeVersionProblem } from '../../src/runtime/node-version.mjs';

const projectRoot = resolve(import.meta.dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('nodeVersionProblem', () => {
  it('accepts the minimum major and anything newer, with or without the leading v', () => {
    for (const version of [
      `${MINIMUM_NODE_MAJOR}.0.0`,
      `v${MINIMUM_NODE_MAJOR}.21.0`,
      `${MINIMUM_NODE_MAJOR + 1}.0.0`,
      '100.1.2',
    ]) {
      expect(nodeVersionProblem(version), version).toBeUndefined();
    }
  });

  it('refuses older Nodes with one line naming the version needed, the version found and how to get it', () => {
    for (const version of ['20.20.2', 'v22.18.0', `${MINIMUM_NODE_MAJOR - 1}.99.99`, '8.0.0']) {
      const message = nodeVersionProblem(version);
      expect(message, version).toBeDefined();
      expect(message).not.toContain('\n');
      expect(message).toContain(`needs Node.js ${MINIMUM_NODE_MAJOR} or newer`);
      expect(message).toContain(`this is Node.js ${version}`);
      expect(message).toContain('npm ci');
      expect(message).toContain('https://nodejs.org/');
    }
  });

  it('refuses a version it cannot read rather than guessing', () => {
    expect(nodeVersionProblem('')).toBeDefined();
    expect(nodeVersionProblem('twenty-four')).toBeDefined();
  });

  it('takes the minimum it is given', () => {
    expect(nodeVersionProblem('24.21.0', 25)).toContain('needs Node.js 25 or newer');
    expect(nodeVersionProblem('25.0.0', 25)).toBeUndefined();
  });

  it('is satisfied by the Node that a production install brings (the npm package "node", a runtime dependency)', () => {
    const pinned = packageJson.dependencies['node'];
    expect(pinned, 'package.json dependencies.node').toMatch(/^\d+\.\d+\.\d+$/);
    expect(nodeVersionProblem(pinned ?? '')).toBeUndefined();
    expect(packageJson.devDependencies['node']).toBeUndefined();
  });
});

describe('every command checks the Node version first', () => {
  const check = 'src/runtime/require-node.mjs';
  /** Whether a plain-JavaScript entry imports the check before anything else. */
  const importsCheckFirst = (file: string) =>
    /^import ['"][./]*src\/runtime\/require-node\.mjs['"];/m.test(
      readFileSync(join(projectRoot, file), 'utf8')
        .replace(/^\/\/.*\n/gm, '')
        .trimStart()
        .split('\n')[0] ?? '',
    );

  it.each(Object.entries(packageJson.scripts))('npm run %s', (_name, script) => {
    const first = script.split('&&')[0]?.trim() ?? '';
    const checked =
      first.startsWith('npm run ') || // runs other scripts, each checked here
      first === `node ${check}` ||
      first.startsWith(`node --import ./${check} `) ||
      (/^node scripts\/[\w-]+\.mjs\b/.test(first) && importsCheckFirst(first.split(/\s+/)[1] ?? ''));
    expect(checked, `"${script}" must start with "node ${check} && …" or "node --import ./${check} …"`).toBe(true);
  });

  it('the server imports the check before anything else', () => {
    const main = readFileSync(join(projectRoot, 'src/server/main.ts'), 'utf8');
    expect(main.indexOf("import '../runtime/require-node.mjs';")).toBeGreaterThan(-1);
    expect(main.indexOf("import '../runtime/require-node.mjs';")).toBeLessThan(main.search(/^import .* from /m));
  });
});

/** The machine's own Node: the first `node` on PATH outside node_modules/.bin (what runs when the npm package "node" is absent). */
function machineNode(): string {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    try {
      accessSync(join(dir, 'node'), constants.X_OK);
      return join(dir, 'node');
    } catch {
      // not here
    }
  }
  throw new Error('no Node.js on PATH outside node_modules: the machine needs one to run npm');
}

describe("the machine's own Node running the commands", () => {
  const node = machineNode();
  const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  const expected = nodeVersionProblem(version);
  const run = (args: string[]) =>
    spawnSync(node, args, {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, COMMENTS_DB: ':memory:' },
    });

  // On these machines /usr/bin/node is 20: both commands must stop with the one line before any TypeScript or node:sqlite loads.
  it.each([
    [
      'the moderation CLI (TypeScript)',
      ['--import', `./src/runtime/require-node.mjs`, 'scripts/comments.ts', '--no-such-option'],
    ],
    ['npm start’s build step (JavaScript)', ['scripts/build-if-stale.mjs', '--no-such-option']],
  ])('%s', (_name, args) => {
    if (expected) {
      const result = run(args);
      expect(result.stderr.trim()).toBe(expected);
      expect(result.stdout).toBe('');
      expect(result.status).toBe(1);
    } else {
      // A new enough machine Node: the check lets it through silently (the commands themselves are tested elsewhere).
      const result = run(['src/runtime/require-node.mjs']);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
  });
});
