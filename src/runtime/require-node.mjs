// Imported first by every command (package.json scripts: `node --import ./src/runtime/require-node.mjs …`
// or `node src/runtime/require-node.mjs && …`): stops a too-old Node.js with one line and exit code 1.
// Only the default export: a named import of something an old Node lacks would fail before the check runs.
import nodeModule from 'node:module';
import { nodeVersionProblem } from './node-version.mjs';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}

// Node's compile cache (in the OS temp folder, or NODE_COMPILE_CACHE) keeps the type-stripped source and V8's
// code: a warm start of the server skips loading the type stripper and recompiling (docs/performance.md,
// "Running TypeScript without a loader"). It affects modules loaded after this one: preload it with --import.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off; a folder it cannot write just leaves it off.
nodeModule.enableCompileCache();
