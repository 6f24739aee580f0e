import type { Clock } from './idle-timer';
import { CornerHold } from './staff-gesture';

// How a visitor who cannot see the screen starts read-aloud without first finding a button: a finger held
// still for 2 s anywhere on the attract screen, or a tap with three fingers at once on any screen (the
// attract screen says both aloud). Like the staff gesture, it never takes a touch away from the page,
// except the click that ends the gesture: that must not also press what lies under the fingers.

export interface ReadAloudGestureOptions {
  longPressMs?: number;
  /** The three fingers must all be down within this long of the first… */
  threeFingerGatherMs?: number;
  /** …and all lifted within this long of the first touching: longer is a hold or a pinch, not a tap. */
  threeFingerTapMs?: number;
  /** A finger that moves further than this is dragging, not tapping or holding. */
  slopPx?: number;
  /**
   * Left to the staff gesture (the top-left corner held for 3 s, see staff-gesture.ts): a long press
   * there would toggle read-aloud a second before the PIN pad opened.
   */
  staffCornerPx?: number;
}

interface Finger {
  x: number;
  y: number;
}

export class ReadAloudGestures {
  readonly #hold: CornerHold;
  readonly #gatherMs: number;
  readonly #tapMs: number;
  readonly #slopPx: number;
  readonly #staffCornerPx: number;
  readonly #fingers = new Map<number, Finger>();
  /** Since the first finger of the current touch came down; null when no finger is down. */
  #firstDownAt: number | null = null;
  #threeGathered = false;
  #spoilt = false;
  #swallowClick = false;

  constructor(
    private readonly clock: Clock,
    private readonly onGesture: (kind: 'long-press' | 'three-finger-tap') => void,
    options: ReadAloudGestureOptions = {},
  ) {
    // The long press is the staff gesture's hold, with the whole screen as its corner.
    this.#hold = new CornerHold(clock, () => onGesture('long-press'), { holdMs: options.longPressMs ?? 2_000, cornerPx: Number.POSITIVE_INFINITY, slopPx: options.slopPx ?? 16 });
    this.#gatherMs = options.threeFingerGatherMs ?? 300;
    this.#tapMs = options.threeFingerTapMs ?? 700;
    this.#slopPx = options.slopPx ?? 16;
    this.#staffCornerPx = options.staffCornerPx ?? 80;
  }

  /** `longPress`: the screen takes the long press (the attract screen only). `primary` is false for a second finger. */
  down(pointerId: number, x: number, y: number, primary: boolean, longPress: boolean): void {
    this.#swallowClick = false;
    const inStaffCorner = x <= this.#staffCornerPx && y <= this.#staffCornerPx;
    if (longPress && !inStaffCorner) this.#hold.down(pointerId, x, y, primary);
    // A second finger is never a long press.
    else this.#hold.down(pointerId, x, y, false);
    const now = this.clock.now();
    if (this.#fingers.size === 0) {
      this.#firstDownAt = now;
      this.#threeGathered = false;
      this.#spoilt = false;
    }
    this.#fingers.set(pointerId, { x, y });
    if (this.#fingers.size === 3 && now - (this.#firstDownAt ?? now) <= this.#gatherMs) this.#threeGathered = true;
    if (this.#fingers.size > 3) this.#spoilt = true;
  }

  move(pointerId: number, x: number, y: number): void {
    this.#hold.move(pointerId, x, y);
    const finger = this.#fingers.get(pointerId);
    if (finger && Math.hypot(x - finger.x, y - finger.y) > this.#slopPx) this.#spoilt = true;
  }

  /** Lifted (pointerup). */
  up(pointerId: number): void {
    this.#hold.up(pointerId);
    if (!this.#fingers.delete(pointerId) || this.#fingers.size > 0) return;
    const quick = this.#firstDownAt !== null && this.clock.now() - this.#firstDownAt <= this.#tapMs;
    const tap = this.#threeGathered && quick && !this.#spoilt;
    this.#firstDownAt = null;
    if (!tap) return;
    this.#swallowClick = true;
    this.onGesture('three-finger-tap');
  }

  /** The browser took the touch over (pointercancel): never a gesture. */
  cancel(pointerId: number): void {
    this.#spoilt = true;
    this.up(pointerId);
  }

  /** True once, for the click that ends a completed gesture: it must not also press what is under the finger. */
  takeClick(): boolean {
    const swallow = this.#swallowClick || this.#hold.takeClick();
    this.#swallowClick = false;
    return swallow;
  }
}
