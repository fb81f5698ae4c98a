/**
 * Starts the production server (src/server/main.ts) as its own process for the tests that need
 * the real thing: a real socket, signals, a process that could die. The ONE place tests say how
 * the server is started; change it here when the start command changes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/**
 * How to run the production server from the repository root, as `npm run serve` does: this Node
 * (24, from the npm package) running the TypeScript natively after the version check, as one
 * process, so a signal reaches it.
 */
export const SERVER_COMMAND = [
  process.execPath,
  '--import',
  './src/runtime/require-node.mjs',
  join('src', 'server', 'main.ts'),
] as const;

/** `SERVER_COMMAND` as one shell command line (Playwright's webServer takes a string). */
export function serverCommandLine(): string {
  return SERVER_COMMAND.map((part) => (/^[\w./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export interface ServerProcess {
  child: ChildProcess;
  /** "http://127.0.0.1:PORT" (no trailing slash). */
  origin: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM (unless it already exited) and waits for the exit. */
  stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the server on an ephemeral port with `env` added to the environment (DIST_DIR,
 * COMMENTS_DB, …) and resolves once it listens. Rejects with its output if it exits or does not
 * listen within `timeoutMs`.
 */
export function startServerProcess(env: Record<string, string>, { timeoutMs = 45_000 } = {}): Promise<ServerProcess> {
  const [command, ...args] = SERVER_COMMAND;
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = / at http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      const port = Number(match[1]);
      resolve({
        child,
        origin: `http://127.0.0.1:${port}`,
        port,
        output: () => output,
        exited,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code ?? signal}) before it listened:\n${output}`));
    });
  });
}

/**
 * `startServerProcess` with a comments database of its own (COMMENTS_DB) in a new temporary
 * folder, which `stop` removes after the process has exited.
 */
export async function startServerWithOwnDatabase(
  env: Record<string, string>,
  options?: { timeoutMs?: number },
): Promise<ServerProcess & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'syengage-server-'));
  try {
    const server = await startServerProcess({ COMMENTS_DB: join(dir, 'comments.db'), ...env }, options);
    return {
      ...server,
      dir,
      stop: async () => {
        const exit = await server.stop();
        rmSync(dir, { recursive: true, force: true });
        return exit;
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
