import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { postSchema } from './blog/schema.ts';

/** Posts live in `content/posts/<locale>/<slug>.mdx`; the entry id is `<locale>/<slug>`. */
const posts = defineCollection({
  loader: glob({ pattern: '*/*.{md,mdx}', base: './content/posts' }),
  schema: postSchema,
});

export const collections = { posts };
