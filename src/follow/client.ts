/**
 * Browser behaviour of follow cards and share boxes: the "Copy WeChat ID" button and the Web
 * Share button. Both are `hidden` in the HTML and shown here only where they can work, so a
 * reader without JavaScript never meets a dead button.
 */
import { readBrowserStrings } from '../i18n/browser-strings.ts';
import { followStrings } from './strings.ts';

function selectText(element: Element): void {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

async function copy(text: string, source: Element): Promise<boolean> {
  // Selecting first means that, whatever happens next, the ID is ready for a manual copy.
  selectText(source);
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Blocked (permissions policy, insecure context, some in-app browsers): try the old way.
  }
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy-target]')) {
  const target = document.getElementById(button.dataset['copyTarget'] ?? '');
  const status = document.getElementById(button.dataset['copyStatus'] ?? '');
  if (!target || !status) continue;
  const t = readBrowserStrings(followStrings, button);
  button.hidden = false;
  button.addEventListener('click', async () => {
    const copied = await copy(target.textContent?.trim() ?? '', target);
    status.textContent = t(copied ? 'follow.wechat.copied' : 'follow.wechat.copyBlocked');
    status.dataset['state'] = copied ? 'copied' : 'blocked';
  });
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-share-url]')) {
  if (typeof navigator.share !== 'function') continue;
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.share({ title: document.title, url: button.dataset['shareUrl'] ?? location.href }).catch(() => {
      // The reader closed the share sheet: nothing to report.
    });
  });
}
