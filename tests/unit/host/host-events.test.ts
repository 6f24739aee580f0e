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
