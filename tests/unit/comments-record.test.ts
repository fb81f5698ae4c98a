import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/comments/migrations.ts';
import {
  COMMENT_COLUMNS,
  commentColumns,
  commentFromRow,
  commentRow,
  commentsExportSchema,
  type CommentRecord,
} from '../../src/comments/record.ts';
import { immediateTransaction } from '../../src/comments/sqlite-transaction.ts';

const record: CommentRecord = {
  id: 7,
  thread: 'line-for-brands',
  parentId: 3,
  locale: 'zh-cn',
  authorName: '张伟',
  authorEmail: 'zw@example.com',
  authorUrl: null,
  body: '你好',
  status: 'approved',
  createdAt: 1_780_000_000_000,
  ipHash: 'ip',
  fingerprint: 'fp',
};

describe('the comment record', () => {
  it('goes to a row and back unchanged, whichever way a driver hands back numbers', () => {
    const row = commentRow(record, true);
    expect(Object.keys(row)).toEqual(commentColumns(true));
    expect(commentFromRow(row)).toEqual(record);
    // PostgreSQL hands BIGINT columns back as text.
    expect(commentFromRow({ ...row, id: '7', parent_id: '3', created_at: '1780000000000' })).toEqual(record);
    expect(commentColumns(false)).toEqual(Object.values(COMMENT_COLUMNS).filter((column) => column !== 'id'));
    expect(commentRow(record, false)).not.toHaveProperty('id');
  });

  it('is what an export file holds: a record of another shape is refused with the field named', () => {
    expect(commentsExportSchema.parse({ version: 1, comments: [record] }).comments).toEqual([record]);
    const wrong = commentsExportSchema.safeParse({ comments: [{ ...record, status: 'deleted', locale: 'fr' }] });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'comments.0.locale',
      'comments.0.status',
    ]);
    expect(commentsExportSchema.safeParse({ version: 2, comments: [] }).success).toBe(false);
  });
});

describe('migration 1', () => {
  it('has shipped: the SQL it runs is exactly what shipped, in both dialects', () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const [first] = MIGRATIONS;
    expect(sha(first?.sqlite ?? '')).toBe('9d90a5431f565711f6738919d02c3c90015ecbf1c92171cc0b1769c08b3af0b8');
    expect(sha(first?.postgres ?? '')).toBe('95f17dbf4b1a8548ab4a7cbb58216d629f545731f5ba280e57a5791edc0c85f4');
  });
});

describe('immediateTransaction', () => {
  const open = () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (n INTEGER)');
    return db;
  };
  const count = (db: DatabaseSync) => Number((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n);

  it('commits what the work wrote and returns its result', () => {
    const db = open();
    expect(immediateTransaction(db, () => db.prepare('INSERT INTO t VALUES (1)').run().changes)).toBe(1);
    expect(db.isTransaction).toBe(false);
    expect(count(db)).toBe(1);
  });

  it('rolls back when the result is not to be kept, and still returns it', () => {
    const db = open();
    const result = immediateTransaction(
      db,
      () => {
        db.exec('INSERT INTO t VALUES (1)');
        return { ok: false };
      },
      (outcome) => outcome.ok,
    );
    expect(result).toEqual({ ok: false });
    expect(db.isTransaction).toBe(false);
    expect(count(db)).toBe(0);
  });

  it('rolls back and rethrows when the work throws', () => {
    const db = open();
    expect(() =>
      immediateTransaction(db, () => {
        db.exec('INSERT INTO t VALUES (1)');
        throw new Error('half-way');
      }),
    ).toThrow('half-way');
    expect(db.isTransaction).toBe(false);
    expect(count(db)).toBe(0);
  });
});
