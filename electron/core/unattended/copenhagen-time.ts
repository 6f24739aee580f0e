// Wall-clock time in Lejre, whatever time zone the kiosk PC is set to. Intl knows the Danish rules
// (CET/CEST), so no time-zone library is needed; the only arithmetic here is on dates and minutes.

const TIME_ZONE = 'Europe/Copenhagen';
const FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Monday = 0 … Sunday = 6, as a Danish week starts. */
export type WeekdayIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface LocalTime {
  /** YYYY-MM-DD in Denmark. */
  date: string;
  year: number;
  month: number;
  day: number;
  weekday: WeekdayIndex;
  hour: number;
  minute: number;
  /** Minutes since local midnight, with seconds as a fraction: 16:59:30 is 1019.5. */
  minuteOfDay: number;
}

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): number {
  const found = parts.find((p) => p.type === type);
  if (!found) throw new Error(`Intl gave no ${type}`);
  return Number(found.value);
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The Danish wall clock at `instant`. */
export function copenhagenTime(instant: number | Date): LocalTime {
  const ms = instant instanceof Date ? instant.getTime() : instant;
  const parts = FORMAT.formatToParts(ms);
  const year = part(parts, 'year');
  const month = part(parts, 'month');
  const day = part(parts, 'day');
  const hour = part(parts, 'hour');
  const minute = part(parts, 'minute');
  const second = part(parts, 'second');
  // Offsets are whole minutes, so the milliseconds are the same in every zone.
  const millis = ((ms % 1000) + 1000) % 1000;
  return {
    date: `${year}-${pad2(month)}-${pad2(day)}`,
    year,
    month,
    day,
    weekday: weekdayOf(`${year}-${pad2(month)}-${pad2(day)}`),
    hour,
    minute,
    minuteOfDay: hour * 60 + minute + second / 60 + millis / MINUTE,
  };
}

function dateUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function weekdayOf(date: string): WeekdayIndex {
  return ((new Date(dateUtc(date)).getUTCDay() + 6) % 7) as WeekdayIndex;
}

/** `date` moved by `days` calendar days (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(dateUtc(date) + days * DAY).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateUtc(to) - dateUtc(from)) / DAY);
}

/** Whether `text` is a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return new Date(dateUtc(text)).toISOString().slice(0, 10) === text;
}

/**
 * The UTC instant a local (date, minute) would be at with a given offset. Denmark is UTC+1 or UTC+2; a
 * local time maps to one of these, to both (the repeated hour in October) or to neither (the skipped hour
 * in March).
 */
export function instantsFor(date: string, minuteOfDay: number): number[] {
  const base = dateUtc(date) + minuteOfDay * MINUTE;
  return [base - 2 * 3_600_000, base - 3_600_000];
}

function compareLocal(a: LocalTime, date: string, minuteOfDay: number): number {
  if (a.date !== date) return a.date < date ? -1 : 1;
  return a.minuteOfDay - minuteOfDay;
}

/**
 * The first instant at which a clock in Lejre shows at least `minuteOfDay` on `date`. 24:00 is the next
 * midnight; a time in the hour skipped in March becomes the moment the clocks jump (03:00).
 */
export function localToInstant(date: string, minuteOfDay: number): number {
  if (minuteOfDay >= 1440) return localToInstant(addDays(date, Math.floor(minuteOfDay / 1440)), minuteOfDay % 1440);
  const [early, late] = instantsFor(date, minuteOfDay) as [number, number];
  for (const candidate of [early, late]) {
    if (compareLocal(copenhagenTime(candidate), date, minuteOfDay) === 0) return candidate;
  }
  // Skipped local time: the wall clock jumps over it somewhere between the two candidates.
  let lo = early;
  let hi = late;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (compareLocal(copenhagenTime(mid), date, minuteOfDay) >= 0) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Instants during local `date` at which the UTC offset changes (the clock jump itself), found by
 * bisection so nothing depends on the EU's current rules.
 */
export function offsetChangesOn(date: string): number[] {
  const start = dateUtc(date) - 2 * 3_600_000;
  const end = dateUtc(addDays(date, 1));
  const offset = (t: number): number => {
    const local = copenhagenTime(t);
    return Math.round((dateUtc(local.date) + local.minuteOfDay * MINUTE - t) / MINUTE);
  };
  if (offset(start) === offset(end)) return [];
  let lo = start;
  let hi = end;
  const before = offset(start);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return [hi];
}
