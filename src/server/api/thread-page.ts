import type { Locale } from '../../i18n/locales.ts';
import { COMMENTS_PER_PAGE } from '../../comments/limits.ts';
import { renderThreadPage, type FormState } from '../comments-view.ts';
import type { ApiDeps } from './context.ts';

/** The no-JavaScript page of a thread, with the form in `form`'s state and the thread's post when known. */
export async function threadPage(deps: ApiDeps, form: FormState) {
  const posts = deps.threadPosts?.get(form.thread);
  // A page opened without ?post= still links back to the post, when the build listed it.
  const returnTo = form.returnTo ?? posts?.[form.locale]?.path ?? null;
  return renderThreadPage(
    { ...form, posts, returnTo },
    await deps.store.approvedPage(form.thread, form.page ?? 1, COMMENTS_PER_PAGE),
  );
}

/** Address of the no-JavaScript view of a thread. */
export function viewUrl(thread: string, locale: Locale, post: string | null): string {
  const query = new URLSearchParams({ thread, locale });
  if (post) query.set('post', post);
  return `/api/comments/view?${query}`;
}
