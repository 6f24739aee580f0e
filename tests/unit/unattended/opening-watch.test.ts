import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../../electron/core/unattended/schedule-config';
import { OpeningWatch, type OpeningState } from '../../../electron/core/unattended/opening-watch';
import { FakeClock, at } from './support';

const parsed = parseSchedule({ weekly: { monday: ['10:00-17:00'], tuesday: ['10:00-17:00'] } });
if (!parsed.ok) throw new Error(parsed.problem.messageEn);
const schedule = parsed.schedule;

function watch(clock: FakeClock, clockFloor?: number): { changes: OpeningState[]; w: OpeningWatch } {
  const changes: OpeningState[] = [];
  const w = new OpeningWatch({ schedule, clock, clockFloor, onChange: (s) => changes.push(s) });
  w.start();
  return { changes, w };
}

describe('the closed screen follows the clock', () => {
  it('closes at 17:00 and opens at 10:00, updating the text at midnight', () => {
    const clock = new FakeClock(at('2026-06-01T16:00+02:00')); // Monday
    const { changes, w } = watch(clock);
    expect(w.state.open).toBe(true);
    clock.advanceTo(at('2026-06-01T16:59:59+02:00'));
    expect(changes).toHaveLength(0);
    clock.advanceTo(at('2026-06-01T17:00:30+02:00'));
    expect(changes.at(-1)).toMatchObject({ open: false, messageDa: 'Lukket – åbner igen i morgen kl. 10' });
    clock.advanceTo(at('2026-06-02T00:01+02:00'));
    expect(changes.at(-1)?.messageDa).toBe('Lukket – åbner igen i dag kl. 10');
    clock.advanceTo(at('2026-06-02T10:00:30+02:00'));
    expect(changes.at(-1)).toMatchObject({ open: true, messageDa: null });
    expect(changes).toHaveLength(3);
    w.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('stays open with a clock from 1970, and closes as soon as NTP sets the right (closed) time', () => {
    const clock = new FakeClock(at('1970-01-01T03:00Z'));
    const { changes, w } = watch(clock, at('2026-02-01T00:00Z'));
    expect(w.state).toMatchObject({ open: true, clockTrusted: false, nextChange: null });
    clock.setWall(at('2026-06-01T20:00+02:00'));
    clock.advance(60_000);
    expect(changes.at(-1)).toMatchObject({ open: false, clockTrusted: true, messageDa: 'Lukket – åbner igen i morgen kl. 10' });
    w.stop();
  });

  it('a listener that throws does not stop the watch', () => {
    const clock = new FakeClock(at('2026-06-01T16:59+02:00'));
    let calls = 0;
    const w = new OpeningWatch({
      schedule,
      clock,
      onChange: () => {
        calls++;
        throw new Error('boom');
      },
    });
    w.start();
    clock.advanceTo(at('2026-06-02T10:01+02:00'));
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(w.state.open).toBe(true);
    w.stop();
  });
});
