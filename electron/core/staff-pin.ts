import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createLogger } from './logger.js';
import { systemClock, type Clock } from './unattended/clock.js';

// The staff screen's PIN is checked here, in the host, and nowhere else: the renderer never learns it.
// Five wrong PINs in a row lock the screen for five minutes, so a curious visitor cannot try them all.
// A right PIN gives a token that the open staff screen uses to refresh the numbers; it lapses a minute
// after the screen stops asking, and a new unlock replaces it.

const log = createLogger('staff-pin');

export type UnlockResult =
  | { status: 'ok'; token: string }
  | { status: 'wrong-pin'; attemptsLeft: number }
  | { status: 'locked'; retryAfterSeconds: number }
  | { status: 'off' };

export interface StaffAccessOptions {
  /** Its monotonic time only: a wall clock set wrong must neither shorten nor lengthen a lock. */
  clock?: Clock;
  maxWrongPins?: number;
  lockMs?: number;
  /** A token not used for this long is no longer accepted. */
  tokenIdleMs?: number;
}

/** A fixed-length digest, so comparing takes as long for a wrong PIN of any length as for the right one. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export class StaffAccess {
  readonly #pin: Buffer | null;
  readonly #clock: Clock;
  readonly #maxWrong: number;
  readonly #lockMs: number;
  readonly #tokenIdleMs: number;
  #wrong = 0;
  #lockedUntil: number | null = null;
  #token: Buffer | null = null;
  #tokenUsedAt = 0;

  constructor(pin: string | undefined, options: StaffAccessOptions = {}) {
    this.#pin = pin === undefined ? null : digest(pin);
    this.#clock = options.clock ?? systemClock;
    this.#maxWrong = options.maxWrongPins ?? 5;
    this.#lockMs = options.lockMs ?? 5 * 60_000;
    this.#tokenIdleMs = options.tokenIdleMs ?? 60_000;
  }

  /** False without a PIN in the config: then the staff screen does not exist. */
  get enabled(): boolean {
    return this.#pin !== null;
  }

  unlock(candidate: string): UnlockResult {
    if (!this.#pin) return { status: 'off' };
    const now = this.#clock.monotonic();
    if (this.#lockedUntil !== null && now < this.#lockedUntil) {
      log.warn('staff PIN entered while the staff screen is locked');
      return { status: 'locked', retryAfterSeconds: Math.ceil((this.#lockedUntil - now) / 1000) };
    }
    this.#lockedUntil = null;
    if (timingSafeEqual(digest(candidate), this.#pin)) {
      this.#wrong = 0;
      const token = randomBytes(16).toString('hex');
      this.#token = Buffer.from(token);
      this.#tokenUsedAt = now;
      log.info('staff screen unlocked');
      return { status: 'ok', token };
    }
    this.#wrong++;
    if (this.#wrong >= this.#maxWrong) {
      this.#wrong = 0;
      this.#lockedUntil = now + this.#lockMs;
      log.warn({ wrongPins: this.#maxWrong, lockMinutes: this.#lockMs / 60_000 }, 'too many wrong staff PINs: the staff screen is locked');
      return { status: 'locked', retryAfterSeconds: Math.ceil(this.#lockMs / 1000) };
    }
    log.warn({ attemptsLeft: this.#maxWrong - this.#wrong }, 'wrong staff PIN');
    return { status: 'wrong-pin', attemptsLeft: this.#maxWrong - this.#wrong };
  }

  /** True for the token of the last unlock while it is in use; each use keeps it alive. */
  admit(token: string): boolean {
    const now = this.#clock.monotonic();
    const given = Buffer.from(token);
    if (!this.#token || given.length !== this.#token.length || !timingSafeEqual(given, this.#token)) return false;
    if (now - this.#tokenUsedAt > this.#tokenIdleMs) {
      this.#token = null;
      return false;
    }
    this.#tokenUsedAt = now;
    return true;
  }
}
