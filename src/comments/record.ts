/**
 * THE definition of a comment record: the zod schema the TypeScript type is inferred from and the
 * export file is checked against, and the SQL columns both stores read and write (`commentFromRow`,
 * `commentRow`). The tables themselves are made by the numbered migrations (migrations.ts);
 * the contract test holds each store's table to `COMMENT_COLUMNS`.
 */
import { z } from 'zod';
import { localeKeys, type Locale } from '../i18n/locales.ts';

/** Where a comment stands in moderation. Only `approved` comments are ever shown to readers. */
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** A stored comment, as moderators see it and as `npm run comments -- export` writes it. Readers get `PublicComment` (no email, no IP hash). */
export const commentRecordSchema = z.object({
  id: z.number().int().positive(),
  /** The post's translationKey: English and Chinese readers share one thread. */
  thread: z.string().min(1),
  /** The top-level comment this one answers; replies are one level deep. */
  parentId: z.number().int().positive().nullable(),
  /** The language the comment was written in (the page it was sent from). */
  locale: z.enum(localeKeys as [Locale, ...Locale[]]),
  authorName: z.string(),
  /** Kept for moderation and trust; never published. */
  authorEmail: z.string(),
  authorUrl: z.string().nullable(),
  body: z.string(),
  status: z.enum(COMMENT_STATUSES),
  /** Milliseconds since the epoch. */
  createdAt: z.number().int(),
  /** Keyed hash of the sender's IP address (see `hashIp`); the address itself is never stored. */
  ipHash: z.string(),
  /** Hash of `duplicateKey(...)`, for duplicate detection. */
  fingerprint: z.string(),
});

export type CommentRecord = z.infer<typeof commentRecordSchema>;
export type NewComment = Omit<CommentRecord, 'id'>;

/** Each field's column in the `comments` table (SQLite and PostgreSQL alike). */
export const COMMENT_COLUMNS = {
  id: 'id',
  thread: 'thread',
  parentId: 'parent_id',
  locale: 'locale',
  authorName: 'author_name',
  authorEmail: 'author_email',
  authorUrl: 'author_url',
  body: 'body',
  status: 'status',
  createdAt: 'created_at',
  ipHash: 'ip_hash',
  fingerprint: 'fingerprint',
} as const satisfies Record<keyof CommentRecord, string>;

type Field = keyof CommentRecord;
type Row = Record<string, unknown>;

const FIELDS = Object.keys(COMMENT_COLUMNS) as Field[];
const NEW_FIELDS = FIELDS.filter((field) => field !== 'id') as Exclude<Field, 'id'>[];

/** A comment as a row of the `comments` table (column → value): every column for an import (ids kept), all but `id` for a new comment. */
export function commentRow(
  comment: NewComment | CommentRecord,
  withId: boolean,
): Record<string, string | number | null> {
  return Object.fromEntries(
    (withId ? FIELDS : NEW_FIELDS).map((field) => [COMMENT_COLUMNS[field], (comment as CommentRecord)[field]]),
  );
}

/** The columns `commentRow(…, withId)` has, in its order. */
export function commentColumns(withId: boolean): string[] {
  return (withId ? FIELDS : NEW_FIELDS).map((field) => COMMENT_COLUMNS[field]);
}

/**
 * A row of the `comments` table as a record. Both drivers hand back numbers as they like (SQLite
 * integers, PostgreSQL BIGINT as text), so every value is converted; the statuses and locales
 * the table holds are the ones the CHECK constraint and the API allow.
 */
export function commentFromRow(row: Row): CommentRecord {
  const text = (field: Field) => String(row[COMMENT_COLUMNS[field]]);
  const number = (field: Field) => Number(row[COMMENT_COLUMNS[field]]);
  const nullable = <T>(field: Field, convert: (field: Field) => T) =>
    row[COMMENT_COLUMNS[field]] === null ? null : convert(field);
  return {
    id: number('id'),
    thread: text('thread'),
    parentId: nullable('parentId', number),
    locale: text('locale') as Locale,
    authorName: text('authorName'),
    authorEmail: text('authorEmail'),
    authorUrl: nullable('authorUrl', text),
    body: text('body'),
    status: text('status') as CommentStatus,
    createdAt: number('createdAt'),
    ipHash: text('ipHash'),
    fingerprint: text('fingerprint'),
  };
}

/** The file `npm run comments -- export` writes and `import` reads. */
export const commentsExportSchema = z.object({
  version: z.literal(1).optional(),
  comments: z.array(commentRecordSchema),
});

/** The export of `comments`, in the shape `commentsExportSchema` reads back. */
export function commentsExport(comments: readonly CommentRecord[]): { version: 1; comments: readonly CommentRecord[] } {
  return { version: 1, comments };
}
