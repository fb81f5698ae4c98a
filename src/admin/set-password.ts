import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommentStore } from '../comments/store.ts';
import { MIN_PASSWORD_LENGTH, PASSWORD_SETTING, hashPassword } from './auth.ts';

/**
 * Reads one line from `input` without echoing it when it is a terminal. Never from the command
 * line: arguments show in `ps` and in shell history.
 */
export function readSecretLine(
  prompt: string,
  input: Readable & { isTTY?: boolean },
  output: Writable,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const tty = input.isTTY === true;
    const rl = createInterface({ input, output: tty ? output : undefined, terminal: tty });
    if (tty) {
      output.write(prompt);
      // Echo nothing of what is typed (readline writes typed characters through _writeToOutput).
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    }
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      if (tty) output.write('\n');
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) reject(new Error('No password given (end of input).'));
    });
  });
}

/**
 * `npm run comments -- set-password`: asks for the moderation page's password (twice on a
 * terminal; one line on a pipe) and stores only its scrypt hash. Returns what to print.
 */
export async function setPassword(
  store: CommentStore,
  io: { input: Readable & { isTTY?: boolean }; output: Writable } = { input: process.stdin, output: process.stderr },
): Promise<string> {
  const password = await readSecretLine('New moderation password: ', io.input, io.output);
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new Error(`The password needs at least ${MIN_PASSWORD_LENGTH} characters; nothing was changed.`);
  if (io.input.isTTY) {
    const again = await readSecretLine('Once more: ', io.input, io.output);
    if (again !== password) throw new Error('The two passwords differ; nothing was changed.');
  }
  await store.setSetting(PASSWORD_SETTING, await hashPassword(password));
  return 'The moderation password is set (only its hash is stored). Sign in at /admin/.';
}
