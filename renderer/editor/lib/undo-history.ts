/**
 * Undo and redo for the story form: snapshots of the whole draft. Typing in one field within a short
 * pause is one step (as in Word), so undo does not take back a single letter at a time.
 */
export class UndoHistory<T> {
  readonly #past: T[] = [];
  readonly #future: T[] = [];
  #lastKey: string | null = null;
  #lastAt = -Infinity;

  constructor(
    private readonly limit = 200,
    private readonly mergeWithinMs = 1_000,
  ) {}

  /** Remember `before` as the state to go back to; edits to the same `key` in quick succession merge. */
  record(before: T, key: string, now: number): void {
    const merge = key === this.#lastKey && now - this.#lastAt < this.mergeWithinMs;
    this.#lastKey = key;
    this.#lastAt = now;
    this.#future.length = 0;
    if (merge) return;
    this.#past.push(before);
    if (this.#past.length > this.limit) this.#past.shift();
  }

  undo(current: T): T | null {
    const previous = this.#past.pop();
    if (previous === undefined) return null;
    this.#future.push(current);
    this.#lastKey = null;
    return previous;
  }

  redo(current: T): T | null {
    const next = this.#future.pop();
    if (next === undefined) return null;
    this.#past.push(current);
    this.#lastKey = null;
    return next;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  clear(): void {
    this.#past.length = 0;
    this.#future.length = 0;
    this.#lastKey = null;
  }
}
