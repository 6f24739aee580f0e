import { beforeAll, describe, expect, it } from 'vitest';
import { parseSchedule, type OpeningHoursInput } from '../../../electron/core/unattended/schedule-config';
import { ALWAYS_OPEN, closedMessage, effectiveOpen, isOpen, nextChange, type Schedule } from '../../../electron/core/unattended/schedule';
import { at } from './support';

// Opening hours are Danish wall-clock time whatever zone the PC is set to: this file runs as if the
// kiosk PC were in New Zealand.
beforeAll(() => {
  process.env['TZ'] = 'Pacific/Auckland';
});

function schedule(input: OpeningHoursInput): Schedule {
  const parsed = parseSchedule(input);
  if (!parsed.ok) throw new Error(parsed.problem.messageEn);
  return parsed.schedule;
}

const library = schedule({
  weekly: {
    monday: ['10:00-17:00'],
    tuesday: ['10:00-12:00', '13:00–19:00'],
    wednesday: ['10:00-17:00'],
    thursday: ['10:00-17:00'],
    friday: ['10:00-17:00'],
    saturday: ['10:00-14:00'],
    sunday: ['10:00-17:00'],
  },
  exceptions: [
    { date: '2026-12-24', closed: true, label: 'juleaften', labelEn: 'Christmas Eve' },
    { from: '2026-12-25', to: '2026-12-27', closed: true, label: 'jul' },
    { date: '2026-12-31', hours: ['10:00-13:00'], label: 'nytårsaften', labelEn: "New Year's Eve" },
    { from: '2026-07-06', to: '2026-07-26', closed: true, label: 'sommerferie' },
    { date: '2026-07-15', hours: ['12:00-15:00'], label: 'sommerarrangement' },
  ],
});

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

describe('opening hours on an ordinary week (Danish time, PC in another zone)', () => {
  it('the PC really is in another time zone', () => {
    expect(new Date(at('2026-06-01T12:00Z')).getTimezoneOffset()).not.toBe(-120);
  });

  it('is open inside an interval and closed outside, the closing minute included', () => {
    expect(isOpen(library, at('2026-06-01T09:59:59+02:00'))).toBe(false);
    expect(isOpen(library, at('2026-06-01T10:00+02:00'))).toBe(true);
    expect(isOpen(library, at('2026-06-01T16:59:59+02:00'))).toBe(true);
    expect(isOpen(library, at('2026-06-01T17:00+02:00'))).toBe(false);
  });

  it('a day with two intervals closes for lunch and says it opens again today', () => {
    const lunch = at('2026-06-02T12:30+02:00'); // Tuesday
    expect(isOpen(library, lunch)).toBe(false);
    expect(iso(nextChange(library, lunch))).toBe('2026-06-02T11:00:00.000Z');
    expect(closedMessage(library, lunch)).toEqual({ da: 'Lukket – åbner igen i dag kl. 13', en: 'Closed – opens again today at 13:00' });
    expect(iso(nextChange(library, at('2026-06-02T14:00+02:00')))).toBe('2026-06-02T17:00:00.000Z');
  });

  it('after closing it opens again tomorrow, and from Saturday afternoon it opens Sunday', () => {
    expect(closedMessage(library, at('2026-06-01T18:00+02:00'))?.da).toBe('Lukket – åbner igen i morgen kl. 10');
    expect(closedMessage(library, at('2026-06-01T23:59+02:00'))?.da).toBe('Lukket – åbner igen i morgen kl. 10');
    // After midnight the same opening is "today".
    expect(closedMessage(library, at('2026-06-02T00:01+02:00'))?.da).toBe('Lukket – åbner igen i dag kl. 10');
    expect(closedMessage(library, at('2026-06-06T15:00+02:00'))?.en).toBe('Closed – opens again tomorrow at 10:00');
  });

  it('names the weekday when the next opening is further away', () => {
    const closedWeekends = schedule({ weekly: { monday: ['10:00-17:00'], friday: ['09:30-15:00'] } });
    expect(closedMessage(closedWeekends, at('2026-06-05T16:00+02:00'))).toEqual({
      da: 'Lukket – åbner igen mandag kl. 10',
      en: 'Closed – opens again on Monday at 10:00',
    });
    expect(closedMessage(closedWeekends, at('2026-06-01T18:00+02:00'))?.da).toBe('Lukket – åbner igen fredag kl. 9.30');
  });

  it('returns null for the message while open', () => {
    expect(closedMessage(library, at('2026-06-01T12:00+02:00'))).toBeNull();
  });
});

describe('across midnight', () => {
  const late = schedule({ weekly: { friday: ['18:00-24:00'], saturday: ['00:00-02:00', '10:00-14:00'] } });

  it('an interval ending at 24:00 is open until midnight and continues into the next day', () => {
    expect(isOpen(late, at('2026-06-05T23:59:59+02:00'))).toBe(true);
    expect(isOpen(late, at('2026-06-06T00:00+02:00'))).toBe(true);
    expect(iso(nextChange(late, at('2026-06-05T23:00+02:00')))).toBe('2026-06-06T00:00:00.000Z'); // 02:00 Danish time
  });

  it('24:00 alone closes at midnight', () => {
    const evening = schedule({ weekly: { friday: ['18:00-24:00'] } });
    expect(iso(nextChange(evening, at('2026-06-05T20:00+02:00')))).toBe('2026-06-05T22:00:00.000Z');
    expect(isOpen(evening, at('2026-06-06T00:00+02:00'))).toBe(false);
    expect(closedMessage(evening, at('2026-06-06T00:00+02:00'))?.da).toBe('Lukket – åbner igen fredag kl. 18');
  });
});

describe('the nights the clocks change (Europe/Copenhagen)', () => {
  it('spring, 29 March 2026: Sunday opens at 10:00 summer time, an hour earlier in UTC than the day before', () => {
    expect(iso(nextChange(library, at('2026-03-28T15:00+01:00')))).toBe('2026-03-29T08:00:00.000Z');
    expect(iso(nextChange(library, at('2026-03-29T12:00+02:00')))).toBe('2026-03-29T15:00:00.000Z');
    expect(closedMessage(library, at('2026-03-28T23:30+01:00'))?.da).toBe('Lukket – åbner igen i morgen kl. 10');
  });

  it('spring: an interval over the skipped hour lasts one hour less, and one starting in it opens at the jump', () => {
    const night = schedule({ weekly: { sunday: ['01:00-04:00'], monday: ['02:30-04:00'] } });
    expect(iso(nextChange(night, at('2026-03-28T23:00Z')))).toBe('2026-03-29T00:00:00.000Z'); // 01:00 CET
    expect(iso(nextChange(night, at('2026-03-29T00:30Z')))).toBe('2026-03-29T02:00:00.000Z'); // 04:00 CEST: 2 real hours
    const inGap = schedule({ weekly: { sunday: ['02:30-04:00'] } });
    expect(isOpen(inGap, at('2026-03-29T00:59:59Z'))).toBe(false);
    const opens = nextChange(inGap, at('2026-03-28T20:00Z'));
    expect(iso(opens)).toBe('2026-03-29T01:00:00.000Z'); // the clocks jump from 02:00 to 03:00
    expect(isOpen(inGap, at('2026-03-29T01:00Z'))).toBe(true);
  });

  it('autumn, 25 October 2026: Sunday opens at 10:00 winter time, an hour later in UTC', () => {
    expect(iso(nextChange(library, at('2026-10-24T15:00+02:00')))).toBe('2026-10-25T09:00:00.000Z');
    expect(iso(nextChange(library, at('2026-10-25T12:00+01:00')))).toBe('2026-10-25T16:00:00.000Z');
    expect(isOpen(library, at('2026-10-25T09:30Z'))).toBe(true);
  });

  it('autumn: an interval over the repeated hour lasts one hour more', () => {
    const night = schedule({ weekly: { sunday: ['01:00-03:00'] } });
    expect(iso(nextChange(night, at('2026-10-24T22:00Z')))).toBe('2026-10-24T23:00:00.000Z'); // 01:00 CEST
    expect(iso(nextChange(night, at('2026-10-24T23:30Z')))).toBe('2026-10-25T02:00:00.000Z'); // 03:00 CET: 3 real hours
  });
});

describe('exceptions', () => {
  it('a closed holiday says so, with its name, and when it opens again', () => {
    const christmasEve = at('2026-12-24T11:00+01:00'); // a Thursday
    expect(isOpen(library, christmasEve)).toBe(false);
    expect(closedMessage(library, christmasEve)).toEqual({
      da: 'Lukket i dag (juleaften) – åbner igen mandag kl. 10',
      en: 'Closed today (Christmas Eve) – opens again on Monday at 10:00',
    });
  });

  it('a single closed day before an ordinary one opens again tomorrow; English falls back to the Danish name', () => {
    const oneDay = schedule({ weekly: { monday: ['10:00-17:00'], tuesday: ['10:00-17:00'] }, exceptions: [{ date: '2026-06-01', closed: true, label: 'grundlovsdag' }] });
    expect(closedMessage(oneDay, at('2026-06-01T12:00+02:00'))).toEqual({
      da: 'Lukket i dag (grundlovsdag) – åbner igen i morgen kl. 10',
      en: 'Closed today (grundlovsdag) – opens again tomorrow at 10:00',
    });
  });

  it('special hours replace the weekday: open in the morning, closed after with the day named', () => {
    expect(isOpen(library, at('2026-12-31T12:00+01:00'))).toBe(true);
    expect(isOpen(library, at('2026-12-31T14:00+01:00'))).toBe(false);
    expect(closedMessage(library, at('2026-12-31T14:00+01:00'))?.da).toBe('Lukket (nytårsaften) – åbner igen i morgen kl. 10');
  });

  it('a long closure names the date, and a single day inside it wins over the range', () => {
    expect(closedMessage(library, at('2026-07-06T12:00+02:00'))?.da).toBe('Lukket i dag (sommerferie) – åbner igen onsdag den 15. juli kl. 12');
    expect(isOpen(library, at('2026-07-15T13:00+02:00'))).toBe(true);
    expect(closedMessage(library, at('2026-07-15T16:00+02:00'))).toEqual({
      da: 'Lukket (sommerarrangement) – åbner igen mandag den 27. juli kl. 10',
      en: 'Closed (sommerarrangement) – opens again on Monday 27 July at 10:00',
    });
  });

  it('nothing changes for an always-open kiosk, and a closed-forever one just says Lukket', () => {
    expect(nextChange(ALWAYS_OPEN, at('2026-06-01T12:00Z'))).toBeNull();
    const closedForAYear = schedule({ weekly: { monday: ['10:00-11:00'] }, exceptions: [{ from: '2026-01-01', to: '2027-12-31', closed: true }] });
    expect(closedMessage(closedForAYear, at('2026-06-01T12:00Z'))).toEqual({ da: 'Lukket', en: 'Closed' });
  });
});

describe('an untrustworthy clock', () => {
  const contentBuilt = at('2026-02-01T12:00Z');

  it('a Pi that booted thinking it is 1970 keeps the kiosk open', () => {
    const sundayNight1970 = at('1970-01-04T03:00+01:00');
    expect(isOpen(library, sundayNight1970)).toBe(false);
    expect(effectiveOpen(library, sundayNight1970, contentBuilt)).toEqual({ open: true, clockTrusted: false });
  });

  it('a clock at or after the floor is believed, closed hours included', () => {
    expect(effectiveOpen(library, at('2026-06-01T20:00+02:00'), contentBuilt)).toEqual({ open: false, clockTrusted: true });
    expect(effectiveOpen(library, contentBuilt, contentBuilt).clockTrusted).toBe(true);
    expect(effectiveOpen(library, at('2026-06-01T20:00+02:00'), null)).toEqual({ open: false, clockTrusted: true });
  });
});
