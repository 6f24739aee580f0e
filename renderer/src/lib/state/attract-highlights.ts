import type { Story } from '../../../../contract/content';

// Which story the attract screen shows next. Pure, with the randomness passed in, so a test can seed it.
// The stories given are the ones valid today: the host sends only those, and sends them again at midnight.

/**
 * The stories the attract loop takes turns with: those the content marks `highlight`. With none marked,
 * the real (non-example) stories, so a kiosk never advertises an example when it has something sourced;
 * with none of those either, every story.
 */
export function highlightCandidates<T extends Pick<Story, 'highlight' | 'example'>>(stories: readonly T[]): T[] {
  const marked = stories.filter((story) => story.highlight === true);
  if (marked.length > 0) return marked;
  const real = stories.filter((story) => !story.example);
  return real.length > 0 ? real : [...stories];
}

export interface HighlightPick<T> {
  /** The story to show; the same as before only when it is the one candidate, null when there is none. */
  story: T | null;
  /** Ids shown in the current round, the picked one included: pass it back next time. */
  round: string[];
}

/**
 * The next highlight: never the one on screen now, and each candidate once per round before any comes
 * again (a shuffled deck rather than dice, so no story is left out for long). `random` returns 0 ≤ r < 1.
 */
export function pickNextHighlight<T extends { id: string }>(
  candidates: readonly T[],
  currentId: string | null,
  round: readonly string[],
  random: () => number,
): HighlightPick<T> {
  const ids = new Set(candidates.map((story) => story.id));
  // Stories that left the content (an update, or their last day passed) no longer count as shown.
  let shown = round.filter((id) => ids.has(id));
  let pool = candidates.filter((story) => story.id !== currentId && !shown.includes(story.id));
  if (pool.length === 0) {
    shown = [];
    pool = candidates.filter((story) => story.id !== currentId);
  }
  if (pool.length === 0) {
    const only = candidates[0] ?? null;
    return { story: only, round: only ? [only.id] : [] };
  }
  const index = Math.min(pool.length - 1, Math.max(0, Math.floor(random() * pool.length)));
  const story = pool[index] as T;
  return { story, round: [...shown, story.id] };
}
