import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { postSchema } from './blog/schema.ts';
import { tagLabelSchema } from './blog/tag-labels.ts';

/** Posts live in `content/posts/<locale>/<slug>.mdx`; the entry id is `<locale>/<slug>`. */
const posts = defineCollection({
  loader: glob({ pattern: '*/*.{md,mdx}', base: './content/posts' }),
  schema: postSchema,
});

/** Reader-facing tag names per language, keyed by the slug posts use: `content/tags.yml`. */
const tags = defineCollection({
  loader: file('./content/tags.yml'),
  schema: tagLabelSchema,
});

export const collections = { posts, tags };
