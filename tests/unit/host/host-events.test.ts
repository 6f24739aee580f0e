import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../contract/api.js';
import { HostEventBus } from '../../../electron/core/host-events.js';

const changed: HostEvent = { type: 'content-changed' };

describe('HostEventBus', () => {
  it('fans an event out to every connected transport', () => {
    const bus = new HostEventBus();
    const window: HostEvent[] = [];
    const sse: HostEvent[] = [];
    bus.subscribe((event) => window.push(event));
    bus.subscribe((event) => sse.push(event));
    bus.emit(changed);
    expect(window).toEqual([changed]);
    expect(sse).toEqual([changed]);
  });

  it('a transport that went away gets nothing more', () => {
    const bus = new HostEventBus();
    const seen: HostEvent[] = [];
    const unsubscribe = bus.subscribe((event) => seen.push(event));
    unsubscribe();
    bus.emit(changed);
    expect(seen).toEqual([]);
    expect(bus.listenerCount).toBe(0);
  });

  it('one failing transport does not keep the event from the others, nor fail the emitter', () => {
    const bus = new HostEventBus();
    const seen: HostEvent[] = [];
    bus.subscribe(() => {
      throw new Error('Object has been destroyed');
    });
    bus.subscribe((event) => seen.push(event));
    expect(() => bus.emit(changed)).not.toThrow();
    expect(seen).toEqual([changed]);
  });
});

describe('a staff notice sent while no page was listening', () => {
  const installed: HostEvent = { type: 'staff-notice', level: 'success', messageDa: 'Færdig – version 2 vises nu. Du kan tage USB-stikket ud.', progress: 100 };
  const installing: HostEvent = { type: 'staff-notice', level: 'progress', messageDa: 'Nyt indhold fundet på USB … Installerer 40 %', progress: 40 };

  function busAt(start = 1_000_000): { bus: HostEventBus; advance: (ms: number) => void } {
    let now = start;
    return { bus: new HostEventBus(() => now), advance: (ms) => (now += ms) };
  }

  it('is offered to a page that connects while staff could still be reading it (a stick read at boot)', () => {
    const { bus, advance } = busAt();
    bus.emit(installed); // no page connected yet
    advance(10_000);
    expect(bus.recentStaffNotice()).toEqual(installed);
  });

  it('is not shown again once the page would have hidden it (after the daily reload, say)', () => {
    const { bus, advance } = busAt();
    bus.emit(installed);
    advance(46_000);
    expect(bus.recentStaffNotice()).toBeNull();
  });

  it('an install still in progress is offered for longer, and the newest notice wins', () => {
    const { bus, advance } = busAt();
    bus.emit(installing);
    advance(5 * 60_000);
    expect(bus.recentStaffNotice()).toEqual(installing);
    bus.emit(installed);
    expect(bus.recentStaffNotice()).toEqual(installed);
  });

  it('other events are never replayed', () => {
    const { bus } = busAt();
    bus.emit(changed);
    expect(bus.recentStaffNotice()).toBeNull();
  });
});
