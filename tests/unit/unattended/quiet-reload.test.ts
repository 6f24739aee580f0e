import { describe, expect, it } from 'vitest';
import { QuietReloadScheduler, nextQuietReload } from '../../../electron/core/unattended/quiet-reload';
import { FakeClock, at } from './support';

describe('daily soft reload at a quiet time', () => {
  it('plans the next 04:00 in Danish time, and reloads once it has passed', () => {
    const started = at('2026-06-01T09:00+02:00');
    expect(nextQuietReload(at('2026-06-01T12:00+02:00'), '04:00', true, started)).toEqual({ kind: 'at', at: new Date(at('2026-06-02T04:00+02:00')) });
    expect(nextQuietReload(at('2026-06-02T04:00+02:00'), '04:00', true, started)).toEqual({ kind: 'reload' });
    // Just reloaded: next is tomorrow.
    expect(nextQuietReload(at('2026-06-02T04:00:01+02:00'), '04:00', true, at('2026-06-02T04:00+02:00'))).toEqual({ kind: 'at', at: new Date(at('2026-06-03T04:00+02:00')) });
  });

  it('waits while a visitor is using the kiosk', () => {
    expect(nextQuietReload(at('2026-06-02T04:10+02:00'), '04:00', false, at('2026-06-01T09:00+02:00'))).toEqual({ kind: 'wait-for-attract' });
  });

  it('follows winter and summer time', () => {
    expect(nextQuietReload(at('2026-03-28T12:00+01:00'), '04:00', true, at('2026-03-28T11:00+01:00'))).toEqual({ kind: 'at', at: new Date('2026-03-29T02:00:00Z') });
    expect(nextQuietReload(at('2026-10-24T12:00+02:00'), '04:00', true, at('2026-10-24T11:00+02:00'))).toEqual({ kind: 'at', at: new Date('2026-10-25T03:00:00Z') });
    // 02:30 does not exist on 29 March: the reload happens when the clocks jump.
    expect(nextQuietReload(at('2026-03-28T12:00+01:00'), '02:30', true, at('2026-03-28T11:00+01:00'))).toEqual({ kind: 'at', at: new Date('2026-03-29T01:00:00Z') });
  });

  it('refuses a quiet time that is not HH:MM', () => {
    expect(() => nextQuietReload(0, '4 am', true, 0)).toThrow(/HH:MM/);
  });

  it('the scheduler reloads at 04:00 on the attract screen, and not again that day', () => {
    const clock = new FakeClock(at('2026-06-01T22:00+02:00'));
    let reloads = 0;
    const scheduler = new QuietReloadScheduler({ clock, onReload: () => reloads++ });
    scheduler.start();
    scheduler.setAttractRunning(true);
    clock.advanceTo(at('2026-06-02T03:59+02:00'));
    expect(reloads).toBe(0);
    clock.advanceTo(at('2026-06-02T04:00:30+02:00'));
    expect(reloads).toBe(1);
    // The reloaded page reports the attract screen again.
    scheduler.setAttractRunning(true);
    clock.advanceTo(at('2026-06-02T23:00+02:00'));
    expect(reloads).toBe(1);
    clock.advanceTo(at('2026-06-03T04:01+02:00'));
    expect(reloads).toBe(2);
    scheduler.stop();
  });

  it('the scheduler waits for the visitor to leave, then reloads at once', () => {
    const clock = new FakeClock(at('2026-06-01T22:00+02:00'));
    let reloads = 0;
    const scheduler = new QuietReloadScheduler({ clock, onReload: () => reloads++ });
    scheduler.start();
    scheduler.setAttractRunning(false); // a late visitor
    clock.advanceTo(at('2026-06-02T04:20+02:00'));
    expect(reloads).toBe(0);
    scheduler.setAttractRunning(true);
    expect(reloads).toBe(1);
    expect(scheduler.reloads).toBe(1);
    scheduler.stop();
  });

  it('a kiosk switched on after 04:00 does not reload until the next morning', () => {
    const clock = new FakeClock(at('2026-06-01T09:00+02:00'));
    let reloads = 0;
    const scheduler = new QuietReloadScheduler({ clock, onReload: () => reloads++ });
    scheduler.start();
    scheduler.setAttractRunning(true);
    clock.advanceTo(at('2026-06-01T23:00+02:00'));
    expect(reloads).toBe(0);
    scheduler.stop();
  });
});
