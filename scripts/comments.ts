/**
 * Moderation on the comments database: PostgreSQL when COMMENTS_DATABASE_URL is set, else the
 * SQLite file COMMENTS_DB (default data/comments.db):
 *
 *   npm run comments -- list [--status pending|approved|spam|trash] [--thread KEY] [--limit N] [--json]
 *   npm run comments -- approve|spam|trash|delete ID [ID…]
 *   npm run comments -- export [FILE]        JSON of every comment (stdout without FILE)
 *   npm run comments -- import FILE          adds comments from an export, keeping ids; existing ids are skipped
 *   npm run comments -- set-password         the /admin/ page's password, read from the terminal or stdin (never argv)
 *   npm run comments -- outbox [retry ID…]   notification mails and webhooks waiting or failed (src/notify/outbox-cli.ts)
 *   npm run comments -- unsubscribe ADDRESS [--thread KEY]   no more mail to that address (about that post)
 *
 * It opens the same database as the running servers (SQLite's WAL allows both; on PostgreSQL every
 * instance is told of the change); changes show at once. Moving from SQLite to PostgreSQL: export
 * with COMMENTS_DB set, import with COMMENTS_DATABASE_URL set (ids, statuses and replies kept).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openCommentStore } from '../src/server/comments-config.ts';
import {
  COMMENT_STATUSES,
  commentsExport,
  commentsExportSchema,
  type CommentRecord,
  type CommentStatus,
} from '../src/comments/record.ts';
import { setPassword } from '../src/admin/set-password.ts';
import { outboxCommand, unsubscribeCommand } from '../src/notify/outbox-cli.ts';

const USAGE = `usage: npm run comments -- <command>
  list [--status pending|approved|spam|trash] [--thread KEY] [--limit N] [--json]
  approve ID…   spam ID…   trash ID…   delete ID…
  export [FILE]   import FILE
  set-password    (reads the new /admin/ password from the terminal or stdin)
  outbox [--status queued|sending|sent|failed|skipped] [--limit N] [--json]   outbox retry ID…
  unsubscribe ADDRESS [--thread KEY]`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function ids(args: string[]): number[] {
  if (args.length === 0) fail(`Give at least one comment id.\n${USAGE}`);
  return args.map((arg) => (/^\d+$/.test(arg) ? Number(arg) : fail(`Not a comment id: ${arg}`)));
}

/** Typed text for a terminal: no control characters (escape sequences) and no bidi overrides that could disguise a line. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '�');

function line(record: CommentRecord): string {
  const c = {
    ...record,
    authorName: printable(record.authorName),
    authorEmail: printable(record.authorEmail),
    thread: printable(record.thread),
  };
  const text = printable(c.body.replace(/\s+/g, ' '));
  return `#${c.id}  ${c.status.padEnd(8)} ${new Date(c.createdAt).toISOString().slice(0, 16)}  ${c.thread}  ${c.locale}  ${c.authorName} <${c.authorEmail}>${c.parentId ? `  reply to #${c.parentId}` : ''}\n      ${text.length > 100 ? `${text.slice(0, 100)}…` : text}`;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    status: { type: 'string' },
    thread: { type: 'string' },
    limit: { type: 'string', default: '50' },
    json: { type: 'boolean', default: false },
  },
});
const [command, ...rest] = positionals;
let opened: Awaited<ReturnType<typeof openCommentStore>>;
try {
  opened = await openCommentStore();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { store, where: dbPath } = opened;

const actions: Record<string, CommentStatus> = { approve: 'approved', spam: 'spam', trash: 'trash' };
try {
  switch (command) {
    case 'list': {
      const status = values.status === undefined ? undefined : z.enum(COMMENT_STATUSES).safeParse(values.status);
      if (status && !status.success) fail(`--status must be one of ${COMMENT_STATUSES.join(', ')}`);
      const comments = await store.list({
        status: status?.data,
        thread: values.thread,
        limit: Number(values.limit) || 50,
      });
      if (values.json) console.log(JSON.stringify(comments, null, 2));
      else console.log(comments.length === 0 ? `No comments in ${dbPath}.` : comments.map(line).join('\n'));
      break;
    }
    case 'approve':
    case 'spam':
    case 'trash':
      for (const id of ids(rest)) {
        const status = actions[command] as CommentStatus;
        const changed = await store.setStatus(id, status);
        // Reply notifications waiting for this approval go out at the server's next look (within a second).
        if (changed && status === 'approved') await store.notifications.wake(id, Date.now());
        console.log(changed ? `#${id} → ${status}` : `#${id}: no such comment`);
      }
      break;
    case 'delete':
      for (const id of ids(rest))
        console.log((await store.delete(id)) ? `#${id} deleted (with its replies)` : `#${id}: no such comment`);
      break;
    case 'export': {
      const json = JSON.stringify(commentsExport(await store.all()), null, 2);
      if (rest[0]) {
        writeFileSync(rest[0], `${json}\n`);
        console.error(`Exported to ${rest[0]}`);
      } else console.log(json);
      break;
    }
    case 'import': {
      if (!rest[0]) fail(`Give the file to import.\n${USAGE}`);
      const parsed = commentsExportSchema.safeParse(JSON.parse(readFileSync(rest[0], 'utf8')));
      if (!parsed.success)
        fail(
          `${rest[0]} is not a comments export: ${parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ')}`,
        );
      const added = await store.importMany(parsed.data.comments);
      console.log(`Imported ${added} of ${parsed.data.comments.length} comments into ${dbPath}.`);
      break;
    }
    case 'set-password':
      try {
        console.log(await setPassword(store));
      } catch (error) {
        process.exitCode = 1;
        console.error(error instanceof Error ? error.message : String(error));
      }
      break;
    case 'outbox': {
      // Notification mails and webhooks (src/notify/): what waits, what failed; never an address.
      const result = await outboxCommand(store, rest, {
        status: values.status,
        limit: Number(values.limit) || 50,
        json: values.json,
      });
      (result.exitCode === 0 ? console.log : console.error)(result.output);
      process.exitCode = result.exitCode;
      break;
    }
    case 'unsubscribe': {
      const result = await unsubscribeCommand(store, rest, { thread: values.thread });
      (result.exitCode === 0 ? console.log : console.error)(result.output);
      process.exitCode = result.exitCode;
      break;
    }
    default:
      fail(USAGE);
  }
} finally {
  await store.close();
}
