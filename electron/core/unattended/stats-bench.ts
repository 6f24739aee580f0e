import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from './clock.js';
import { exportStats } from './stats-export.js';
import { daySessions } from './stats-model.js';
import { AGGREGATES_FILE, EVENTS_FILE, StatsStore, type VisitorEvent } from './stats-store.js';

// For the benchmark (and a unit test that checks the sizes, not the times): a realistic stream of
// visitor events through the real store, on disk, with simulated time so the events spread over weeks.

export interface StatsBenchResult {
  events: number;
  /** Simulated days the events are spread over (the store keeps one aggregate per day). */
  days: number;
  /** Events per batched append + fsync while recording. */
  flushEveryEvents: number;
  recordMs: number;
  /** Time spent in the batched appends + fsyncs while recording. */
  flushMs: number;
  compactMs: number;
  /** Opening the folder again: reading the aggregates and replaying the event file. */
  reopenMs: number;
  exportMs: number;
  eventFileBytesBeforeCompaction: number;
  bytesOnDiskAfterCompaction: number;
  csvBytes: number;
  contentCsvBytes: number;
  htmlBytes: number;
  sessionsCounted: number;
}

/** A clock that only moves when told: no real timers fire, the store flushes by event count. */
class SimulatedClock implements Clock {
  wall: number;
  mono = 0;
  constructor(start: number) {
    this.wall = start;
  }
  now(): number {
    return this.wall;
  }
  monotonic(): number {
    return this.mono;
  }
  setTimeout(): unknown {
    return null;
  }
  clearTimeout(): void {}
  advance(ms: number): void {
    this.wall += ms;
    this.mono += ms;
  }
}

const SCREENS = ['map', 'task', 'story', 'places', 'credits'] as const;
const TASKS = ['aktivt-og-selvstaendigt-liv', 'trivsel-og-laering', 'uddannelse-og-beskaeftigelse', 'baeredygtig-vaekst', 'faellesskab-og-fritid'] as const;

/** A deterministic visit: start, a few screens, tasks, stories and villages, maybe English, end. */
function* visit(n: number): Generator<VisitorEvent> {
  yield { event: 'session-start' };
  const steps = 3 + (n % 9);
  for (let i = 0; i < steps; i++) {
    const pick = (n * 7 + i * 13) % 10;
    if (pick < 3) yield { event: 'screen', detail: SCREENS[(n + i) % SCREENS.length] ?? 'map' };
    else if (pick < 5) yield { event: 'task-opened', detail: TASKS[(n + i) % TASKS.length] ?? 'trivsel-og-laering' };
    else if (pick < 7) yield { event: 'story-opened', detail: `historie-${(n * 3 + i) % 40}` };
    else if (pick < 9) yield { event: 'village-opened', detail: String((n * 5 + i) % 120) };
    else yield { event: 'language', detail: i % 2 === 0 ? 'en' : 'da' };
  }
  yield { event: 'session-end', detail: 'idle' };
}

/** Records `events` visitor events into a store in `dir`, then compacts, reopens and exports. */
export async function benchStatsStore(dir: string, events: number, options: { flushEveryEvents?: number; days?: number } = {}): Promise<StatsBenchResult> {
  const days = options.days ?? 60;
  const clock = new SimulatedClock(Date.parse('2026-01-05T09:00:00Z'));
  const storeDir = join(dir, 'stats');
  const flushEvery = options.flushEveryEvents ?? 50;
  // No size-triggered compaction while recording: the bench measures the two separately.
  const store = await StatsStore.open({ dir: storeDir, clock, flushEveryEvents: flushEvery, compactAtBytes: Number.MAX_SAFE_INTEGER });
  const stepMs = Math.max(1000, Math.floor((days * 86_400_000) / events));
  let recorded = 0;
  let flushMs = 0;
  let visitNo = 0;
  const recordStart = performance.now();
  while (recorded < events) {
    for (const event of visit(visitNo++)) {
      if (recorded >= events) break;
      clock.advance(stepMs);
      store.recordVisitorEvent(event);
      recorded++;
      if (recorded % flushEvery === 0) {
        const t = performance.now();
        await store.flush();
        flushMs += performance.now() - t;
      }
    }
  }
  await store.flush();
  const recordMs = performance.now() - recordStart;
  const eventFileBytesBeforeCompaction = (await stat(join(storeDir, EVENTS_FILE))).size;
  let t = performance.now();
  await store.compact();
  const compactMs = performance.now() - t;
  await store.close();
  const bytesOnDiskAfterCompaction = (await stat(join(storeDir, EVENTS_FILE))).size + (await stat(join(storeDir, AGGREGATES_FILE))).size;

  t = performance.now();
  const reopened = await StatsStore.open({ dir: storeDir, clock });
  const reopenMs = performance.now() - t;
  const totals = reopened.totals();
  t = performance.now();
  const exported = await exportStats(totals, dir, { kioskId: 'bench', now: clock.now(), clockTrusted: true });
  const exportMs = performance.now() - t;
  await reopened.close();
  let sessionsCounted = 0;
  for (const day of totals.values()) sessionsCounted += daySessions(day).sessions;
  return {
    events: recorded,
    days,
    flushEveryEvents: flushEvery,
    recordMs,
    flushMs,
    compactMs,
    reopenMs,
    exportMs,
    eventFileBytesBeforeCompaction,
    bytesOnDiskAfterCompaction,
    csvBytes: (await readFile(exported.csvPath)).length,
    contentCsvBytes: (await readFile(exported.contentCsvPath)).length,
    htmlBytes: (await readFile(exported.htmlPath)).length,
    sessionsCounted,
  };
}
