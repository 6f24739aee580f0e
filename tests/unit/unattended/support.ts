// Shared helpers for the unattended-operation tests: a clock that only moves when told, temp folders.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, TimerHandle } from '../../../electron/core/unattended/clock';

/**
 * Wall clock and monotonic clock move together with advance(); setWall() moves only the wall clock, as
 * NTP does when it corrects a Raspberry Pi that booted without network.
 */
export class FakeClock implements Clock {
  #wall: number;
  #mono = 1_000_000;
  #next = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(wall: number | string) {
    this.#wall = typeof wall === 'string' ? Date.parse(wall) : wall;
  }

  now(): number {
    return this.#wall;
  }

  monotonic(): number {
    return this.#mono;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = this.#next++;
    this.#timers.set(handle, { at: this.#mono + Math.max(0, ms), callback });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  setWall(wall: number | string): void {
    this.#wall = typeof wall === 'string' ? Date.parse(wall) : wall;
  }

  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.#mono + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#wall += due[1].at - this.#mono;
      this.#mono = due[1].at;
      due[1].callback();
    }
    this.#wall += end - this.#mono;
    this.#mono = end;
  }

  /** Moves to a wall-clock instant (forward only), firing timers on the way. */
  advanceTo(wall: number | string): void {
    const target = typeof wall === 'string' ? Date.parse(wall) : wall;
    if (target < this.#wall) throw new Error('advanceTo goes forward only');
    this.advance(target - this.#wall);
  }
}

/** Temp folders for one test file; call cleanup() in afterEach. */
export function tempDirs(): { make: (prefix?: string) => Promise<string>; cleanup: () => Promise<void> } {
  const made: string[] = [];
  return {
    make: async (prefix = 'vores-sted-unattended-') => {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup: async () => {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** An instant from an ISO string with its offset, e.g. "2026-03-29T03:00+02:00". */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
}
