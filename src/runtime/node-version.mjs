// Plain JavaScript on purpose: this runs before any TypeScript file or `node:sqlite` is loaded, on
// whatever Node.js the operator has, so that an old one gets one clear line instead of a stack trace.

/**
 * The oldest Node.js major the site runs on: the server is TypeScript that Node runs natively (type
 * stripping), the comments live in the built-in `node:sqlite`, and Astro 7 builds the site. The npm
 * package `node` (a runtime dependency, pinned in package.json) brings this Node with `npm ci`.
 */
export const MINIMUM_NODE_MAJOR = 24;

/**
 * The one-line message for a Node.js too old to run the site, or undefined when `version` will do.
 * @param {string} version a Node.js version such as `process.versions.node` ("20.20.2") or "v20.20.2"
 * @param {number} [minimumMajor]
 * @returns {string | undefined}
 */
export function nodeVersionProblem(version, minimumMajor = MINIMUM_NODE_MAJOR) {
  const major = /^v?(\d+)\.\d+\.\d+/.exec(version)?.[1];
  if (major !== undefined && Number(major) >= minimumMajor) return undefined;
  return (
    `syENGAGE needs Node.js ${minimumMajor} or newer, but this is Node.js ${version}. ` +
    `Run it through npm after "npm ci" (npm start, npm run …): npm then uses the Node.js ${minimumMajor} of the npm package "node" ` +
    `(its install script must run: no --ignore-scripts). Or install Node.js ${minimumMajor} from https://nodejs.org/.`
  );
}
