import type { StoryEntry } from '../../../contract/content.js';

// Stories may carry validFrom/validTo (dates, both days included). "Today" is the date on a wall clock in
// Lejre, whatever time zone the kiosk PC happens to be set to, so a story never appears an hour early.

const TIME_ZONE = 'Europe/Copenhagen';
const DATE_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The date in Denmark at `instant`, as YYYY-MM-DD. */
export function copenhagenDate(instant: Date): string {
  return DATE_FORMAT.format(instant);
}

/** Whether `story` is shown on `date` (YYYY-MM-DD in Denmark). ISO dates compare correctly as strings. */
export function isValidOn(story: Pick<StoryEntry, 'validFrom' | 'validTo'>, date: string): boolean {
  if (story.validFrom !== undefined && story.validFrom > date) return false;
  if (story.validTo !== undefined && story.validTo < date) return false;
  return true;
}

/**
 * The stories to show at `instant`. The host keeps every loaded story and calls this again at each
 * midnight (see nextCopenhagenMidnight) instead of re-reading the content folder.
 */
export function storiesValidOn<T extends Pick<StoryEntry, 'validFrom' | 'validTo'>>(stories: readonly T[], instant: Date): T[] {
  const date = copenhagenDate(instant);
  return stories.filter((story) => isValidOn(story, date));
}

/** The first instant of the next day in Denmark after `instant`: when the host should re-filter. */
export function nextCopenhagenMidnight(instant: Date): Date {
  const [year, month, day] = copenhagenDate(instant).split('-').map(Number) as [number, number, number];
  const nextDayUtc = Date.UTC(year, month - 1, day + 1);
  // Denmark is UTC+1 or UTC+2, and never changes clocks at midnight: one of the two is local 00:00.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(nextDayUtc - offsetHours * 3_600_000);
    if (TIME_FORMAT.format(candidate) === '00:00' && copenhagenDate(candidate) !== copenhagenDate(instant)) return candidate;
  }
  throw new Error(`no midnight found after ${instant.toISOString()}`);
}
