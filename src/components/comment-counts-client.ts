/**
 * Fills the comment counts of every post list on the page with ONE request to the counts API.
 * The elements keep an invisible line until a count arrives (so nothing moves when it does); if
 * the request fails, nothing shows.
 * Text goes in with textContent only.
 */
import { commentCountStrings, parseCounts, threadsToCount } from '../comments/counts.ts';
import { readBrowserStrings } from '../i18n/browser-strings.ts';

async function fillCounts(): Promise<void> {
  const slots = [...document.querySelectorAll<HTMLElement>('[data-comment-count]')];
  const threads = threadsToCount(slots.map((slot) => slot.dataset['commentCount']));
  if (threads.length === 0) return;
  let counts: Map<string, number>;
  try {
    const response = await fetch(`/api/comments/counts?threads=${threads.map(encodeURIComponent).join(',')}`);
    if (!response.ok) return;
    counts = parseCounts(await response.json());
  } catch {
    return;
  }
  for (const slot of slots) {
    const count = counts.get(slot.dataset['commentCount'] ?? '');
    const list = slot.closest<HTMLElement>('[data-comment-counts]');
    if (count === undefined || !list) continue;
    const t = readBrowserStrings(commentCountStrings, list);
    const link = document.createElement('a');
    link.href = slot.dataset['href'] ?? '';
    link.textContent = t('comments.count', { count });
    slot.replaceChildren(link);
  }
}

void fillCounts();
