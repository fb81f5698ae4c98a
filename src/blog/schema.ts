import { z } from 'astro/zod';
import { localeKeys } from '../i18n/locales.ts';

/** Frontmatter of a post. Kept apart from `content.config.ts` so unit tests can parse against it. */
export const postSchema = z
  .object({
    // Search results cut titles at about 70 characters; html-validate's long-title rule holds pages to it too.
    title: z.string().trim().min(1, 'title must not be empty').max(70, 'title must be at most 70 characters'),
    /** One sentence for lists, search results and social cards. */
    description: z.string().trim().min(1).max(200),
    pubDate: z.coerce.date(),
    updatedDate: z.coerce.date().optional(),
    /** Lower-case slugs, identical in every language, so tag pages pair up across locales. */
    tags: z
      .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'tags are lower-case slugs like "mobile-marketing"'))
      .default([]),
    author: z.string().trim().min(1).default('syENGAGE'),
    /** Drafts render in `npm run dev` only. */
    draft: z.boolean().default(false),
    /** Shared by a post and its translations; the translation lives at the same path under the other locale. */
    translationKey: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'translationKey is a lower-case slug like "my-first-post"'),
    /** On a translation: "<source locale>:<content hash of the source it was made from>" (src/blog/translation-status.ts; written by `npm run translations -- mark`). */
    translatedFrom: z
      .string()
      .regex(
        new RegExp(`^(?:${localeKeys.join('|')}):[0-9a-f]{12}$`),
        `translatedFrom is "<locale>:<12 hex digits>", e.g. "en:0123456789ab", written by npm run translations -- mark`,
      )
      .optional(),
  })
  .strict()
  .refine((post) => !post.updatedDate || post.updatedDate >= post.pubDate, {
    message: 'updatedDate must not be before pubDate',
    path: ['updatedDate'],
  });

export type PostData = z.infer<typeof postSchema>;
