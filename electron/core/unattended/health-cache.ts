import { createLogger } from '../logger.js';
import { systemClock, type Clock } from './clock.js';
import type { HealthSummary } from './health.js';

// The host API answers synchronously, but measuring the kiosk's health reads the disk. So the staff
// screen asks this cache: it hands out the latest summary while it is recent and measures again in the
// background when asked after a moment; the screen asks again until it has one. Nothing is measured
// while nobody looks.

const log = createLogger('health-cache');

export interface HealthCacheOptions {
  gather: () => Promise<HealthSummary>;
  clock?: Clock;
  /** A summary older than this is measured again when someone asks. */
  refreshAfterMs?: number;
  /** Older than this a summary is not handed out at all: staff must not read last week's numbers. */
  maxAgeMs?: number;
}

export class HealthCache {
  readonly #gather: () => Promise<HealthSummary>;
  readonly #clock: Clock;
  readonly #refreshAfterMs: number;
  readonly #maxAgeMs: number;
  #summary: HealthSummary | null = null;
  #measuredAt = 0;
  #measuring: Promise<void> | null = null;

  constructor(options: HealthCacheOptions) {
    this.#gather = options.gather;
    this.#clock = options.clock ?? systemClock;
    this.#refreshAfterMs = options.refreshAfterMs ?? 1_000;
    this.#maxAgeMs = options.maxAgeMs ?? 10_000;
  }

  /** The latest summary if it is recent enough to show (else null); starts measuring anew when due. */
  current(): HealthSummary | null {
    const age = this.#summary ? this.#clock.monotonic() - this.#measuredAt : Infinity;
    if (age >= this.#refreshAfterMs && !this.#measuring) this.#measuring = this.#measure();
    return age <= this.#maxAgeMs ? this.#summary : null;
  }

  /** Resolves once the measurement under way (if any) has finished. */
  async settled(): Promise<void> {
    await this.#measuring;
  }

  async #measure(): Promise<void> {
    try {
      const summary = await this.#gather();
      this.#summary = summary;
      this.#measuredAt = this.#clock.monotonic();
    } catch (error) {
      // The last summary stays (until it is too old to show); the next question tries again.
      log.warn({ err: error }, 'could not measure the kiosk health');
    } finally {
      this.#measuring = null;
    }
  }
}
