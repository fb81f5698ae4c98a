import AddUs from './AddUs.astro';

/** Components available in every post without an import. Each is documented in docs/editing.md. */
export const mdxComponents = { AddUs };
