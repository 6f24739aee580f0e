import { createLogger } from '../logger.js';
import { systemClock, type Clock } from './clock.js';
import { addDays, copenhagenTime, localToInstant } from './copenhagen-time.js';

// A daily soft reload clears what weeks of WebGL and JavaScript leave behind (fragmented memory, a slowly
// growing heap). It happens at a quiet time (default 04:00 Danish time) and only on the attract screen:
// a visitor is never interrupted; if someone is there, it waits until they leave.

const log = createLogger('quiet-reload');

export type QuietReloadDecision =
  /** Reload now. */
  | { kind: 'reload' }
  /** A reload is due but a visitor is using the kiosk: ask again when the attract loop runs. */
  | { kind: 'wait-for-attract' }
  /** Nothing due before `at`. */
  | { kind: 'at'; at: Date };

/** Minutes after midnight for "HH:MM", or null. */
export function parseQuietTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/**
 * Whether to reload at `instant`. A reload is due when the last quiet time (in Lejre) has passed since
 * the last reload (or since the app started: a kiosk switched on at 09:00 needs none until tomorrow).
 */
export function nextQuietReload(instant: number | Date, quietTime: string, isAttractRunning: boolean, lastReloadAt: number | Date): QuietReloadDecision {
  const minute = parseQuietTime(quietTime);
  if (minute === null) throw new Error(`quiet time must be HH:MM, got "${quietTime}"`);
  const now = instant instanceof Date ? instant.getTime() : instant;
  const last = lastReloadAt instanceof Date ? lastReloadAt.getTime() : lastReloadAt;
  const today = copenhagenTime(now).date;
  const todaySlot = localToInstant(today, minute);
  const lastSlot = todaySlot <= now ? todaySlot : localToInstant(addDays(today, -1), minute);
  if (last < lastSlot) return isAttractRunning ? { kind: 'reload' } : { kind: 'wait-for-attract' };
  return { kind: 'at', at: new Date(todaySlot > now ? todaySlot : localToInstant(addDays(today, 1), minute)) };
}

export interface QuietReloadOptions {
  quietTime?: string;
  clock?: Clock;
  /** The soft reload: reload the page (Electron) or restart the browser (Chromium kiosk). */
  onReload: () => void;
  /** Longest wait between looks at the clock (timers do not follow wall-clock corrections). */
  recheckMs?: number;
}

/** Runs nextQuietReload on a timer and whenever the attract state changes. */
export class QuietReloadScheduler {
  readonly #clock: Clock;
  readonly #quietTime: string;
  readonly #recheckMs: number;
  #lastReload: number;
  #attract = false;
  #timer: unknown = null;
  #reloads = 0;

  constructor(private readonly options: QuietReloadOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#quietTime = options.quietTime ?? '04:00';
    if (parseQuietTime(this.#quietTime) === null) throw new Error(`quiet time must be HH:MM, got "${this.#quietTime}"`);
    this.#recheckMs = options.recheckMs ?? 60_000;
    this.#lastReload = this.#clock.now();
  }

  get reloads(): number {
    return this.#reloads;
  }

  start(): void {
    this.#lastReload = this.#clock.now();
    this.#evaluate();
  }

  stop(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** From every heartbeat: whether the screen is the attract loop. */
  setAttractRunning(running: boolean): void {
    const changed = running !== this.#attract;
    this.#attract = running;
    if (changed && running) this.#evaluate();
  }

  #evaluate(): void {
    this.stop();
    const now = this.#clock.now();
    const decision = nextQuietReload(now, this.#quietTime, this.#attract, this.#lastReload);
    let wait = this.#recheckMs;
    switch (decision.kind) {
      case 'reload':
        this.#lastReload = now;
        this.#reloads++;
        // Until the reloaded page reports in, the screen is not known to be the attract loop.
        this.#attract = false;
        log.info({ quietTime: this.#quietTime, total: this.#reloads }, 'daily soft reload');
        try {
          this.options.onReload();
        } catch (error) {
          log.error({ err: error }, 'soft reload failed');
        }
        break;
      case 'wait-for-attract':
        log.debug('soft reload due; waiting for the visitor to leave');
        break;
      case 'at':
        wait = Math.min(this.#recheckMs, Math.max(0, decision.at.getTime() - now));
        break;
      default: {
        const never: never = decision;
        throw new Error(`unknown decision ${JSON.stringify(never)}`);
      }
    }
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#evaluate();
    }, wait);
  }
}
