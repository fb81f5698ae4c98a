import { createHash } from 'node:crypto';
import { useTranslations } from '../../i18n/translate.ts';
import { countLinks } from '../../comments/body.ts';
import { HONEYPOT_FIELD, type CommentInput, type FieldErrors } from '../../comments/input.ts';
import { duplicateKey, hashIp, initialStatus, isHoneypotFilled, verifyFormToken } from '../../comments/spam.ts';
import type { CommentStatus, NewComment } from '../../comments/store.ts';
import type { ApiDeps } from './context.ts';

/** What became of a posted comment: stored (with the status a reader is told), or refused with the reason, in the reader's language. */
export type SubmitOutcome =
  | { ok: true; status: CommentStatus; id: number }
  | {
      ok: false;
      httpStatus: 409 | 422 | 429;
      error: string;
      message: string;
      fields?: FieldErrors | undefined;
      /** "info" when the refusal is no mistake of the reader's (send once more). */
      messageKind?: 'info' | 'error' | undefined;
      retryAfterSeconds?: number | undefined;
    };

/** Who sent the comment: the client's address (hashed before it is kept) and whether a plain form (no JavaScript) sent it. */
export interface Sender {
  address: string;
  fromForm: boolean;
  /** The "Email me when someone replies" box was ticked. */
  wantsReplies?: boolean | undefined;
}

/**
 * The spam rules and the store, in order, for one validated comment: honeypot, form token, the
 * parent, trust, then flood control, duplicates and the insert in one atomic store step.
 */
export async function submitComment(deps: ApiDeps, input: CommentInput, sender: Sender): Promise<SubmitOutcome> {
  const { store, rules } = deps;
  const t = useTranslations(input.locale);
  const createdAt = deps.now();
  const comment: NewComment = {
    thread: input.thread,
    parentId: input.parent,
    locale: input.locale,
    authorName: input.name,
    authorEmail: input.email,
    authorUrl: input.url,
    body: input.body,
    status: 'pending',
    createdAt,
    ipHash: hashIp(sender.address, deps.secret),
    fingerprint: createHash('sha256')
      .update(duplicateKey(input.thread, input.email, input.body))
      .digest('base64url'),
  };

  // A robot filled the honeypot: keep it as spam for the moderator, answer as if it waits for moderation.
  if (isHoneypotFilled(input[HONEYPOT_FIELD])) {
    // Kept under its parent only when that is a comment of the same thread: a robot's `parent` may name any number.
    const parent = input.parent === null ? null : await store.get(input.parent);
    const parentId = parent && parent.thread === input.thread ? (parent.parentId ?? parent.id) : null;
    const stored = await store.insert({ ...comment, parentId, status: 'spam' });
    return { ok: true, status: 'pending', id: stored.id };
  }

  const token = verifyFormToken(input.token, input.thread, deps.secret, createdAt, rules);
  if (!token.ok) {
    // A form from the static page carries no token: asking to send once more is no mistake of the reader's.
    const confirm = token.reason === 'missing' && sender.fromForm;
    const message =
      token.reason === 'too-fast'
        ? t('comments.error.tooFast')
        : confirm
          ? t('comments.confirm')
          : t('comments.error.token');
    return {
      ok: false,
      httpStatus: 422,
      error: `token-${token.reason}`,
      message,
      fields: { token: message },
      messageKind: confirm ? 'info' : 'error',
    };
  }

  if (input.parent !== null) {
    const parent = await store.get(input.parent);
    if (!parent || parent.status !== 'approved' || parent.thread !== input.thread) {
      const message = t('comments.error.parent');
      return { ok: false, httpStatus: 422, error: 'validation', message, fields: { parent: message } };
    }
    // One level of replies: an answer to a reply joins the same top-level comment.
    comment.parentId = parent.parentId ?? parent.id;
  }

  // Trust is read first; flood control, duplicate detection and the insert are one atomic store
  // step, so two simultaneous posts from the same sender cannot both pass the checks.
  comment.status = initialStatus(
    { linkCount: countLinks(input.body), trusted: await store.hasApprovedFrom(input.name, input.email) },
    rules,
  );
  // Notifications go into the outbox in the comment's own transaction; the worker sends them.
  const notify = deps.notifications?.plan(comment, sender.wantsReplies ?? false);
  const result = await store.insertChecked(comment, { floodSeconds: rules.floodSeconds, notify });
  if (result.ok) {
    if (notify && notify.outbox.length > 0) deps.notifications?.queued();
    return { ok: true, status: comment.status, id: result.comment.id };
  }
  if (result.reason === 'flood') {
    const seconds = result.retryAfterSeconds;
    return {
      ok: false,
      httpStatus: 429,
      error: 'too-many-requests',
      message: t('comments.error.flood', { seconds }),
      retryAfterSeconds: seconds,
    };
  }
  return { ok: false, httpStatus: 409, error: 'duplicate', message: t('comments.error.duplicate') };
}
