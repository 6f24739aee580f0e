import { describe, expect, it } from 'vitest';
import { IdleTimer } from '../../../renderer/src/lib/state/idle-timer';
import { FakeClock } from './fake-clock';

function setup(timeoutMs = 90_000, warningMs = 10_000) {
  const clock = new FakeClock();
  const events: string[] = [];
  const warnings: (number | null)[] = [];
  const timer = new IdleTimer(clock, timeoutMs, warningMs, () => events.push(`idle@${clock.now()}`), (s) => warnings.push(s));
  return { clock, events, warnings, timer };
}

describe('the idle timer', () => {
  it('starts over exactly once after the timeout without a touch', () => {
    const { clock, events, timer } = setup();
    timer.start();
    clock.advance(89_999);
    expect(events).toEqual([]);
    clock.advance(1);
    expect(events).toEqual(['idle@90000']);
    clock.advance(500_000);
    expect(events).toHaveLength(1);
  });

  it('counts down the last ten seconds, once a second', () => {
    const { clock, warnings, timer } = setup();
    timer.start();
    clock.advance(79_999);
    expect(warnings.filter((w) => w !== null)).toEqual([]);
    clock.advance(10_001);
    expect(warnings.filter((w) => w !== null)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(warnings.at(-1)).toBeNull();
  });

  it('a touch during the countdown keeps the session and hides the warning', () => {
    const { clock, events, warnings, timer } = setup();
    timer.start();
    clock.advance(85_000);
    expect(warnings.at(-1)).toBe(5);
    timer.poke();
    expect(warnings.at(-1)).toBeNull();
    clock.advance(89_000);
    expect(events).toEqual([]);
    clock.advance(1_000);
    expect(events).toEqual(['idle@175000']);
  });

  it('does nothing while stopped (the attract screen has no timeout)', () => {
    const { clock, events, timer } = setup();
    timer.poke();
    clock.advance(1_000_000);
    expect(events).toEqual([]);
    timer.start();
    timer.stop();
    clock.advance(1_000_000);
    expect(events).toEqual([]);
  });

  it('uses a new timeout from the config straight away', () => {
    const { clock, events, timer } = setup();
    timer.start();
    timer.setTimeoutMs(20_000);
    clock.advance(20_000);
    expect(events).toEqual(['idle@20000']);
  });
});
