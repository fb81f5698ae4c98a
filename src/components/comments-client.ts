/**
 * The comment section with JavaScript: loads the approved comments (unless the server already wrote
 * them into the page) and a form token from the API, renders comments from the one definition in
 * src/comments/presentation.ts with DOM calls and text nodes (never innerHTML), and posts the form
 * as JSON in place. The markup it enhances works without it (src/comments/section.ts).
 */
import { toDom } from '../comments/markup.ts';
import { commentItem, commentSectionStrings, threadViewHref } from '../comments/presentation.ts';
import type { PublicComment } from '../comments/public.ts';
import { readBrowserStrings } from '../i18n/browser-strings.ts';
import type { Locale } from '../i18n/locales.ts';

const REMEMBER_KEY = 'syengage:commenter';
const REMEMBERED = ['name', 'email', 'url'] as const;

function setup(section: HTMLElement): void {
  const { thread = '', title = '', locale = '', dateLocale = '' } = section.dataset;
  // Each locale's language tag, written by the page from the locale table (src/comments/section.ts).
  const langs = JSON.parse(section.dataset['langs'] ?? '{}') as Partial<Record<Locale, string>>;
  const t = readBrowserStrings(commentSectionStrings(Object.keys(langs) as Locale[]), section);
  const view = { t, dateLocale, langs };
  const form = section.querySelector<HTMLFormElement>('[data-form]')!;
  const list = section.querySelector<HTMLOListElement>('[data-list]')!;
  const more = section.querySelector<HTMLElement>('[data-more]')!;
  const loading = section.querySelector<HTMLElement>('[data-loading]')!;
  const notice = section.querySelector<HTMLElement>('[data-notice]')!;
  const summary = form.querySelector<HTMLElement>('[data-summary]')!;
  const respondHeading = section.querySelector<HTMLElement>('[data-respond-heading]')!;
  const replying = section.querySelector<HTMLElement>('[data-replying]')!;
  const submit = form.querySelector<HTMLButtonElement>('[type=submit]')!;
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  // Written in by the server: its page of comments stays, and "Later comments" goes on from it.
  const rendered = section.dataset['pages'] !== undefined;
  let page = Number(section.dataset['page'] ?? 1);
  let pages = Number(section.dataset['pages'] ?? 1);

  // Our own messages, in the page's language, replace the browser's.
  form.noValidate = true;

  const fetchToken = async () => {
    const response = await fetch(`/api/comments/token?thread=${encodeURIComponent(thread)}`);
    if (response.ok) input('token').value = ((await response.json()) as { token: string }).token;
  };

  const cancelReply = () => {
    input('parent').value = '';
    respondHeading.textContent = t('comments.leaveReply');
    replying.hidden = true;
  };
  replying.querySelector('button')?.addEventListener('click', cancelReply);
  // A reply link leads to the thread page's form; here the reader answers in place.
  list.addEventListener('click', (event) => {
    const link = (event.target as Element).closest?.('a.comment-reply');
    const item = link?.closest('li.comment');
    if (!link || !item) return;
    event.preventDefault();
    input('parent').value = item.id.replace('comment-', '');
    respondHeading.textContent = t('comments.replyTo', {
      name: item.querySelector('.comment-author')?.textContent ?? '',
    });
    replying.hidden = false;
    input('body').focus();
  });

  // The same reply link as the server writes (it works for a reader whose script stops).
  const replyHref = (comment: PublicComment) =>
    `${threadViewHref(thread, locale, input('returnTo')?.value || null, { replyto: String(comment.id) })}#respond`;
  const showMore = () => {
    more.hidden = page >= pages;
    // The script pages on in place: the server's page links are for readers without it.
    section.querySelector('[data-pager]')?.remove();
  };

  const load = async (replace: boolean) => {
    loading.hidden = false;
    try {
      // no-cache: revalidate with the ETag every time, so a just-approved comment shows at once.
      const response = await fetch(`/api/comments?thread=${encodeURIComponent(thread)}&page=${page}`, {
        cache: 'no-cache',
      });
      if (!response.ok) throw new Error(String(response.status));
      const data = (await response.json()) as { total: number; pages: number; comments: PublicComment[] };
      if (replace) list.replaceChildren();
      list.append(...data.comments.map((comment) => toDom(commentItem(comment, view, replyHref))));
      section.querySelector('[data-heading]')!.textContent = t('comments.heading', { count: data.total, title });
      pages = data.pages;
      showMore();
      loading.hidden = true;
    } catch {
      loading.textContent = t('comments.loadFailed');
    }
  };
  more.querySelector('button')?.addEventListener('click', () => {
    page += 1;
    void load(false);
  });

  const showErrors = (fields: Record<string, string>) => {
    for (const slot of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
      const name = slot.dataset['errorFor'] ?? '';
      const control = input(name);
      const message = fields[name];
      slot.textContent = message ?? '';
      slot.hidden = !message;
      if (message) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', slot.id);
      } else {
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-describedby');
      }
    }
    const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  };

  // Opt-in: name, email and website are kept in this browser only when the reader ticks the box
  // (which only this script can honour, so the page shows it only now).
  form.querySelector<HTMLElement>('[data-remember]')!.hidden = false;
  try {
    const saved = JSON.parse(localStorage.getItem(REMEMBER_KEY) ?? 'null') as Record<string, string> | null;
    if (saved) {
      for (const name of REMEMBERED) input(name).value = saved[name] ?? '';
      input('remember').checked = true;
    }
  } catch {
    // Storage blocked or unreadable: nothing to fill in.
  }
  const remember = () => {
    try {
      if (input('remember').checked)
        localStorage.setItem(
          REMEMBER_KEY,
          JSON.stringify(Object.fromEntries(REMEMBERED.map((name) => [name, input(name).value]))),
        );
      else localStorage.removeItem(REMEMBER_KEY);
    } catch {
      // Storage blocked: the comment is sent anyway.
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    summary.textContent = '';
    summary.classList.remove('comment-summary-info');
    notice.textContent = t('comments.sending');
    try {
      if (!input('token').value) await fetchToken();
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(Object.fromEntries(new FormData(form))),
      });
      const result = (await response.json()) as { status?: string; message: string; fields?: Record<string, string> };
      showErrors(result.fields ?? {});
      // Success below the button where the reader is; a refusal at the top of the form, above the fields it names.
      notice.textContent = response.ok ? result.message : '';
      summary.textContent = response.ok ? '' : result.message;
      if (response.ok) {
        remember();
        input('body').value = '';
        cancelReply();
        if (result.status === 'approved') {
          page = 1;
          await load(true);
        }
      }
      // A token is good for one try at a time: take a fresh one after an expired or too-quick post.
      if (result.fields?.['token']) await fetchToken();
    } catch {
      notice.textContent = '';
      summary.textContent = t('comments.error.network');
    } finally {
      submit.disabled = false;
    }
  });

  // The server's page carries a fresh token; a page from a static host asks for one.
  if (!input('token').value) void fetchToken();
  if (rendered) showMore();
  else void load(true);
}

for (const section of document.querySelectorAll<HTMLElement>('[data-comments]')) setup(section);
