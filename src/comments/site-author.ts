import { randomBytes } from 'node:crypto';
import { siteConfig } from '../site.config.ts';
import type { CommentRecord, NewComment } from './store.ts';

/**
 * The email recorded on replies the site itself publishes (the moderation page's "Reply as …").
 * It is not an address a commenter can give (the form requires a valid email), so a reader
 * cannot pass as the site by typing its name.
 */
export const SITE_AUTHOR_EMAIL = '(site)';

/** Whether the site itself wrote this comment. */
export function isBySite(comment: Pick<CommentRecord, 'authorEmail'>): boolean {
  return comment.authorEmail === SITE_AUTHOR_EMAIL;
}

/** A reply by the site to `parent` (approved at once, in the parent's language, under its top-level comment). */
export function siteReply(parent: CommentRecord, body: string, createdAt: number): NewComment {
  return {
    thread: parent.thread,
    parentId: parent.parentId ?? parent.id,
    locale: parent.locale,
    authorName: siteConfig.brand,
    authorEmail: SITE_AUTHOR_EMAIL,
    authorUrl: null,
    body,
    status: 'approved',
    createdAt,
    ipHash: 'site',
    // Never a duplicate of anything: the site may well say the same thing twice.
    fingerprint: `site:${randomBytes(12).toString('base64url')}`,
  };
}
