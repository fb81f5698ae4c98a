import type { Post } from '../blog/collection.ts';
import { parsePostId } from '../blog/posts.ts';
import { postPath } from '../i18n/urls.ts';
import { siteConfig } from '../site.config.ts';
import { buildShareUrl } from './share.ts';

/** The tagged URL a post's share QR code encodes; the campaign is the post's translation key. */
export function postShareUrl(post: Post): string {
  const { locale, slug } = parsePostId(post.id);
  return buildShareUrl(siteConfig.siteUrl, postPath(locale, slug), post.data.translationKey);
}
