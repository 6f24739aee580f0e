import { isClockTrusted, type ClockFloor } from './clock.js';
import {
  addDays,
  copenhagenTime,
  daysBetween,
  instantsFor,
  offsetChangesOn,
  weekdayOf,
  type LocalTime,
  type WeekdayIndex,
} from './copenhagen-time.js';

// Opening hours in Lejre local time. The schedule is data (parsed from the config by schedule-config.ts);
// everything here is a pure function of (schedule, instant), so the closed screen can be tested for any
// day of the year, including the two nights the clocks change.

/** Open from `start` up to (not including) `end`, in minutes after local midnight; `end` may be 1440 (24:00). */
export interface OpenInterval {
  start: number;
  end: number;
}

export interface ScheduleLabel {
  da: string;
  en?: string;
}

/** Special hours (or closed: no intervals) on the days `from`…`to` (YYYY-MM-DD, both included). */
export interface ScheduleException {
  from: string;
  to: string;
  intervals: readonly OpenInterval[];
  label?: ScheduleLabel;
}

export interface Schedule {
  /** Monday first; an empty list is a closed day. */
  weekly: readonly [
    readonly OpenInterval[],
    readonly OpenInterval[],
    readonly OpenInterval[],
    readonly OpenInterval[],
    readonly OpenInterval[],
    readonly OpenInterval[],
    readonly OpenInterval[],
  ];
  exceptions: readonly ScheduleException[];
}

const ALL_DAY: readonly OpenInterval[] = [{ start: 0, end: 1440 }];

/** No opening hours configured: the kiosk is always on. */
export const ALWAYS_OPEN: Schedule = { weekly: [ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY], exceptions: [] };

/** How far ahead nextChange looks: a long summer closure still finds the reopening. */
const HORIZON_DAYS = 400;

/**
 * The exception that applies on `date`, if any. When several match (a single open day inside a closed
 * summer holiday), the shortest one wins, being the more specific; on a tie the first listed.
 */
export function exceptionOn(schedule: Schedule, date: string): ScheduleException | undefined {
  let best: ScheduleException | undefined;
  for (const exception of schedule.exceptions) {
    if (exception.from > date || exception.to < date) continue;
    if (!best || daysBetween(exception.from, exception.to) < daysBetween(best.from, best.to)) best = exception;
  }
  return best;
}

export function intervalsOn(schedule: Schedule, date: string, weekday: WeekdayIndex): readonly OpenInterval[] {
  return exceptionOn(schedule, date)?.intervals ?? schedule.weekly[weekday];
}

function openAtLocal(schedule: Schedule, local: LocalTime): boolean {
  return intervalsOn(schedule, local.date, local.weekday).some((i) => i.start <= local.minuteOfDay && local.minuteOfDay < i.end);
}

/** Whether the library is open at `instant` (by the wall clock in Lejre). */
export function isOpen(schedule: Schedule, instant: number | Date): boolean {
  return openAtLocal(schedule, copenhagenTime(instant));
}

/** Every instant during local `date` at which being open could change: interval ends, midnight, clock jumps. */
function candidatesOn(schedule: Schedule, date: string): number[] {
  const minutes = new Set<number>([0, 1440]);
  for (const interval of intervalsOn(schedule, date, weekdayOf(date))) {
    minutes.add(interval.start);
    minutes.add(interval.end);
  }
  // Both possible offsets for each boundary: the wrong one is just an extra point that changes nothing.
  return [...[...minutes].flatMap((m) => instantsFor(date, m)), ...offsetChangesOn(date)];
}

/**
 * The next instant after `instant` at which the library opens or closes, or null if nothing changes
 * within about a year (always open, or closed indefinitely).
 */
export function nextChange(schedule: Schedule, instant: number | Date): Date | null {
  const t = instant instanceof Date ? instant.getTime() : instant;
  const openNow = isOpen(schedule, t);
  const firstDate = copenhagenTime(t).date;
  // A week at a time. Candidates of neighbouring days interleave by up to two hours around midnight, so
  // each batch also takes the next day's and only decides up to where that day can no longer add any.
  for (let week = 0; week * 7 < HORIZON_DAYS; week++) {
    const firstDay = week * 7;
    const candidates: number[] = [];
    for (let d = firstDay - 1; d <= firstDay + 8; d++) candidates.push(...candidatesOn(schedule, addDays(firstDate, d)));
    const decidedUntil = instantsFor(addDays(firstDate, firstDay + 7), 0)[0] as number;
    const sorted = [...new Set(candidates)].filter((c) => c > t && c < decidedUntil).sort((a, b) => a - b);
    for (const candidate of sorted) {
      if (isOpen(schedule, candidate) !== openNow) return new Date(candidate);
    }
  }
  return null;
}

export interface EffectiveOpening {
  open: boolean;
  clockTrusted: boolean;
}

/**
 * isOpen, unless the clock cannot be believed: a kiosk that wrongly thinks it is 03:00 in 1970 would
 * stay dark all day, so with an untrusted clock it is always open.
 */
export function effectiveOpen(schedule: Schedule, instant: number | Date, clockFloor: ClockFloor): EffectiveOpening {
  if (!isClockTrusted(instant, clockFloor)) return { open: true, clockTrusted: false };
  return { open: isOpen(schedule, instant), clockTrusted: true };
}

const WEEKDAYS_DA = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'] as const;
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTHS_DA = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'] as const;
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "kl. 10" on the hour, "kl. 10.30" otherwise, as Danish signs write it. */
function clockDa(local: LocalTime): string {
  return local.minute === 0 ? `kl. ${local.hour}` : `kl. ${local.hour}.${String(local.minute).padStart(2, '0')}`;
}

function clockEn(local: LocalTime): string {
  return `at ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}

function whenDa(today: string, at: LocalTime): string {
  const days = daysBetween(today, at.date);
  if (days === 0) return `i dag ${clockDa(at)}`;
  if (days === 1) return `i morgen ${clockDa(at)}`;
  const weekday = WEEKDAYS_DA[at.weekday];
  if (days < 7) return `${weekday} ${clockDa(at)}`;
  return `${weekday} den ${at.day}. ${MONTHS_DA[at.month - 1] ?? ''} ${clockDa(at)}`;
}

function whenEn(today: string, at: LocalTime): string {
  const days = daysBetween(today, at.date);
  if (days === 0) return `today ${clockEn(at)}`;
  if (days === 1) return `tomorrow ${clockEn(at)}`;
  const weekday = WEEKDAYS_EN[at.weekday];
  if (days < 7) return `on ${weekday} ${clockEn(at)}`;
  return `on ${weekday} ${at.day} ${MONTHS_EN[at.month - 1] ?? ''} ${clockEn(at)}`;
}

export interface ClosedMessage {
  da: string;
  en: string;
}

/**
 * The text of the closed screen, e.g. "Lukket – åbner igen i morgen kl. 10" or, on a holiday,
 * "Lukket i dag (juleaften) – åbner igen fredag kl. 10". Null while open.
 */
export function closedMessage(schedule: Schedule, instant: number | Date): ClosedMessage | null {
  const local = copenhagenTime(instant);
  if (openAtLocal(schedule, local)) return null;
  const exception = exceptionOn(schedule, local.date);
  let da = 'Lukket';
  let en = 'Closed';
  if (exception?.label) {
    const labelEn = exception.label.en ?? exception.label.da;
    // A holiday that closes the whole day says so; special hours only name the day.
    const wholeDay = exception.intervals.length === 0;
    da = wholeDay ? `Lukket i dag (${exception.label.da})` : `Lukket (${exception.label.da})`;
    en = wholeDay ? `Closed today (${labelEn})` : `Closed (${labelEn})`;
  }
  const opens = nextChange(schedule, instant);
  if (!opens) return { da, en };
  const at = copenhagenTime(opens);
  return { da: `${da} – åbner igen ${whenDa(local.date, at)}`, en: `${en} – opens again ${whenEn(local.date, at)}` };
}
