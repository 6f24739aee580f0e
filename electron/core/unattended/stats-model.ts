import * as v from 'valibot';
import { copenhagenTime, pad2 } from './copenhagen-time.js';

// Anonymous usage counts. Nothing here can describe a visitor: a session is a start and a length, and
// everything else is "this id was opened once in this hour". Ids come from the content (story ids,
// village numbers, core task ids), never from what a visitor typed.

export const STAT_CATEGORIES = ['screen', 'task', 'story', 'village', 'lang'] as const;
export type StatCategory = (typeof STAT_CATEGORIES)[number];

/** The bucket for events stamped while the clock could not be trusted. */
export const UNKNOWN_TIME = 'unknown';

/** Sessions that started in one local hour. */
export interface HourStats {
  sessions: number;
  /** Sum and number of session lengths (s), for the average; a session cut off by a restart has none. */
  lengthSum: number;
  lengthCount: number;
}

/**
 * One local day ("2026-03-29") or UNKNOWN_TIME: sessions per hour (0–23; hour 0 for UNKNOWN_TIME) and
 * how often each id was opened that day ("story:anemonen" → 3). Daily, not hourly, for the ids keeps
 * the compacted file small: a busy day is a few kB whatever the number of visitors.
 */
export interface DayStats {
  hours: Map<number, HourStats>;
  counts: Map<string, number>;
}

export type StatsTotals = Map<string, DayStats>;

/** One line of the append-only event file. `q` is a sequence number: a line seen twice counts once. */
export type StatLine =
  | { q: number; b: string | null; k: 's' }
  | { q: number; b: string | null; k: 'e'; d: number }
  | { q: number; b: string | null; k: 'c'; n: string };

/** A session longer than this is a kiosk left on a screen, not a visit; its length is capped. */
export const MAX_SESSION_SECONDS = 4 * 3600;

const BUCKET_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}$/;
/** What the contract lets through as a detail (ids only), prefixed by a category. */
const COUNT_KEY = new RegExp(`^(${STAT_CATEGORIES.join('|')}):[\\w\\-æøåÆØÅ ]{1,80}$`, 'u');

export function isCountKey(key: string): boolean {
  return COUNT_KEY.test(key);
}

/** The hour bucket for an event at `instant`, or null (time unknown) when the clock is not trusted. */
export function bucketKey(instant: number, clockTrusted: boolean): string | null {
  if (!clockTrusted) return null;
  const local = copenhagenTime(instant);
  return `${local.date}T${pad2(local.hour)}`;
}

function dayFor(totals: StatsTotals, key: string | null): { day: DayStats; hour: number } {
  const name = key === null ? UNKNOWN_TIME : key.slice(0, 10);
  let day = totals.get(name);
  if (!day) {
    day = { hours: new Map(), counts: new Map() };
    totals.set(name, day);
  }
  return { day, hour: key === null ? 0 : Number(key.slice(11, 13)) };
}

function hourFor(day: DayStats, hour: number): HourStats {
  let stats = day.hours.get(hour);
  if (!stats) {
    stats = { sessions: 0, lengthSum: 0, lengthCount: 0 };
    day.hours.set(hour, stats);
  }
  return stats;
}

export function applyLine(totals: StatsTotals, line: StatLine): void {
  const { day, hour } = dayFor(totals, line.b);
  switch (line.k) {
    case 's':
      hourFor(day, hour).sessions++;
      return;
    case 'e': {
      const stats = hourFor(day, hour);
      stats.lengthSum += line.d;
      stats.lengthCount++;
      return;
    }
    case 'c':
      day.counts.set(line.n, (day.counts.get(line.n) ?? 0) + 1);
      return;
    default: {
      const never: never = line;
      throw new Error(`unknown stat line ${JSON.stringify(never)}`);
    }
  }
}

/** A line read back from disk, or null for anything torn, foreign or out of range. */
export function parseLine(text: string): StatLine | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const q = r['q'];
  const b = r['b'];
  if (typeof q !== 'number' || !Number.isSafeInteger(q) || q < 1) return null;
  if (b !== null && (typeof b !== 'string' || !BUCKET_KEY.test(b))) return null;
  switch (r['k']) {
    case 's':
      return { q, b, k: 's' };
    case 'e': {
      const d = r['d'];
      return typeof d === 'number' && Number.isFinite(d) && d >= 0 && d <= MAX_SESSION_SECONDS ? { q, b, k: 'e', d } : null;
    }
    case 'c': {
      const n = r['n'];
      return typeof n === 'string' && isCountKey(n) ? { q, b, k: 'c', n } : null;
    }
    default:
      return null;
  }
}

export function serializeLine(line: StatLine): string {
  return `${JSON.stringify(line)}\n`;
}

const count = v.pipe(v.number(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR_KEY = /^(1?\d|2[0-3])$/;

const AggregatesSchema = v.object({
  format: v.literal(1),
  lastSeq: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  days: v.record(
    v.union([v.pipe(v.string(), v.regex(DAY_KEY)), v.literal(UNKNOWN_TIME)]),
    v.object({
      h: v.record(v.pipe(v.string(), v.regex(HOUR_KEY)), v.tuple([count, count, count])),
      c: v.record(v.pipe(v.string(), v.check(isCountKey)), count),
    }),
  ),
});

/** The compacted file: every event up to `lastSeq`, summed per day (sessions per hour). */
export function aggregatesToJson(totals: StatsTotals, lastSeq: number): string {
  const days: Record<string, { h: Record<string, [number, number, number]>; c: Record<string, number> }> = {};
  for (const key of [...totals.keys()].sort()) {
    const day = totals.get(key);
    if (!day) continue;
    const h: Record<string, [number, number, number]> = {};
    for (const hour of [...day.hours.keys()].sort((a, b) => a - b)) {
      const stats = day.hours.get(hour);
      if (stats) h[String(hour)] = [stats.sessions, Math.round(stats.lengthSum), stats.lengthCount];
    }
    days[key] = { h, c: Object.fromEntries(day.counts) };
  }
  return `${JSON.stringify({ format: 1, lastSeq, days })}\n`;
}

export function aggregatesFromJson(text: string): { totals: StatsTotals; lastSeq: number } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = v.safeParse(AggregatesSchema, raw);
  if (!parsed.success) return null;
  const totals: StatsTotals = new Map();
  for (const [key, d] of Object.entries(parsed.output.days)) {
    const hours = new Map<number, HourStats>();
    for (const [hour, [sessions, lengthSum, lengthCount]] of Object.entries(d.h)) hours.set(Number(hour), { sessions, lengthSum, lengthCount });
    totals.set(key, { hours, counts: new Map(Object.entries(d.c)) });
  }
  return { totals, lastSeq: parsed.output.lastSeq };
}

export function cloneTotals(totals: StatsTotals): StatsTotals {
  return new Map([...totals].map(([key, d]) => [key, { hours: new Map([...d.hours].map(([h, s]) => [h, { ...s }])), counts: new Map(d.counts) }]));
}

/** Sessions, summed lengths and counted lengths over a whole day. */
export function daySessions(day: DayStats): HourStats {
  const sum = { sessions: 0, lengthSum: 0, lengthCount: 0 };
  for (const stats of day.hours.values()) {
    sum.sessions += stats.sessions;
    sum.lengthSum += stats.lengthSum;
    sum.lengthCount += stats.lengthCount;
  }
  return sum;
}
