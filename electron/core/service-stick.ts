import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { KioskHost } from './kiosk-host.js';
import { createLogger } from './logger.js';
import {
  appendHealthLog,
  clockFloorFrom,
  exportStats,
  gatherHealth,
  isClockTrusted,
  lastInstallFromDataDir,
  statsLabelsFrom,
  type StartRecord,
  type StatsStore,
  type WatchdogCounts,
} from './unattended/index.js';

const log = createLogger('service-stick');

/** The folder staff make on a stick (or that the kiosk makes, with `statsToAnyStick`) to get statistics back. */
export const STATS_FOLDER = 'vores-sted-statistik';

export interface ServiceStickDeps {
  host: KioskHost;
  stats: StatsStore | null;
  dataDir: string;
  starts: StartRecord | null;
  watchdogCounts: () => WatchdogCounts | undefined;
  installedVersion: () => number;
}

/** A stick asks for statistics by having the folder: its appearance makes the watcher look again. */
export async function serviceSignature(stickDir: string): Promise<string> {
  return (await access(join(stickDir, STATS_FOLDER)).then(() => true, () => false)) ? 'stats' : '';
}

/** The clock is trusted when it is not earlier than the content shown was made. */
export function clockFloor(host: KioskHost): number | null {
  return clockFloorFrom([host.content.ok ? host.content.snapshot.manifest.created : null]);
}

/**
 * A stick with a `vores-sted-statistik` folder gets the statistics (two CSV files for Excel and a one-page
 * summary) and a health log written into that folder: staff see how the kiosk is doing without a network.
 */
export function serviceStickHandler(deps: ServiceStickDeps): (stickDir: string) => Promise<void> {
  return async (stickDir) => {
    const folder = join(stickDir, STATS_FOLDER);
    if (!(await access(folder).then(() => true, () => false))) return;
    const { host, stats, dataDir } = deps;
    const now = Date.now();
    const clockTrusted = isClockTrusted(now, clockFloor(host));
    if (stats) {
      await stats.flush();
      await exportStats(stats.totals(), folder, {
        kioskId: host.config.kioskId,
        now,
        clockTrusted,
        ...(host.content.ok ? { labels: statsLabelsFrom(host.content.snapshot) } : {}),
      });
    }
    const summary = await gatherHealth({
      kioskId: host.config.kioskId,
      now,
      clockTrusted,
      contentVersion: deps.installedVersion(),
      lastInstall: await lastInstallFromDataDir(dataDir),
      starts: deps.starts,
      watchdog: deps.watchdogCounts(),
      dataDir,
    });
    await appendHealthLog(folder, summary);
    log.info({ stickDir }, 'statistics and health log written to the service stick');
  };
}
