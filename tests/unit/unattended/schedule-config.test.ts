import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../../electron/core/unattended/schedule-config';

// IT writes the opening hours by hand: a mistake must name the field and say, in Danish, what is wrong.

function problem(input: unknown): { field: string; messageDa: string } {
  const parsed = parseSchedule(input);
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.problem;
}

describe('opening hours config', () => {
  it('accepts hyphen or en dash, single-digit hours, 24:00, and leaves unlisted weekdays closed', () => {
    const parsed = parseSchedule({ weekly: { monday: ['9:00–12:00', '12:00-24:00'], sunday: [] } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Touching intervals are one stretch.
    expect(parsed.schedule.weekly[0]).toEqual([{ start: 540, end: 1440 }]);
    expect(parsed.schedule.weekly[1]).toEqual([]);
    expect(parsed.schedule.exceptions).toEqual([]);
  });

  it('turns exceptions into date ranges with labels', () => {
    const parsed = parseSchedule({
      weekly: { monday: ['10:00-17:00'] },
      exceptions: [
        { date: '2026-12-24', closed: true, label: ' juleaften ', labelEn: 'Christmas Eve' },
        { from: '2026-07-06', to: '2026-07-26', hours: ['12:00-15:00'] },
      ],
    });
    expect(parsed.ok && parsed.schedule.exceptions).toEqual([
      { from: '2026-12-24', to: '2026-12-24', intervals: [], label: { da: 'juleaften', en: 'Christmas Eve' } },
      { from: '2026-07-06', to: '2026-07-26', intervals: [{ start: 720, end: 900 }] },
    ]);
  });

  it('names the field and says in Danish what is wrong', () => {
    expect(problem({ weekly: { monday: ['10-17'] } })).toEqual({
      field: 'weekly.monday[0]',
      messageDa: 'Åbningstiderne (openingHours): feltet „weekly.monday[0]“ skal være et tidsrum som "10:00-17:00" (brug 24:00 for midnat).',
      messageEn: 'openingHours.weekly.monday[0]: must be an interval like 10:00-17:00',
    });
    expect(problem({ weekly: { monday: ['22:00-02:00'] } }).messageDa).toContain('skal slutte efter det starter');
    expect(problem({ weekly: { monday: ['10:00-24:30'] } }).messageDa).toContain('skal være et tidsrum');
    expect(problem({ weekly: { mandag: ['10:00-17:00'] } })).toMatchObject({ field: 'weekly.mandag', messageDa: expect.stringContaining('er ikke et kendt felt') });
    expect(problem({ weekly: { monday: '10:00-17:00' } }).messageDa).toContain('skal være en liste');
    expect(problem({ weekly: {} }).messageDa).toBe('Åbningstiderne (openingHours) skal give mindst én ugedag åbningstider.');
  });

  it('checks exception dates, ranges and what the day is', () => {
    const weekly = { monday: ['10:00-17:00'] };
    expect(problem({ weekly, exceptions: [{ date: '2026-02-30', closed: true }] })).toMatchObject({ field: 'exceptions[0].date', messageDa: expect.stringContaining('skal være en dato som 2026-12-24') });
    expect(problem({ weekly, exceptions: [{ date: '24-12-2026', closed: true }] }).field).toBe('exceptions[0].date');
    expect(problem({ weekly, exceptions: [{ from: '2026-07-26', to: '2026-07-06', closed: true }] }).messageDa).toContain('"to"-dato, der ligger før "from"-datoen');
    expect(problem({ weekly, exceptions: [{ from: '2026-07-06', closed: true }] }).messageDa).toContain('enten "date" eller både "from" og "to"');
    expect(problem({ weekly, exceptions: [{ date: '2026-07-06', from: '2026-07-06', to: '2026-07-07', closed: true }] }).messageDa).toContain('enten "date"');
    expect(problem({ weekly, exceptions: [{ date: '2026-07-06' }] }).messageDa).toContain('enten "closed": true eller "hours"');
    expect(problem({ weekly, exceptions: [{ date: '2026-07-06', closed: true, hours: ['10:00-12:00'] }] }).field).toBe('exceptions[0]');
    expect(problem({ weekly, exceptions: [{ date: '2026-07-06', closed: false }] }).field).toBe('exceptions[0].closed');
  });
});
