/**
 * The one typed, validated place for the site's brand and public URL.
 * Operators change these values; the build fails with a clear message when one is malformed.
 */
import { z } from 'zod';
import { followConfigSchema } from './follow/channels.ts';

const siteConfigSchema = z.object({
  /** Brand name shown in the header, footer, titles and feeds. */
  brand: z.string().min(1),
  /** Public origin the site is served from: canonical URLs, sitemap, RSS and share codes use it. */
  siteUrl: z.url({ protocol: /^https?$/ }).refine((url) => !url.endsWith('/'), 'must not end with "/"'),
  /** Default author for posts that name none. */
  defaultAuthor: z.string().min(1),
  /** A content file on the git host, for editors' links (`/translations/`): "{path}" becomes the file's path in the repository. */
  gitFileUrl: z
    .url({ protocol: /^https?$/ })
    .refine((url) => url.includes('{path}'), 'must contain "{path}", e.g. https://github.com/org/site/blob/main/{path}')
    .optional(),
  /** The WeChat and LINE accounts readers follow (follow page, <AddUs>, QR codes). */
  follow: followConfigSchema,
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;

/** Parse a config object, failing with every bad field named. */
export function parseSiteConfig(input: unknown): SiteConfig {
  const result = siteConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`src/site.config.ts is invalid:\n${problems.join('\n')}`);
  }
  return result.data;
}

export const siteConfig = parseSiteConfig({
  brand: 'syENGAGE',
  // SITE_URL lets a staging deploy build with its own origin.
  siteUrl: process.env['SITE_URL'] ?? 'https://www.syengage.com',
  defaultAuthor: 'syENGAGE',
  // e.g. 'https://github.com/syengage/site/blob/main/{path}'; GIT_FILE_URL sets it for one build. Unset: no links.
  gitFileUrl: process.env['GIT_FILE_URL'] || undefined,
  follow: {
    // DEMO values: the first thing an operator changes (README, "Your accounts"). While `demo` is
    // true, every follow card says the accounts are examples.
    demo: true,
    wechat: {
      id: 'syengage-demo',
      // What the official QR code from the WeChat admin encodes (decode it as the README says).
      qrUrl: 'http://weixin.qq.com/r/demo-syengage-not-a-real-code',
      displayName: 'syENGAGE',
    },
    line: {
      // An ID ("@syengage") or a lin.ee link ("https://lin.ee/AbC123").
      account: '@syengage',
      displayName: 'syENGAGE',
    },
  },
});

export const siteUrl = siteConfig.siteUrl;
