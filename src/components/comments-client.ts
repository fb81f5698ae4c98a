/**
 * The comment section with JavaScript: fetches the approved comments and a form token from the
 * API, renders comments with DOM nodes and textContent only (never innerHTML), and posts the
 * form as JSON in place. The markup it enhances works without it (see Comments.astro).
 */
import type { PublicComment } from '../comments/public.ts';
import { fillTemplate } from '../i18n/template.ts';

interface Strings {
  heading: [string, string, string];
  reply: string;
  replyLabel: string;
  replyTo: string;
  leaveReply: string;
  writtenIn: Record<string, string>;
  langs: Record<string, string>;
  sending: string;
  network: string;
  loadFailed: string;
  newer: string;
}

const REMEMBER_KEY = 'syengage:commenter';
const REMEMBERED = ['name', 'email', 'url'] as const;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function setup(section: HTMLElement): void {
  const { thread = '', lang = 'en' } = section.dataset;
  const s = JSON.parse(section.dataset['strings'] ?? '{}') as Strings;
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
  const dateFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeStyle: 'short' });
  let page = 1;

  // Our own messages, in the page's language, replace the browser's.
  form.noValidate = true;

  const fetchToken = async () => {
    const response = await fetch(`/api/comments/token?thread=${encodeURIComponent(thread)}`);
    if (response.ok) input('token').value = ((await response.json()) as { token: string }).token;
  };

  const startReply = (comment: PublicComment) => {
    input('parent').value = String(comment.id);
    respondHeading.textContent = fillTemplate(s.replyTo, { name: comment.name });
    replying.hidden = false;
    input('body').focus();
  };
  const cancelReply = () => {
    input('parent').value = '';
    respondHeading.textContent = s.leaveReply;
    replying.hidden = true;
  };
  replying.querySelector('button')?.addEventListener('click', cancelReply);

  const renderComment = (comment: PublicComment): HTMLLIElement => {
    const author = comment.url
      ? el('a', { href: comment.url, rel: 'nofollow ugc', textContent: comment.name })
      : comment.name;
    const body = el('div', { className: 'comment-body', lang: s.langs[comment.locale] ?? '', dir: 'auto' });
    for (const lines of comment.paragraphs) {
      const p = el('p');
      lines.forEach((pieces, index) => {
        if (index > 0) p.append(el('br'));
        for (const piece of pieces)
          p.append(
            piece.type === 'link'
              ? el('a', { href: piece.href, rel: 'nofollow ugc', textContent: piece.text })
              : piece.text,
          );
      });
      body.append(p);
    }
    const article = el(
      'article',
      {},
      el(
        'p',
        { className: 'comment-meta' },
        el('bdi', { className: 'comment-author' }, author),
        ' · ',
        el('time', { dateTime: comment.createdAt, textContent: dateFormat.format(new Date(comment.createdAt)) }),
        ' · ',
        s.writtenIn[comment.locale] ?? '',
      ),
      body,
    );
    if (comment.parentId === null) {
      const button = el('button', { type: 'button', className: 'comment-reply', textContent: s.reply });
      button.setAttribute('aria-label', fillTemplate(s.replyLabel, { name: comment.name }));
      button.addEventListener('click', () => startReply(comment));
      article.append(el('p', {}, button));
    }
    const item = el('li', { id: `comment-${comment.id}`, className: 'comment' }, article);
    if (comment.replies?.length)
      item.append(el('ol', { className: 'comment-replies' }, ...comment.replies.map(renderComment)));
    return item;
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
      list.append(...data.comments.map(renderComment));
      const heading = s.heading[data.total === 0 ? 0 : data.total === 1 ? 1 : 2];
      section.querySelector('[data-heading]')!.textContent = fillTemplate(heading, { count: data.total });
      more.hidden = page >= data.pages;
      loading.hidden = true;
    } catch {
      loading.textContent = s.loadFailed;
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
    notice.textContent = s.sending;
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
        if (result.status === 'approved') await load(true);
      }
      // A token is good for one try at a time: take a fresh one after an expired or too-quick post.
      if (result.fields?.['token']) await fetchToken();
    } catch {
      notice.textContent = '';
      summary.textContent = s.network;
    } finally {
      submit.disabled = false;
    }
  });

  void fetchToken();
  void load(true);
}

for (const section of document.querySelectorAll<HTMLElement>('[data-comments]')) setup(section);
