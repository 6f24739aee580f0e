// The one clock every unattended module takes, so tests can drive time without sleeping. Two kinds of
// time on purpose: the wall clock (what day and hour it is in Lejre; may be wrong or jump, see
// isClockTrusted) and a monotonic clock (how long something took; never jumps when NTP fixes the date).

export type TimerHandle = unknown;

export interface Clock {
  /** Wall-clock time in ms since the epoch. On a Raspberry Pi without a battery this may be far off. */
  now(): number;
  /** Milliseconds from an arbitrary start; only differences mean anything. */
  monotonic(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The real clock. Timers are unref'd: a pending check must never keep the process alive on shutdown. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (callback, ms) => {
    // Node's timers overflow (and fire at once) above 2^31-1 ms.
    const timer = setTimeout(callback, Math.min(Math.max(0, ms), 2 ** 31 - 1));
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A trusted floor for the wall clock: a number (ms), a Date, a function returning either, or none. */
export type ClockFloor = number | Date | null | undefined | (() => number | Date | null | undefined);

function floorMs(floor: ClockFloor): number | null {
  const value = typeof floor === 'function' ? floor() : floor;
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : value;
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Whether the wall clock can be believed. A clock earlier than something we know happened (the build time
 * of the installed content, say) is certainly wrong: a Pi that booted without network thinks it is 1970
 * or the last shutdown. Without a floor the clock is trusted.
 */
export function isClockTrusted(instant: number | Date, floor: ClockFloor): boolean {
  const ms = instant instanceof Date ? instant.getTime() : instant;
  const limit = floorMs(floor);
  return limit === null || ms >= limit;
}

/**
 * A floor from things known to have happened (the content's `created`, the app's build time), less a
 * margin: a build machine a little ahead must not make a right kiosk clock look wrong. Unreadable
 * values are ignored; with none left there is no floor (the clock is trusted).
 */
export function clockFloorFrom(known: readonly (string | number | Date | null | undefined)[], marginMs = 86_400_000): number | null {
  const times = known
    .map((k) => (k === null || k === undefined ? NaN : k instanceof Date ? k.getTime() : typeof k === 'string' ? Date.parse(k) : k))
    .filter((t) => Number.isFinite(t));
  return times.length === 0 ? null : Math.max(...times) - marginMs;
}
