import type { Clock } from './idle-timer';

// The hidden way into the staff screen: one finger held still for 3 s in the top-left corner of any
// screen. A visitor taps, drags or pinches; holding a corner that long is not something they do by
// accident. It never takes a touch away from what lies under it, except the click that ends the hold.

export interface CornerHoldOptions {
  holdMs?: number;
  /** The corner is this many CSS pixels wide and high. */
  cornerPx?: number;
  /** A finger that moves further than this is dragging, not holding. */
  slopPx?: number;
}

interface Pending {
  pointerId: number;
  x: number;
  y: number;
  timer: number;
}

export class CornerHold {
  readonly #holdMs: number;
  readonly #cornerPx: number;
  readonly #slopPx: number;
  #pending: Pending | null = null;
  #swallowClick = false;

  constructor(
    private readonly clock: Clock,
    private readonly onHold: () => void,
    options: CornerHoldOptions = {},
  ) {
    this.#holdMs = options.holdMs ?? 3_000;
    this.#cornerPx = options.cornerPx ?? 80;
    this.#slopPx = options.slopPx ?? 16;
  }

  /** `primary` is false for a second finger: two fingers are a pinch, never the gesture. */
  down(pointerId: number, x: number, y: number, primary: boolean): void {
    this.#swallowClick = false;
    this.#cancel();
    if (!primary || x > this.#cornerPx || y > this.#cornerPx) return;
    const timer = this.clock.setTimeout(() => {
      this.#pending = null;
      this.#swallowClick = true;
      this.onHold();
    }, this.#holdMs);
    this.#pending = { pointerId, x, y, timer };
  }

  move(pointerId: number, x: number, y: number): void {
    const pending = this.#pending;
    if (pending?.pointerId === pointerId && Math.hypot(x - pending.x, y - pending.y) > this.#slopPx) this.#cancel();
  }

  /** Lifted or cancelled (pointerup, pointercancel). */
  up(pointerId: number): void {
    if (this.#pending?.pointerId === pointerId) this.#cancel();
  }

  /** True once, for the click that ends a completed hold: it must not also press the button under the finger. */
  takeClick(): boolean {
    const swallow = this.#swallowClick;
    this.#swallowClick = false;
    return swallow;
  }

  #cancel(): void {
    if (this.#pending) this.clock.clearTimeout(this.#pending.timer);
    this.#pending = null;
  }
}
