import type { Post } from '../blog/collection.ts';
import { parsePostId } from '../blog/posts.ts';
import { postCodeName, scanUrl } from '../codes/code-table.ts';
import { siteConfig } from '../site.config.ts';

/**
 * What a post's share QR code encodes: its short scan URL (`/q/<translationKey>`, with `-zh-cn`
 * for the Chinese post), which counts the scan and lands on the post tagged with
 * `utm_source=wechat&utm_medium=qr&utm_campaign=<translationKey>` (src/codes/code-table.ts).
 */
export function postShareUrl(post: Post): string {
  return scanUrl(siteConfig.siteUrl, postCodeName(parsePostId(post.id).locale, post.data.translationKey));
}
