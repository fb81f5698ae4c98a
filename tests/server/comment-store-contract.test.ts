/**
 * One contract for every CommentStore: the same tests run against a SQLite file and against a
 * real PostgreSQL server (tests/server/postgres-setup.ts), each with TWO store instances on the
 * same data (two connections to one file; two connection pools on one database, as two API
 * instances have), so every guarantee is checked across instances, not only inside one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/comments/migrations.ts';
import { PostgresCommentStore, type CheckedInsertMode } from '../../src/comments/postgres-store.ts';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.ts';
import { COMMENT_COLUMNS, commentsExport, commentsExportSchema } from '../../src/comments/record.ts';
import type { CommentRecord, CommentStore, NewComment } from '../../src/comments/store.ts';
import { freshDatabase } from '../fixtures/postgres-test.ts';

/** Where one test's data lives: open as many instances on it as the test needs. */
interface Place {
  open(): Promise<CommentStore>;
  /** Marks the data as written by a newer version of the code. */
  setSchemaVersion(version: number): Promise<void>;
  schemaVersion(store: CommentStore): Promise<number>;
  /** The columns of the comments table the migrations made, in table order. */
  commentColumns(): Promise<string[]>;
  remove(): Promise<void>;
}

interface Backend {
  name: string;
  place(): Promise<Place>;
  /** Only the insertChecked part of the contract (an alternative mode of a store the whole contract covers). */
  insertCheckedOnly?: boolean;
}

const sqlite: Backend = {
  name: 'SQLite file',
  async place() {
    const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
    const path = join(dir, 'comments.db');
    return {
      open: async () => new SqliteCommentStore(path),
      async setSchemaVersion(version) {
        const db = new DatabaseSync(path);
        db.exec(`PRAGMA user_version = ${version}`);
        db.close();
      },
      schemaVersion: async (store) => (store as SqliteCommentStore).schemaVersion(),
      async commentColumns() {
        const db = new DatabaseSync(path, { readOnly: true });
        const columns = (db.prepare('PRAGMA table_info(comments)').all() as { name: string }[]).map((c) => c.name);
        db.close();
        return columns;
      },
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const postgresBackend = (mode: CheckedInsertMode): Backend => ({
  name: `PostgreSQL (${mode})`,
  insertCheckedOnly: mode !== 'advisory-lock',
  async place() {
    const url = await freshDatabase('contract');
    return {
      open: () => PostgresCommentStore.open(url, { pool: 4, checkedInsert: mode }),
      async setSchemaVersion(version) {
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        await sql`INSERT INTO comments_schema (version, name) VALUES (${version}, 'from the future')`;
        await sql.end();
      },
      schemaVersion: (store) => (store as PostgresCommentStore).schemaVersion(),
      async commentColumns() {
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        const rows =
          await sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'comments' ORDER BY ordinal_position`;
        await sql.end();
        return rows.map((row) => String(row['column_name']));
      },
      async remove() {
        // The database goes with the test server.
      },
    };
  },
});

const T0 = Date.UTC(2026, 5, 1, 12);
let serial = 0;
function comment(fields: Partial<NewComment> = {}): NewComment {
  const n = ++serial;
  return {
    thread: 'wechat-mobile-marketing-mayhem',
    parentId: null,
    locale: 'en',
    authorName: `Reader ${n}`,
    authorEmail: `reader${n}@example.com`,
    authorUrl: null,
    body: `Comment ${n}`,
    status: 'approved',
    createdAt: T0 + n * 1000,
    ipHash: `ip-${n}`,
    fingerprint: `fp-${n}`,
    ...fields,
  };
}

describe.each([sqlite, postgresBackend('advisory-lock'), postgresBackend('serializable')])(
  'CommentStore contract: $name',
  (backend) => {
    let place: Place;
    let a: CommentStore;
    let b: CommentStore;
    const opened: CommentStore[] = [];
    const open = async () => {
      const store = await place.open();
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      place = await backend.place();
      a = await open();
      b = await open();
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await place.remove();
    });

    // The whole contract, except for an alternative insertChecked mode (which gets the part below).
    if (!backend.insertCheckedOnly) {
      it('stores every field as given, unicode included, and reads it from the other instance', async () => {
        const stored = await a.insert(
          comment({
            authorName: '张伟 <b>',
            authorUrl: 'https://example.com/',
            body: '你好 😀\n\n<script>alert(1)</script>',
            locale: 'zh-cn',
            status: 'pending',
          }),
        );
        expect(stored.id).toBeGreaterThan(0);
        expect(await b.get(stored.id)).toEqual(stored);
        expect(await b.get(stored.id + 1000)).toBeNull();
      });

      it('pages approved comments oldest first (ties by id), replies under their comment, and counts them', async () => {
        const thread = 'paging';
        const top: CommentRecord[] = [];
        for (let i = 0; i < 5; i++)
          top.push(await a.insert(comment({ thread, createdAt: T0 + (i < 2 ? 0 : i) * 1000 })));
        await a.insert(comment({ thread, status: 'pending' }));
        const reply = await b.insert(comment({ thread, parentId: top[0]!.id, createdAt: T0 + 9000 }));
        const earlierReply = await b.insert(comment({ thread, parentId: top[0]!.id, createdAt: T0 + 8000 }));
        await b.insert(comment({ thread, parentId: top[0]!.id, status: 'spam' }));
        await a.insert(comment({ thread: 'other' }));

        const first = await b.approvedPage(thread, 1, 2);
        expect(first.total).toBe(7);
        expect(first.topLevel).toBe(5);
        expect(first.comments.map((c) => c.id)).toEqual([top[0]!.id, top[1]!.id]);
        expect(first.comments[0]!.replies.map((r) => r.id)).toEqual([earlierReply.id, reply.id]);
        expect(first.comments[1]!.replies).toEqual([]);
        expect((await a.approvedPage(thread, 3, 2)).comments.map((c) => c.id)).toEqual([top[4]!.id]);
        expect((await a.approvedPage(thread, 4, 2)).comments).toEqual([]);
        expect(await a.approvedCounts([thread, 'other', 'none'])).toEqual({ [thread]: 7, other: 1, none: 0 });
      });

      it('lists for moderators newest first, filtered by status and thread, with limit and offset', async () => {
        const one = await a.insert(comment({ status: 'pending', thread: 'x' }));
        const two = await a.insert(comment({ status: 'approved', thread: 'x' }));
        const three = await b.insert(comment({ status: 'pending', thread: 'y' }));
        expect((await b.list({})).map((c) => c.id)).toEqual([three.id, two.id, one.id]);
        expect((await b.list({ status: 'pending' })).map((c) => c.id)).toEqual([three.id, one.id]);
        expect((await b.list({ thread: 'x' })).map((c) => c.id)).toEqual([two.id, one.id]);
        expect((await b.list({ limit: 1, offset: 1 })).map((c) => c.id)).toEqual([two.id]);
      });

      it('changes status and trust, visible on the other instance; unknown ids answer false', async () => {
        const pending = await a.insert(
          comment({ status: 'pending', authorName: 'Ada', authorEmail: 'ada@example.com' }),
        );
        expect(await b.hasApprovedFrom('Ada', 'ada@example.com')).toBe(false);
        expect(await b.setStatus(pending.id, 'approved')).toBe(true);
        expect((await a.get(pending.id))?.status).toBe('approved');
        expect(await a.hasApprovedFrom('Ada', 'ada@example.com')).toBe(true);
        expect(await a.hasApprovedFrom('Ada', 'other@example.com')).toBe(false);
        expect(await a.setStatus(pending.id + 999, 'spam')).toBe(false);
      });

      it('deletes a comment with its replies, leaving others', async () => {
        const parent = await a.insert(comment());
        const reply = await a.insert(comment({ parentId: parent.id }));
        const other = await a.insert(comment());
        expect(await b.delete(parent.id)).toBe(true);
        expect(await a.get(reply.id)).toBeNull();
        expect((await a.all()).map((c) => c.id)).toEqual([other.id]);
        expect(await b.delete(parent.id)).toBe(false);
      });
    }

    it('refuses a flood from the same IP hash or email and a duplicate, storing nothing', async () => {
      const rules = { floodSeconds: 15 };
      const first = comment({ createdAt: T0, ipHash: 'ip', authorEmail: 'ada@example.com', fingerprint: 'same' });
      expect((await a.insertChecked(first, rules)).ok).toBe(true);
      expect(await b.insertChecked(comment({ createdAt: T0 + 5000, ipHash: 'ip' }), rules)).toEqual({
        ok: false,
        reason: 'flood',
        retryAfterSeconds: 10,
      });
      expect(await b.insertChecked(comment({ createdAt: T0 + 5000, authorEmail: 'ada@example.com' }), rules)).toEqual({
        ok: false,
        reason: 'flood',
        retryAfterSeconds: 10,
      });
      expect(await b.insertChecked(comment({ createdAt: T0 + 20_000, fingerprint: 'same' }), rules)).toEqual({
        ok: false,
        reason: 'duplicate',
      });
      expect((await a.all()).length).toBe(1);
      // A trashed comment is no duplicate; no flood control with 0 seconds.
      await a.setStatus((await a.all())[0]!.id, 'trash');
      expect(
        (await b.insertChecked(comment({ createdAt: T0 + 1, ipHash: 'ip', fingerprint: 'same' }), { floodSeconds: 0 }))
          .ok,
      ).toBe(true);
    });

    it('lets exactly one of simultaneous posts from one sender through, across instances', async () => {
      const rules = { floodSeconds: 15 };
      for (let round = 0; round < 10; round++) {
        const sender = {
          ipHash: `ip-race-${round}`,
          authorEmail: `race${round}@example.com`,
          createdAt: T0 + round * 60_000,
        };
        const results = await Promise.all([a, b, a, b].map((store) => store.insertChecked(comment(sender), rules)));
        expect(
          results.filter((r) => r.ok),
          `round ${round}`,
        ).toHaveLength(1);
        expect(results.filter((r) => !r.ok && r.reason === 'flood')).toHaveLength(3);
      }
      // The same text from different addresses at once: one stored, the rest duplicates.
      const same = await Promise.all(
        [a, b, a, b].map((store) =>
          store.insertChecked(comment({ fingerprint: 'one-text', createdAt: T0 + 3_600_000 }), rules),
        ),
      );
      expect(same.filter((r) => r.ok)).toHaveLength(1);
      expect(same.filter((r) => !r.ok && r.reason === 'duplicate')).toHaveLength(3);
      expect((await a.all()).length).toBe(11);
    });

    it('stores every simultaneous post of different senders (no false refusals)', async () => {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).insertChecked(comment(), { floodSeconds: 15 })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(40);
      expect(new Set(results.map((r) => (r.ok ? r.comment.id : 0))).size).toBe(40);
    });

    if (!backend.insertCheckedOnly) {
      it('exports and imports every comment with its id, status and reply link; new ids come after', async () => {
        const parent = await a.insert(comment({ status: 'approved' }));
        await a.insert(comment({ parentId: parent.id, status: 'pending' }));
        await a.insert(comment({ status: 'spam' }));
        await a.insert(comment({ status: 'trash' }));
        // A gap in the ids, as after a deletion.
        await a.delete((await a.insert(comment())).id);
        const last = await a.insert(comment({ parentId: parent.id }));
        const exported = await a.all();
        // What the store reads back is what an export file holds, and reads as one.
        expect(commentsExportSchema.parse(JSON.parse(JSON.stringify(commentsExport(exported)))).comments).toEqual(
          exported,
        );

        const target = await backend.place();
        try {
          const into = await target.open();
          const other = await target.open();
          expect(await into.importMany(exported)).toBe(exported.length);
          expect(await other.all()).toEqual(exported);
          expect(await into.importMany(exported)).toBe(0);
          const next = await other.insert(comment());
          expect(next.id).toBeGreaterThan(last.id);
          await Promise.all([into.close(), other.close()]);
        } finally {
          await target.remove();
        }
      });

      it('keeps settings; of two first values, both instances keep the one stored first', async () => {
        expect(await a.getSetting('k')).toBeNull();
        await a.setSetting('k', 'one');
        await a.setSetting('k', 'two');
        expect(await b.getSetting('k')).toBe('two');
        const [fromA, fromB] = await Promise.all([
          a.initSetting('secret', 'from-a'),
          b.initSetting('secret', 'from-b'),
        ]);
        expect(fromA).toBe(fromB);
        expect(await a.getSetting('secret')).toBe(fromA);
      });

      it('moves its revision on every write of another instance within 1 s, and not on reads', async () => {
        const stored = await a.insert(comment());
        const steps: [string, () => Promise<unknown>][] = [
          ['insert', () => b.insert(comment())],
          ['insertChecked', () => b.insertChecked(comment(), { floodSeconds: 15 })],
          ['setStatus', () => b.setStatus(stored.id, 'pending')],
          ['delete', () => b.delete(stored.id)],
          ['importMany', () => b.importMany([{ ...comment(), id: 9_999 }])],
        ];
        for (const [name, write] of steps) {
          // Let any notification of the last step arrive, then the revision holds still while only reading.
          await new Promise((resolve) => setTimeout(resolve, 50));
          const before = await a.revision();
          await a.approvedPage('wechat-mobile-marketing-mayhem', 1, 50);
          await b.list({});
          expect(await a.revision(), `${name}: reads`).toBe(before);
          await write();
          await expect.poll(() => a.revision(), { timeout: 1000, interval: 5, message: name }).not.toBe(before);
        }
      });

      it('records the schema version, opens it again, and refuses a database from a newer version', async () => {
        expect(await place.schemaVersion(a)).toBe(SCHEMA_VERSION);
        await a.insert(comment());
        const again = await open();
        expect(await place.schemaVersion(again)).toBe(SCHEMA_VERSION);
        expect((await again.all()).length).toBe(1);
        await place.setSchemaVersion(SCHEMA_VERSION + 1);
        await expect(open()).rejects.toThrow(
          `schema version ${SCHEMA_VERSION + 1}; this code knows up to ${SCHEMA_VERSION}`,
        );
      });

      it('has a comments table with exactly the columns of the comment record (src/comments/record.ts)', async () => {
        expect(await place.commentColumns()).toEqual(Object.values(COMMENT_COLUMNS));
      });

      it('answers the health check', async () => {
        await expect(a.healthCheck()).resolves.toBeUndefined();
      });
    }
  },
);
