/** The clock the timer runs on: the real one in the kiosk, a fake one in tests. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle) => window.clearTimeout(handle),
};

/**
 * Fires `onIdle` once after `timeoutMs` without a `poke()`, and `onWarning(secondsLeft)` every second
 * during the last `warningMs`, so the visitor sees the countdown before the kiosk starts over.
 */
export class IdleTimer {
  #deadline = 0;
  #handle: number | null = null;
  #running = false;

  constructor(
    private readonly clock: Clock,
    private timeoutMs: number,
    private readonly warningMs: number,
    private readonly onIdle: () => void,
    private readonly onWarning: (secondsLeft: number | null) => void,
  ) {}

  start(): void {
    this.#running = true;
    this.poke();
  }

  stop(): void {
    this.#running = false;
    if (this.#handle !== null) this.clock.clearTimeout(this.#handle);
    this.#handle = null;
    this.onWarning(null);
  }

  setTimeoutMs(ms: number): void {
    this.timeoutMs = ms;
    if (this.#running) this.poke();
  }

  /** Any touch, click or key: the visitor is still here. */
  poke(): void {
    if (!this.#running) return;
    this.#deadline = this.clock.now() + this.timeoutMs;
    this.onWarning(null);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#handle !== null) this.clock.clearTimeout(this.#handle);
    const left = this.#deadline - this.clock.now();
    if (left <= 0) {
      this.#handle = null;
      this.#running = false;
      this.onWarning(null);
      this.onIdle();
      return;
    }
    if (left <= this.warningMs) this.onWarning(Math.ceil(left / 1000));
    const untilWarning = left - this.warningMs;
    const wait = untilWarning > 0 ? untilWarning : left % 1000 || 1000;
    this.#handle = this.clock.setTimeout(() => this.#schedule(), Math.min(wait, left));
  }
}
