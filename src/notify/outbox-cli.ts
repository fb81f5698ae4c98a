import { z } from 'zod';
import { THREAD_ID } from '../comments/input.ts';
import type { CommentStore } from '../comments/store.ts';
import { OUTBOX_STATUSES, type OutboxJob, type OutboxStatus } from './notification-record.ts';

/** Who a job goes to, as the CLI may print it: a role, never the address. */
const audience = (job: Pick<OutboxJob, 'kind'>) =>
  job.kind === 'webhook' ? 'webhook' : job.kind === 'moderator' ? 'a moderator' : 'the commenter';

const time = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 19).replace('T', ' '));

/** A job without its recipient: what `outbox --json` prints. */
export const printableJob = ({ recipient: _recipient, ...job }: OutboxJob) => ({ ...job, to: audience(job) });

/** One job per line: id, status, what, to whom (a role), tries, when, and the last error (addresses taken out when stored). */
export function outboxLine(job: OutboxJob): string {
  const when = job.status === 'queued' ? `next try ${time(job.nextAttemptAt)}` : `done ${time(job.doneAt)}`;
  const what = `${job.kind}${job.event ? ` (${job.event})` : ''}`;
  return `#${job.id}  ${job.status.padEnd(7)} ${what.padEnd(21)} comment #${job.commentId}  to ${audience(job)}  tries ${job.attempts}  ${job.status === 'sending' ? 'sending now' : when}${job.lastError ? `\n      last error: ${job.lastError}` : ''}`;
}

/**
 * `npm run comments -- outbox [--status S] [--limit N] [--json]`: the notification outbox, counts
 * per status, then the jobs (by default those not sent yet: queued, sending, failed).
 * `npm run comments -- outbox retry ID…`: queue failed jobs again, tries reset.
 */
export async function outboxCommand(
  store: CommentStore,
  args: string[],
  options: { status?: string | undefined; limit: number; json: boolean },
): Promise<{ output: string; exitCode: number }> {
  const notifications = store.notifications;
  if (args[0] === 'retry') {
    const ids = args.slice(1);
    if (ids.length === 0 || !ids.every((id) => /^\d+$/.test(id)))
      return { output: 'Give the ids of the jobs to retry: outbox retry ID…', exitCode: 1 };
    const lines: string[] = [];
    for (const id of ids.map(Number))
      lines.push(
        (await notifications.requeue(id, Date.now())) ? `#${id} queued again` : `#${id}: no failed or queued job`,
      );
    return { output: lines.join('\n'), exitCode: 0 };
  }
  if (args.length > 0) return { output: `Unknown outbox command: ${args[0]}`, exitCode: 1 };
  if (options.status !== undefined && !(OUTBOX_STATUSES as readonly string[]).includes(options.status))
    return { output: `--status must be one of ${OUTBOX_STATUSES.join(', ')}`, exitCode: 1 };
  const statuses: OutboxStatus[] = options.status ? [options.status as OutboxStatus] : ['failed', 'sending', 'queued'];
  const jobs = (
    await Promise.all(statuses.map((status) => notifications.outbox({ status, limit: options.limit })))
  ).flat();
  if (options.json) return { output: JSON.stringify(jobs.map(printableJob), null, 2), exitCode: 0 };
  const counts = await notifications.outboxCounts();
  const summary = `Outbox: ${OUTBOX_STATUSES.map((status) => `${counts[status]} ${status}`).join(', ')}`;
  return {
    output: [summary, ...(jobs.length === 0 ? ['Nothing waiting or failed.'] : jobs.map(outboxLine))].join('\n'),
    exitCode: 0,
  };
}

/**
 * `npm run comments -- unsubscribe ADDRESS [--thread KEY]`: what a reader's unsubscribe link does,
 * for a reader who asks by other means. For good; the address is not printed back.
 */
export async function unsubscribeCommand(
  store: CommentStore,
  args: string[],
  options: { thread?: string | undefined },
): Promise<{ output: string; exitCode: number }> {
  const email = (args[0] ?? '').trim().toLowerCase();
  if (args.length !== 1 || !z.email().safeParse(email).success)
    return { output: 'Give one email address: unsubscribe ADDRESS [--thread KEY]', exitCode: 1 };
  if (options.thread !== undefined && !THREAD_ID.test(options.thread))
    return { output: '--thread takes a post key such as "my-post"', exitCode: 1 };
  await store.notifications.unsubscribe(email, options.thread ?? null, Date.now());
  return {
    output: options.thread
      ? `Unsubscribed: that address gets no more mail about ${options.thread}.`
      : 'Unsubscribed: that address gets no more mail from this site.',
    exitCode: 0,
  };
}
