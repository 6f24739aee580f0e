type Timer = (callback: () => void, ms: number) => unknown;
type ClearTimer = (handle: unknown) => void;

/**
 * Adaptive render scale for a CPU renderer. While the map moves, frames that stay over budget for a
 * moment make it render fewer pixels (never below 0.5), and frames well under budget let it climb back.
 * What it learns is kept between flights, so the next flight starts at a scale that keeps up; when the
 * map is still, it renders one sharp frame at full resolution.
 */
export class AdaptiveScale {
  static readonly BUDGET_MS = 40;
  static readonly MIN = 0.5;
  static readonly STEP_DOWN_AFTER_MS = 300;
  static readonly STEP_UP_AFTER_MS = 2000;
  static readonly SHARPEN_AFTER_MS = 400;
  /** The scale rendered now. */
  value = 1;
  /** The scale that keeps motion within budget on this machine, as learned so far. */
  movingScale = 1;
  #slowSince: number | null = null;
  #fastSince: number | null = null;
  #sharpen: unknown = null;
  #locked = false;

  constructor(
    private readonly apply: () => void,
    private readonly setTimer: Timer = (callback, ms) => globalThis.setTimeout(callback, ms),
    private readonly clearTimer: ClearTimer = (handle) => globalThis.clearTimeout(handle as number),
  ) {}

  /** `frameMs` is the interval since the previous moving frame, or NaN for the first one. */
  record(frameMs: number, moving: boolean, now: number): void {
    if (this.#locked) return;
    if (this.#sharpen !== null) this.clearTimer(this.#sharpen);
    this.#sharpen = null;
    if (!moving) {
      this.#slowSince = null;
      this.#fastSince = null;
      if (this.value < 1) {
        this.#sharpen = this.setTimer(() => {
          this.#sharpen = null;
          this.#set(1);
        }, AdaptiveScale.SHARPEN_AFTER_MS);
      }
      return;
    }
    if (this.value !== this.movingScale) {
      this.#set(this.movingScale);
      return;
    }
    if (Number.isNaN(frameMs)) return;
    if (frameMs > AdaptiveScale.BUDGET_MS) {
      this.#fastSince = null;
      this.#slowSince ??= now;
      if (now - this.#slowSince >= AdaptiveScale.STEP_DOWN_AFTER_MS && this.movingScale > AdaptiveScale.MIN) {
        this.#slowSince = now;
        this.movingScale = Math.max(AdaptiveScale.MIN, Math.round(this.movingScale * 0.75 * 100) / 100);
        this.#set(this.movingScale);
      }
    } else if (frameMs < AdaptiveScale.BUDGET_MS * 0.5) {
      this.#slowSince = null;
      this.#fastSince ??= now;
      if (now - this.#fastSince >= AdaptiveScale.STEP_UP_AFTER_MS && this.movingScale < 1) {
        this.#fastSince = now;
        this.movingScale = Math.min(1, Math.round(this.movingScale * 1.25 * 100) / 100);
        this.#set(this.movingScale);
      }
    } else {
      this.#slowSince = null;
      this.#fastSince = null;
    }
  }

  /**
   * Holds the scale at `value` (null lets it adapt again, from what it had learned). For the bench's
   * full-resolution figure and for a configuration that wants no adaptation at all.
   */
  lock(value: number | null): void {
    if (this.#sharpen !== null) this.clearTimer(this.#sharpen);
    this.#sharpen = null;
    this.#slowSince = null;
    this.#fastSince = null;
    this.#locked = value !== null;
    this.#set(value ?? 1);
  }

  /**
   * While the map is covered, no sharpening: a full-resolution frame costs tens of milliseconds on a CPU
   * renderer and would land on the visitor's next tap. It happens when the map shows again.
   */
  pause(): void {
    if (this.#sharpen !== null) this.clearTimer(this.#sharpen);
    this.#sharpen = null;
  }

  resume(): void {
    if (this.#locked) return;
    if (this.value < 1 && this.#sharpen === null) {
      this.#sharpen = this.setTimer(() => {
        this.#sharpen = null;
        this.#set(1);
      }, AdaptiveScale.SHARPEN_AFTER_MS);
    }
  }

  #set(value: number): void {
    if (value === this.value) return;
    this.value = value;
    this.apply();
  }
}
