import { createLogger } from '../logger.js';
import { isClockTrusted, systemClock, type Clock, type ClockFloor } from './clock.js';
import { copenhagenTime } from './copenhagen-time.js';
import { closedMessage, effectiveOpen, nextChange, type Schedule } from './schedule.js';

const log = createLogger('opening-hours');

export interface OpeningState {
  open: boolean;
  clockTrusted: boolean;
  /** The closed screen's text (null while open), e.g. "Lukket – åbner igen i morgen kl. 10". */
  messageDa: string | null;
  messageEn: string | null;
  /** The next opening or closing by the schedule; null with an untrusted clock or nothing ahead. */
  nextChange: Date | null;
}

export interface OpeningWatchOptions {
  schedule: Schedule;
  clockFloor?: ClockFloor;
  clock?: Clock;
  onChange: (state: OpeningState) => void;
  /**
   * Longest wait between two looks at the clock. Timers measure elapsed time, not the date: when NTP
   * corrects a Pi's clock, or midnight turns "i morgen" into "i dag", a short recheck notices.
   */
  recheckMs?: number;
}

export function openingState(schedule: Schedule, instant: number, clockFloor: ClockFloor): OpeningState {
  const { open, clockTrusted } = effectiveOpen(schedule, instant, clockFloor);
  const message = open ? null : closedMessage(schedule, instant);
  return {
    open,
    clockTrusted,
    messageDa: message?.da ?? null,
    messageEn: message?.en ?? null,
    nextChange: clockTrusted ? nextChange(schedule, instant) : null,
  };
}

function sameState(a: OpeningState, b: OpeningState): boolean {
  return a.open === b.open && a.clockTrusted === b.clockTrusted && a.messageDa === b.messageDa;
}

/** Keeps an opening state up to date and calls onChange when it changes (open/closed, clock, closed text). */
export class OpeningWatch {
  readonly #clock: Clock;
  readonly #recheckMs: number;
  #state: OpeningState;
  #timer: unknown = null;
  #lastCheck: { at: number; date: string } | null = null;

  constructor(private readonly options: OpeningWatchOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#recheckMs = options.recheckMs ?? 60_000;
    const now = this.#clock.now();
    this.#state = openingState(options.schedule, now, options.clockFloor);
    this.#lastCheck = { at: now, date: copenhagenTime(now).date };
  }

  get state(): OpeningState {
    return this.#state;
  }

  start(): OpeningState {
    this.#arm();
    log.info({ open: this.#state.open, clockTrusted: this.#state.clockTrusted, nextChange: this.#state.nextChange?.toISOString() ?? null }, 'opening hours watch started');
    return this.#state;
  }

  stop(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Whether nothing can have changed since the last look: same day, same trust, before the next change. */
  #unchangedSince(now: number): boolean {
    const last = this.#lastCheck;
    const change = this.#state.nextChange;
    if (last === null || change === null || now < last.at || now >= change.getTime()) return false;
    return isClockTrusted(now, this.options.clockFloor) && copenhagenTime(now).date === last.date;
  }

  /** Looks at the clock now (also called by the timer). */
  check(): OpeningState {
    const now = this.#clock.now();
    if (this.#unchangedSince(now)) return this.#state;
    this.#lastCheck = { at: now, date: copenhagenTime(now).date };
    const next = openingState(this.options.schedule, now, this.options.clockFloor);
    const changed = !sameState(next, this.#state);
    this.#state = next;
    if (changed) {
      log.info({ open: next.open, clockTrusted: next.clockTrusted }, next.open ? 'kiosk open' : 'kiosk closed');
      try {
        this.options.onChange(next);
      } catch (error) {
        log.error({ err: error }, 'opening hours listener failed');
      }
    }
    return next;
  }

  #arm(): void {
    this.stop();
    const until = this.#state.nextChange ? this.#state.nextChange.getTime() - this.#clock.now() : Infinity;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.check();
      this.#arm();
    }, Math.max(0, Math.min(until, this.#recheckMs)));
  }
}
