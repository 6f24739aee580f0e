import { describe, expect, it } from 'vitest';
import { clockFloorFrom, isClockTrusted } from '../../../electron/core/unattended/clock';
import { copenhagenTime, localToInstant } from '../../../electron/core/unattended/copenhagen-time';
import { at } from './support';

describe('clock trust', () => {
  it('trusts a clock at or after the floor, and any clock without one', () => {
    const floor = at('2026-02-01T00:00Z');
    expect(isClockTrusted(at('1970-01-01T00:00Z'), floor)).toBe(false);
    expect(isClockTrusted(floor, floor)).toBe(true);
    expect(isClockTrusted(at('1970-01-01T00:00Z'), null)).toBe(true);
    expect(isClockTrusted(at('2026-06-01T00:00Z'), () => new Date(floor))).toBe(true);
  });

  it('builds the floor from what is known to have happened, a day early', () => {
    expect(clockFloorFrom(['2026-11-23T00:00:00.000Z', at('2026-01-01T00:00Z'), null, 'garbage'])).toBe(at('2026-11-22T00:00Z'));
    expect(clockFloorFrom([undefined, 'garbage'])).toBeNull();
  });
});

describe('Danish wall-clock time', () => {
  it('reads the date, weekday and minute in Denmark', () => {
    expect(copenhagenTime(at('2026-03-29T00:59:59Z'))).toMatchObject({ date: '2026-03-29', weekday: 6, hour: 1, minute: 59 });
    expect(copenhagenTime(at('2026-03-29T01:00Z'))).toMatchObject({ hour: 3, minute: 0 });
    expect(copenhagenTime(at('2026-12-31T23:30Z'))).toMatchObject({ date: '2027-01-01', weekday: 4, hour: 0, minuteOfDay: 30 });
  });

  it('turns a local time into an instant, also on the nights the clocks change', () => {
    expect(localToInstant('2026-06-01', 600)).toBe(at('2026-06-01T08:00Z'));
    expect(localToInstant('2026-06-01', 1440)).toBe(at('2026-06-01T22:00Z'));
    expect(localToInstant('2026-03-29', 150)).toBe(at('2026-03-29T01:00Z')); // 02:30 is skipped
    expect(localToInstant('2026-10-25', 150)).toBe(at('2026-10-25T00:30Z')); // 02:30 twice: the first
  });
});
