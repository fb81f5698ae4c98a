/**
 * Fills the comment counts of every post list on the page with ONE request to the counts API.
 * The elements keep an invisible line until a count arrives (so nothing moves when it does); if
 * the request fails, nothing shows.
 * Text goes in with textContent only.
 */
import { commentCountText, parseCounts, threadsToCount, type CountForms } from '../comments/counts.ts';

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
    const list = slot.closest<HTMLElement>('[data-comment-forms]');
    if (count === undefined || !list) continue;
    const forms = JSON.parse(list.dataset['commentForms'] ?? '{}') as CountForms;
    const link = document.createElement('a');
    link.href = slot.dataset['href'] ?? '';
    link.textContent = commentCountText(count, forms, list.dataset['lang'] ?? 'en');
    slot.replaceChildren(link);
  }
}

void fillCounts();
