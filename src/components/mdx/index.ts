import AddUs from './AddUs.astro';
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import Quote from './Quote.astro';

/** Components available in every post without an import. Each is documented in docs/editing.md. */
export const mdxComponents = { AddUs, Callout, Figure, Quote };
