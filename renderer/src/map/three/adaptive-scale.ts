/**
 * Adaptive render scale: if frames stay over budget for a second while the map moves, render fewer pixels
 * (never below 0.5); once the map is still, go back to full resolution for a sharp resting image.
 */
export class AdaptiveScale {
  static readonly BUDGET_MS = 40;
  static readonly MIN = 0.5;
  value = 1;
  #slowSince: number | null = null;
  #restoreTimer: number | null = null;

  constructor(private readonly apply: () => void) {}

  record(frameMs: number, moving: boolean, now = performance.now()): void {
    if (this.#restoreTimer !== null) window.clearTimeout(this.#restoreTimer);
    this.#restoreTimer = null;
    if (!moving) {
      this.#slowSince = null;
      if (this.value < 1) this.#restoreTimer = window.setTimeout(() => this.#set(1), 400);
      return;
    }
    if (frameMs <= AdaptiveScale.BUDGET_MS) {
      this.#slowSince = null;
      return;
    }
    this.#slowSince ??= now;
    if (now - this.#slowSince >= 1000 && this.value > AdaptiveScale.MIN) {
      this.#slowSince = now;
      this.#set(Math.max(AdaptiveScale.MIN, Math.round(this.value * 0.75 * 100) / 100));
    }
  }

  #set(value: number): void {
    if (value === this.value) return;
    this.value = value;
    this.apply();
  }
}
