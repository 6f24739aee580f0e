import { readFile, readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { benchStatsStore } from '../../../electron/core/unattended/stats-bench';
import { tempDirs } from './support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('statistics at volume', () => {
  it('100 000 events over 60 days load, export, and compact to a bounded size', async () => {
    const dir = await dirs.make();
    // Large batches keep the fsync count (and the test) small; the bench measures the real batch size.
    const result = await benchStatsStore(dir, 100_000, { flushEveryEvents: 5000, days: 60 });
    expect(result.events).toBe(100_000);
    expect(result.sessionsCounted).toBeGreaterThan(10_000);
    expect(result.eventFileBytesBeforeCompaction).toBeGreaterThan(4_000_000);
    // Daily aggregates: a few kB per day, whatever the number of events.
    expect(result.bytesOnDiskAfterCompaction).toBeLessThan(61 * 8 * 1024);
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.csv'))).toHaveLength(2);
    const csv = await readFile(`${dir}/vores-sted-statistik-bench-2026-03-06.csv`, 'utf8');
    expect(csv.split('\r\n').length).toBeGreaterThan(60 * 10);
  });
});
