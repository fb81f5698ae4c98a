import type { Context } from 'hono';
import { SPAM_DEFAULTS } from '../../comments/limits.ts';
import { signFormToken } from '../../comments/spam.ts';
import type { CommentStore } from '../../comments/store.ts';
import type { ThreadPosts } from '../../comments/threads.ts';
import type { Notifications } from '../../notify/index.ts';
import type { ErrorBoundaryVariables } from '../error-boundary.ts';

/** Options of the comment API. Only `store` and `secret` are required; the rest default to the documented behaviour. */
export interface CommentsAppOptions {
  store: CommentStore;
  /** Signs form tokens and keys IP hashes (see `resolveCommentsSecret`). */
  secret: string;
  /** Bearer token of the admin API; without one the admin routes do not exist (404). */
  adminToken?: string | undefined;
  /** Other origins (e.g. "https://www.example.com") allowed to post and to read with CORS; the API's own origin is always allowed. */
  allowedOrigins?: readonly string[] | undefined;
  /** Auto-approve a commenter who has an approved comment under the same name and email (default true, as WordPress). */
  autoApproveTrusted?: boolean | undefined;
  floodSeconds?: number | undefined;
  minFillSeconds?: number | undefined;
  tokenMaxAgeSeconds?: number | undefined;
  maxLinks?: number | undefined;
  /** Take the client address from the last X-Forwarded-For hop (only behind a proxy you run). */
  trustProxy?: boolean | undefined;
  /**
   * The threads that exist (translationKeys of published posts, see `loadKnownThreads`). With a set,
   * posts to any other thread get 404 and reads leave them out; without one, any well-formed key is a thread.
   */
  knownThreads?: ReadonlySet<string> | undefined;
  /** Title and path of each thread's post per locale (see `loadThreadList`): the no-JavaScript pages name the post and link to its translation. */
  threadPosts?: ThreadPosts | undefined;
  /** Clock, for tests. */
  now?: (() => number) | undefined;
  /** Mail and webhook notifications (src/notify/): queued with each comment, and the pages behind their links. */
  notifications?: Notifications | undefined;
}

/** Hono environment of every part of the API: the Node request (`c.env.incoming`, from Hono's node adapter) and the error boundary's variables. */
export type ApiEnv = {
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
  Variables: ErrorBoundaryVariables;
};

export type ApiContext = Context<ApiEnv>;

/** The spam rules in force, each option or its default. */
export interface SpamRules {
  minFillSeconds: number;
  tokenMaxAgeSeconds: number;
  floodSeconds: number;
  maxLinks: number;
  autoApproveTrusted: boolean;
}

/** What the API's parts share: the store, the secret, the clock, the rules, and which threads exist. */
export interface ApiDeps {
  store: CommentStore;
  secret: string;
  now: () => number;
  rules: SpamRules;
  threadPosts: ThreadPosts | undefined;
  trustProxy: boolean;
  /** Whether comments may exist on this thread: only posts of the build, when the server knows them. */
  isKnownThread: (thread: string) => boolean;
  /** A form token for `thread`, signed now. */
  newToken: (thread: string) => string;
  notifications: Notifications | undefined;
}

/** The parts' shared dependencies from the app's options, with the documented defaults filled in. */
export function apiDeps(options: CommentsAppOptions): ApiDeps {
  const { store, secret, knownThreads } = options;
  const now = options.now ?? Date.now;
  return {
    store,
    secret,
    now,
    rules: {
      floodSeconds: options.floodSeconds ?? SPAM_DEFAULTS.floodSeconds,
      minFillSeconds: options.minFillSeconds ?? SPAM_DEFAULTS.minFillSeconds,
      tokenMaxAgeSeconds: options.tokenMaxAgeSeconds ?? SPAM_DEFAULTS.tokenMaxAgeSeconds,
      maxLinks: options.maxLinks ?? SPAM_DEFAULTS.maxLinks,
      autoApproveTrusted: options.autoApproveTrusted ?? true,
    },
    threadPosts: options.threadPosts,
    trustProxy: options.trustProxy ?? false,
    isKnownThread: (thread) => !knownThreads || knownThreads.has(thread),
    newToken: (thread) => signFormToken(thread, now(), secret),
    notifications: options.notifications,
  };
}
