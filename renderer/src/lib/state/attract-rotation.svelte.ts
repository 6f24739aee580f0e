import type { Story } from '../../../../contract/content';
import { appEvent } from '../test-bridge';
import { highlightCandidates, pickNextHighlight } from './attract-highlights';
import type { Clock } from './idle-timer';

/** How long each highlighted story stays on the attract screen: long enough to read its title from afar. */
export const HIGHLIGHT_MS = 9_000;

/**
 * The attract screen's story card: one highlighted story at a time, the next every HIGHLIGHT_MS while the
 * attract screen shows (it calls start and stop). Each start shows a different story than the last one.
 */
export class AttractRotation {
  #currentId = $state<string | null>(null);
  #round: string[] = [];
  #timer: number | null = null;

  constructor(
    private readonly clock: Clock,
    /** The stories valid today, as the content has them now. */
    private readonly stories: () => readonly Story[],
    private readonly random: () => number = Math.random,
  ) {}

  /** The story on the card; null when there is none, or when it has left the content since it was picked. */
  get current(): Story | null {
    const id = this.#currentId;
    return id === null ? null : (this.stories().find((story) => story.id === id) ?? null);
  }

  start(): void {
    this.stop();
    this.#advance();
  }

  stop(): void {
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #advance(): void {
    const { story, round } = pickNextHighlight(highlightCandidates(this.stories()), this.#currentId, this.#round, this.random);
    this.#round = round;
    const id = story?.id ?? null;
    if (id !== this.#currentId) {
      this.#currentId = id;
      if (id !== null) appEvent('attract-story-shown', { storyId: id });
    }
    this.#timer = this.clock.setTimeout(() => this.#advance(), HIGHLIGHT_MS);
  }
}
