import { appendFile, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { daySessions, type StatsTotals } from '../../../electron/core/unattended/stats-model';
import { AGGREGATES_FILE, EVENTS_FILE, StatsStore, type AppendFn, type StatsProblem, type StatsStoreOptions, type VisitorEvent } from '../../../electron/core/unattended/stats-store';
import { FakeClock, at, tempDirs } from './support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function openStore(dir: string, clock: FakeClock, extra: Partial<StatsStoreOptions> = {}): Promise<StatsStore> {
  return await StatsStore.open({ dir, clock, flushEveryEvents: 1000, flushEveryMs: 2000, ...extra });
}

function visit(store: StatsStore, clock: FakeClock, seconds: number, ...middle: VisitorEvent[]): void {
  store.recordVisitorEvent({ event: 'session-start' });
  for (const event of middle) store.recordVisitorEvent(event);
  clock.advance(seconds * 1000);
  store.recordVisitorEvent({ event: 'session-end', detail: 'idle' });
}

function sessions(totals: StatsTotals): number {
  let n = 0;
  for (const day of totals.values()) n += daySessions(day).sessions;
  return n;
}

function count(totals: StatsTotals, key: string): number {
  let n = 0;
  for (const day of totals.values()) n += day.counts.get(key) ?? 0;
  return n;
}

const story = (id: string): VisitorEvent => ({ event: 'story-opened', detail: id });

/** Fails like a full disk: writes part of the batch, then ENOSPC. */
function fullDisk(): { append: AppendFn; full: boolean; calls: number } {
  const state = {
    full: true,
    calls: 0,
    append: async (path: string, data: Uint8Array): Promise<void> => {
      state.calls++;
      if (!state.full) {
        await appendFile(path, data);
        return;
      }
      await appendFile(path, data.subarray(0, Math.floor(data.length / 2)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };
  return state;
}

describe('usage statistics store', () => {
  it('counts sessions per day and hour, their length, and what was opened; all of it survives a restart', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const store = await openStore(dir, clock);
    visit(store, clock, 40, { event: 'screen', detail: 'map' }, { event: 'task-opened', detail: 'trivsel-og-laering' }, story('anemonen'), { event: 'village-opened', detail: '12' }, { event: 'language', detail: 'en' });
    clock.advance(3600_000);
    visit(store, clock, 20, story('anemonen'));
    await store.close();

    const again = await openStore(dir, clock);
    const totals = again.totals();
    const day = totals.get('2026-06-01');
    expect(day?.hours.get(10)).toEqual({ sessions: 1, lengthSum: 40, lengthCount: 1 });
    expect(day?.hours.get(11)).toEqual({ sessions: 1, lengthSum: 20, lengthCount: 1 });
    expect(Object.fromEntries(day?.counts ?? [])).toEqual({
      'screen:map': 1,
      'task:trivsel-og-laering': 1,
      'story:anemonen': 2,
      'village:12': 1,
      'lang:en': 1,
    });
    await again.close();
  });

  it('measures session length on the monotonic clock: NTP moving the date mid-visit changes nothing', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const store = await openStore(dir, clock);
    store.recordVisitorEvent({ event: 'session-start' });
    clock.setWall(at('2026-06-01T12:00+02:00'));
    clock.advance(30_000);
    store.recordVisitorEvent({ event: 'session-end', detail: 'idle' });
    expect(store.totals().get('2026-06-01')?.hours.get(10)).toEqual({ sessions: 1, lengthSum: 30, lengthCount: 1 });
    // A session-end with no start (the kiosk restarted mid-visit) has no length to count.
    store.recordVisitorEvent({ event: 'session-end', detail: 'idle' });
    expect(daySessions(store.totals().get('2026-06-01') ?? { hours: new Map(), counts: new Map() }).lengthCount).toBe(1);
    await store.close();
  });

  it('stores no free text: only ids of the allowed shape are counted', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const store = await openStore(dir, clock);
    store.recordVisitorEvent(story('<script>alert(1)</script>'));
    store.recordVisitorEvent(story('x'.repeat(81)));
    store.recordVisitorEvent({ event: 'story-opened' });
    store.recordVisitorEvent(story('Ærø kirke'));
    expect([...(store.totals().get('2026-06-01')?.counts.keys() ?? [])]).toEqual(['story:Ærø kirke']);
    await store.close();
  });

  it('batches fsyncs: nothing is written until the batch is full or the time is up', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const writes: number[] = [];
    const append: AppendFn = async (path, data) => {
      writes.push(data.length);
      await appendFile(path, data);
    };
    const store = await openStore(dir, clock, { flushEveryEvents: 5, flushEveryMs: 2000, appendFile: append });
    for (let i = 0; i < 3; i++) store.recordVisitorEvent(story('a'));
    await store.whenIdle();
    expect(writes).toHaveLength(0);
    clock.advance(1999);
    await store.whenIdle();
    expect(writes).toHaveLength(0);
    clock.advance(1);
    await store.whenIdle();
    expect(writes).toHaveLength(1);
    for (let i = 0; i < 5; i++) store.recordVisitorEvent(story('b'));
    await store.whenIdle();
    expect(writes).toHaveLength(2);
    expect(store.status.pendingEvents).toBe(0);
    await store.close();
  });

  it('a power cut loses at most the batch not yet written, and a torn last line is dropped', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const store = await openStore(dir, clock);
    visit(store, clock, 10, story('a'));
    await store.flush();
    store.recordVisitorEvent(story('lost-in-the-power-cut'));
    // The power goes: no close(), and the last append was torn half way.
    await appendFile(join(dir, EVENTS_FILE), '{"q":99,"b":"2026-06-01T10","k":"c","n":"story:to');

    const after = await openStore(dir, clock);
    expect(after.status.skippedLines).toBe(1);
    const totals = after.totals();
    expect(sessions(totals)).toBe(1);
    expect(count(totals, 'story:a')).toBe(1);
    expect(count(totals, 'story:lost-in-the-power-cut')).toBe(0);
    // Counting goes on normally after the repair.
    after.recordVisitorEvent(story('a'));
    await after.close();
    const third = await openStore(dir, clock);
    expect(count(third.totals(), 'story:a')).toBe(2);
    expect(third.status.skippedLines).toBe(0);
    await third.close();
  });

  it('a full disk is reported in Danish, keeps everything stored before, and catches up when there is room', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const disk = fullDisk();
    disk.full = false;
    const problems: (StatsProblem | null)[] = [];
    const store = await openStore(dir, clock, { appendFile: disk.append, onProblem: (p) => problems.push(p), compactAtBytes: 10_000_000 });
    visit(store, clock, 10, story('before'));
    await store.flush();
    const storedBefore = await readFile(join(dir, EVENTS_FILE), 'utf8');

    disk.full = true;
    visit(store, clock, 10, story('during'));
    await store.flush();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'ENOSPC', messageDa: 'Statistikken kan ikke gemmes (disken er fuld). Tallene, der allerede er gemt, er bevaret.' });
    expect(store.status.problem?.code).toBe('ENOSPC');
    expect(store.status.pendingEvents).toBe(3);
    // The half-written batch was cut off again: the file is exactly what was there.
    expect(await readFile(join(dir, EVENTS_FILE), 'utf8')).toBe(storedBefore);
    // Still failing: reported once, not on every retry.
    await store.flush();
    expect(problems).toHaveLength(1);

    // A restart while the disk is full: what was stored is all there.
    const meanwhile = await StatsStore.open({ dir, clock, appendFile: disk.append, compactAtBytes: 10_000_000 });
    expect(count(meanwhile.totals(), 'story:before')).toBe(1);
    expect(sessions(meanwhile.totals())).toBe(1);
    await meanwhile.close();

    disk.full = false;
    await store.flush();
    expect(problems.at(-1)).toBeNull();
    expect(store.status.pendingEvents).toBe(0);
    await store.close();
    const after = await openStore(dir, clock);
    expect(sessions(after.totals())).toBe(2);
    expect(count(after.totals(), 'story:during')).toBe(1);
    await after.close();
  });

  it('while the disk stays full, memory is bounded: the oldest unsaved events are dropped and counted', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const disk = fullDisk();
    const store = await openStore(dir, clock, { appendFile: disk.append, maxPendingEvents: 10, flushEveryEvents: 5, retryAfterProblemMs: 30_000 });
    for (let i = 0; i < 25; i++) store.recordVisitorEvent(story('a'));
    await store.whenIdle();
    expect(store.status).toMatchObject({ pendingEvents: 10, droppedEvents: 15 });
    // This run's totals still show them.
    expect(count(store.totals(), 'story:a')).toBe(25);
    // A full disk is not hammered on every tap: one attempt, then a retry on the slow timer.
    for (let i = 0; i < 5; i++) store.recordVisitorEvent(story('b'));
    await store.whenIdle();
    expect(disk.calls).toBe(1);
    clock.advance(29_999);
    await store.whenIdle();
    expect(disk.calls).toBe(1);
    clock.advance(1);
    await store.whenIdle();
    expect(disk.calls).toBe(2);
    // Room again: the retry writes what is kept.
    disk.full = false;
    clock.advance(30_000);
    await store.whenIdle();
    expect(store.status).toMatchObject({ pendingEvents: 0, problem: null });
    await store.close();
  });

  it('compaction folds the event file into daily aggregates atomically and keeps the counts', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const store = await openStore(dir, clock, { compactAtBytes: 2000, flushEveryEvents: 20 });
    for (let i = 0; i < 200; i++) {
      visit(store, clock, 5, story(`s${i % 7}`));
      clock.advance(600_000);
    }
    await store.flush();
    expect((await stat(join(dir, EVENTS_FILE))).size).toBeLessThan(2000);
    const files = await readdir(dir);
    expect(files.sort()).toEqual([AGGREGATES_FILE, EVENTS_FILE]);
    await store.close();
    const after = await openStore(dir, clock);
    expect(sessions(after.totals())).toBe(200);
    expect(count(after.totals(), 'story:s0')).toBe(29);
    await after.close();
  });

  it('a power cut between writing the aggregates and emptying the event file counts nothing twice', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const store = await openStore(dir, clock, { compactAtBytes: 10_000_000 });
    visit(store, clock, 10, story('a'), story('b'));
    await store.flush();
    const events = await readFile(join(dir, EVENTS_FILE));
    await store.compact();
    await store.close();
    // The event file as it was before it was emptied.
    await writeFile(join(dir, EVENTS_FILE), events);
    const after = await openStore(dir, clock);
    expect(sessions(after.totals())).toBe(1);
    expect(count(after.totals(), 'story:a')).toBe(1);
    await after.close();
  });

  it('stamps events "time unknown" while the clock is untrusted, rather than a wrong date', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('1970-01-01T00:05Z'));
    const store = await openStore(dir, clock, { clockFloor: at('2026-02-01T00:00Z') });
    visit(store, clock, 10, story('a'));
    clock.setWall(at('2026-06-01T10:15+02:00'));
    visit(store, clock, 10, story('a'));
    await store.close();
    const after = await openStore(dir, clock);
    expect([...after.totals().keys()].sort()).toEqual(['2026-06-01', 'unknown']);
    expect(after.totals().get('unknown')?.counts.get('story:a')).toBe(1);
    await after.close();
  });

  it('drops days older than the retention at compaction, never the undated ones', async () => {
    const dir = await dirs.make();
    const clock = new FakeClock(at('2024-01-10T10:00+01:00'));
    const store = await openStore(dir, clock, { retainDays: 365, clockFloor: at('2023-01-01T00:00Z') });
    visit(store, clock, 10);
    clock.setWall(at('2020-01-01T00:00Z'));
    visit(store, clock, 10);
    clock.setWall(at('2026-06-01T10:00+02:00'));
    visit(store, clock, 10);
    await store.compact();
    expect([...store.totals().keys()].sort()).toEqual(['2026-06-01', 'unknown']);
    await store.close();
  });

  it('an unreadable aggregates file is kept aside for IT, not overwritten', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, AGGREGATES_FILE), '{"format":1,"lastSeq":"garbage"');
    const clock = new FakeClock(at('2026-06-01T10:15+02:00'));
    const store = await openStore(dir, clock);
    visit(store, clock, 10);
    await store.compact();
    await store.close();
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith('aggregates.unreadable-'))).toHaveLength(1);
    const after = await openStore(dir, clock);
    expect(sessions(after.totals())).toBe(1);
    await after.close();
  });
});
