import type { Locale } from '../i18n/locales.ts';
import { renderCommentBody, type BodyParagraph } from './body.ts';
import { isBySite } from './site-author.ts';
import type { CommentRecord } from './store.ts';

/** A comment as readers get it: no email, no IP hash, no status; the body as safe structured data. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  name: string;
  /** http(s) only, or null; pages link it with rel="nofollow ugc". */
  url: string | null;
  /** The language the comment was written in. */
  locale: Locale;
  /** ISO 8601. */
  createdAt: string;
  /** The text as typed, for clients that show it plainly. */
  text: string;
  paragraphs: BodyParagraph[];
  /** Written by the site itself (a moderator's "Reply as …" on /admin/); absent on readers' comments. */
  bySite?: true;
  replies?: PublicComment[];
}

/** Strips everything a reader must not see from a stored comment. */
export function toPublicComment(record: CommentRecord & { replies?: CommentRecord[] }): PublicComment {
  const comment: PublicComment = {
    id: record.id,
    parentId: record.parentId,
    name: record.authorName,
    url: record.authorUrl,
    locale: record.locale,
    createdAt: new Date(record.createdAt).toISOString(),
    text: record.body,
    paragraphs: renderCommentBody(record.body),
  };
  if (isBySite(record)) comment.bySite = true;
  if (record.replies) comment.replies = record.replies.map((reply) => toPublicComment(reply));
  return comment;
}
