// Imported first by every command (package.json scripts: `node --import ./src/runtime/require-node.mjs …`
// or `node src/runtime/require-node.mjs && …`): stops a too-old Node.js with one line and exit code 1.
import { nodeVersionProblem } from './node-version.mjs';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}
