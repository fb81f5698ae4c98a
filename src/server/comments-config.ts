import { resolve } from 'node:path';
import { z } from 'zod';
import { resolveCommentsSecret } from '../comments/secret.ts';
import { SqliteCommentStore } from '../comments/sqlite-store.ts';
import type { CommentStore } from '../comments/store.ts';
import { loadThreadList } from '../comments/threads.ts';
import { createCommentsApp } from './comments-app.ts';
import { commaList, parseCommentsVariables } from './env-variables.ts';
import { createNotifications } from '../notify/index.ts';
import { readNotifyConfig } from '../notify/config.ts';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(value)));
const seconds = z.coerce.number().int().min(0).max(86_400).optional();

/** The comment API's environment variables (README, "Comments"). A bad value stops the server with the variable's name. */
const envSchema = z.object({
  COMMENTS_DB: z.string().min(1).default('data/comments.db'),
  // The message never repeats the value: it may hold a password.
  COMMENTS_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'a PostgreSQL URL such as postgres://user:password@host:5432/database' })
    .optional(),
  COMMENTS_DATABASE_POOL: z.coerce.number().int().min(1).max(200).default(10),
  COMMENTS_SECRET: z.string().min(16, { error: 'at least 16 characters' }).optional(),
  // Sent as `Authorization: Bearer …`, so only RFC 6750 token characters (what Hono's bearerAuth accepts).
  COMMENTS_ADMIN_TOKEN: z
    .string()
    .min(16, { error: 'at least 16 characters' })
    .regex(/^[A-Za-z0-9._~+/-]+=*$/, { error: 'letters, digits and - . _ ~ + / only (e.g. openssl rand -hex 32)' })
    .optional(),
  COMMENTS_ALLOWED_ORIGINS: commaList(
    z.url({ protocol: /^https?$/, error: 'comma-separated origins such as https://www.example.com' }),
  ),
  COMMENTS_API_ONLY: flag,
  COMMENTS_AUTO_APPROVE_TRUSTED: flag,
  COMMENTS_TRUST_PROXY: flag,
  COMMENTS_FLOOD_SECONDS: seconds,
  COMMENTS_MIN_FILL_SECONDS: seconds,
  COMMENTS_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  COMMENTS_THREADS_FILE: z.string().min(1).optional(),
  // Approved comments and a form token written into post pages as they are served (default on).
  COMMENTS_IN_PAGES: flag,
});

export type CommentsEnv = z.output<typeof envSchema>;

/** Reads and checks the comment API's environment variables. */
export function readCommentsEnv(env: NodeJS.ProcessEnv = process.env): CommentsEnv {
  return parseCommentsVariables(envSchema, env, 'comment settings');
}

/**
 * Opens the store the environment names: PostgreSQL when COMMENTS_DATABASE_URL is set (several
 * API instances may share it), else the SQLite file COMMENTS_DB. `where` describes it for logs,
 * without a password. Fails with a message naming the variable when the database cannot be opened.
 */
export async function openCommentStore(
  env: CommentsEnv = readCommentsEnv(),
  { server = false }: { server?: boolean } = {},
): Promise<{ store: CommentStore; where: string }> {
  if (env.COMMENTS_DATABASE_URL) {
    // Loaded only when used: SQLite sites (and their CLI runs) never load the PostgreSQL driver.
    const { PostgresCommentStore, redactDatabaseUrl } = await import('../comments/postgres-store.ts');
    const store = await PostgresCommentStore.open(env.COMMENTS_DATABASE_URL, { pool: env.COMMENTS_DATABASE_POOL });
    return { store, where: redactDatabaseUrl(env.COMMENTS_DATABASE_URL) };
  }
  const where = resolve(env.COMMENTS_DB);
  const store = new SqliteCommentStore(where, { synchronous: env.COMMENTS_SYNCHRONOUS, backgroundCheckpoint: server });
  return { store, where };
}

/**
 * Opens the store named by the environment and builds the comment API on it. With `threadsFile`
 * (a build's comment-threads.json), only the threads listed there take comments, and the
 * server-rendered comment pages name their post.
 */
export async function openCommentsApi(
  env: CommentsEnv = readCommentsEnv(),
  { threadsFile }: { threadsFile?: string | undefined } = {},
) {
  const list = threadsFile ? loadThreadList(resolve(threadsFile)) : undefined;
  // Checked before the store opens: a bad notification setting stops the start with its name.
  const notifyConfig = readNotifyConfig();
  const knownThreads = list?.threads;
  const { store, where: dbPath } = await openCommentStore(env, { server: true });
  const secret = await resolveCommentsSecret(store, env.COMMENTS_SECRET);
  const notifications = createNotifications({ store, secret, config: notifyConfig, threadPosts: list?.posts });
  const app = createCommentsApp({
    notifications,
    store,
    secret,
    adminToken: env.COMMENTS_ADMIN_TOKEN,
    allowedOrigins: env.COMMENTS_ALLOWED_ORIGINS,
    autoApproveTrusted: env.COMMENTS_AUTO_APPROVE_TRUSTED,
    trustProxy: env.COMMENTS_TRUST_PROXY,
    floodSeconds: env.COMMENTS_FLOOD_SECONDS,
    minFillSeconds: env.COMMENTS_MIN_FILL_SECONDS,
    knownThreads,
    threadPosts: list?.posts,
  });
  return { app, store, dbPath, knownThreads, secret, threadPosts: list?.posts, notifications };
}
