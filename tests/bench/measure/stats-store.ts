import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatsBenchResult } from '../../../electron/core/unattended/stats-bench.js';

// The statistics store after a million visitor events (issue 7, "Measured"): size on disk and the time
// to export the CSV, through the real store and export on this machine's disk.

export const STATS_EVENTS = 1_000_000;
/**
 * Two years, the store's retention (731 days): the most days a kiosk ever keeps, so the largest file and
 * the longest export (size grows with days, not events). A million events is ~1 400 a day, a busy kiosk.
 */
export const STATS_DAYS = 730;
/**
 * Batches of 5 000 (the kiosk appends every 50 events or 2 s): the same bytes on disk and the same export,
 * without 20 000 fsyncs that would make the bench take minutes on an SD card.
 */
const FLUSH_EVERY_EVENTS = 5_000;

export async function measureStatsStore(): Promise<StatsBenchResult> {
  // Loaded here, not imported: the host logger reads its level when it loads (run.ts sets it first).
  const { benchStatsStore } = await import('../../../electron/core/unattended/stats-bench.js');
  const dir = await mkdtemp(join(tmpdir(), 'vores-sted-stats-bench-'));
  try {
    return await benchStatsStore(dir, STATS_EVENTS, { flushEveryEvents: FLUSH_EVERY_EVENTS, days: STATS_DAYS });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
