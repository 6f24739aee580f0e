import * as v from 'valibot';
import { WHOLE_FILE, describeIssueDa, issuePath } from '../validation-messages.js';
import { isCalendarDate } from './copenhagen-time.js';
import type { OpenInterval, Schedule, ScheduleException } from './schedule.js';

// The opening hours as IT writes them in the kiosk config, e.g.
//   "openingHours": {
//     "weekly": { "monday": ["10:00-17:00"], "tuesday": ["10:00-12:00", "13:00-19:00"], "sunday": [] },
//     "exceptions": [
//       { "date": "2026-12-24", "closed": true, "label": "juleaften", "labelEn": "Christmas Eve" },
//       { "date": "2026-12-31", "hours": ["10:00-13:00"], "label": "nytårsaften" },
//       { "from": "2026-07-06", "to": "2026-07-26", "closed": true, "label": "sommerferie" }
//     ]
//   }
// A weekday left out is closed. Times are Danish local time; "24:00" ends an interval at midnight.

const MESSAGES = {
  interval: { en: 'must be an interval like 10:00-17:00', da: 'skal være et tidsrum som "10:00-17:00" (brug 24:00 for midnat)' },
  order: { en: 'the interval must end after it starts', da: 'skal slutte efter det starter (et tidsrum kan ikke gå over midnat – del det i to dage)' },
  date: { en: 'must be a date like 2026-12-24', da: 'skal være en dato som 2026-12-24' },
  whichDays: { en: 'give either "date" or both "from" and "to"', da: 'skal have enten "date" eller både "from" og "to"' },
  range: { en: '"to" must not be before "from"', da: 'har en "to"-dato, der ligger før "from"-datoen' },
  closedOrHours: { en: 'give either "closed": true or "hours"', da: 'skal have enten "closed": true eller "hours" (særlige åbningstider)' },
  anyDay: { en: 'at least one weekday needs opening hours', da: 'skal give mindst én ugedag åbningstider' },
} as const;

const DA_FOR = new Map<string, string>(Object.values(MESSAGES).map((m) => [m.en, m.da]));

const INTERVAL = /^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$/;

/** "10:00-17:00" (hyphen or en dash) as minutes, or null if it is not a valid interval. */
export function parseInterval(text: string): OpenInterval | null {
  const match = INTERVAL.exec(text);
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || m1 > 59 || m2 > 59 || h2 > 24 || (h2 === 24 && m2 !== 0)) return null;
  return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
}

const IntervalText = v.pipe(
  v.string(),
  v.check((text) => parseInterval(text) !== null, MESSAGES.interval.en),
  v.check((text) => {
    const interval = parseInterval(text);
    return interval !== null && interval.start < interval.end;
  }, MESSAGES.order.en),
);
const DayHours = v.pipe(v.array(IntervalText), v.maxLength(8));
const DateText = v.pipe(v.string(), v.check(isCalendarDate, MESSAGES.date.en));
const Label = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(60));

const WEEKDAY_KEYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const ExceptionSchema = v.pipe(
  v.strictObject({
    date: v.optional(DateText),
    from: v.optional(DateText),
    to: v.optional(DateText),
    closed: v.optional(v.literal(true)),
    hours: v.optional(DayHours),
    label: v.optional(Label),
    labelEn: v.optional(Label),
  }),
  v.check((e) => {
    const single = e.date !== undefined && e.from === undefined && e.to === undefined;
    const range = e.date === undefined && e.from !== undefined && e.to !== undefined;
    return single || range;
  }, MESSAGES.whichDays.en),
  v.check((e) => e.from === undefined || e.to === undefined || e.from <= e.to, MESSAGES.range.en),
  v.check((e) => (e.closed === true) !== (e.hours !== undefined), MESSAGES.closedOrHours.en),
);

export const OpeningHoursSchema = v.pipe(
  v.strictObject({
    weekly: v.strictObject(Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, v.optional(DayHours)])) as Record<(typeof WEEKDAY_KEYS)[number], v.OptionalSchema<typeof DayHours, undefined>>),
    exceptions: v.optional(v.array(ExceptionSchema), []),
  }),
  v.check((s) => WEEKDAY_KEYS.some((day) => (s.weekly[day]?.length ?? 0) > 0), MESSAGES.anyDay.en),
);

export type OpeningHoursInput = v.InferInput<typeof OpeningHoursSchema>;

/** Sorted, with touching or overlapping intervals joined, so "10-12" + "12-13" is one stretch. */
function normalise(texts: readonly string[] | undefined): OpenInterval[] {
  const intervals = (texts ?? []).map((t) => parseInterval(t)).filter((i): i is OpenInterval => i !== null);
  intervals.sort((a, b) => a.start - b.start);
  const merged: OpenInterval[] = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

export interface ScheduleProblem {
  /** Where in the openingHours section, e.g. "weekly.monday[0]" or "exceptions[2]". */
  field: string;
  messageDa: string;
  messageEn: string;
}

export type ParsedSchedule = { ok: true; schedule: Schedule } | { ok: false; problem: ScheduleProblem };

/** Checks the openingHours section; the problem names the first wrong field in Danish for IT. */
export function parseSchedule(input: unknown): ParsedSchedule {
  const parsed = v.safeParse(OpeningHoursSchema, input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const field = issuePath(issue);
    const what = DA_FOR.get(issue.message) ?? describeIssueDa(issue);
    const where = field === WHOLE_FILE ? 'Åbningstiderne (openingHours)' : `Åbningstiderne (openingHours): feltet „${field}“`;
    return {
      ok: false,
      problem: {
        field,
        messageDa: `${where} ${what}.`,
        messageEn: `openingHours${field === WHOLE_FILE ? '' : `.${field}`}: ${issue.expected === 'never' ? 'unknown field (check the spelling)' : issue.message}`,
      },
    };
  }
  const { weekly, exceptions } = parsed.output;
  const days = WEEKDAY_KEYS.map((day) => normalise(weekly[day]));
  return {
    ok: true,
    schedule: {
      weekly: days as unknown as Schedule['weekly'],
      exceptions: exceptions.map((e): ScheduleException => {
        const from = e.date ?? e.from ?? '';
        const to = e.date ?? e.to ?? '';
        const base = { from, to, intervals: e.closed ? [] : normalise(e.hours) };
        if (e.label === undefined) return base;
        return { ...base, label: e.labelEn === undefined ? { da: e.label } : { da: e.label, en: e.labelEn } };
      }),
    },
  };
}
