import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { clockFloor, gatherKioskHealth, type KioskHealthSources } from './kiosk-health.js';
import { createLogger } from './logger.js';
import { appendHealthLog, exportStats, isClockTrusted, statsLabelsFrom, type StatsStore } from './unattended/index.js';

const log = createLogger('service-stick');

/** The folder staff make on a stick (or that the kiosk makes, with `statsToAnyStick`) to get statistics back. */
export const STATS_FOLDER = 'vores-sted-statistik';

export interface ServiceStickDeps extends KioskHealthSources {
  stats: StatsStore | null;
}

/** A stick asks for statistics by having the folder: its appearance makes the watcher look again. */
export async function serviceSignature(stickDir: string): Promise<string> {
  return (await access(join(stickDir, STATS_FOLDER)).then(() => true, () => false)) ? 'stats' : '';
}

/**
 * A stick with a `vores-sted-statistik` folder gets the statistics (two CSV files for Excel and a one-page
 * summary) and a health log written into that folder: staff see how the kiosk is doing without a network.
 */
export function serviceStickHandler(deps: ServiceStickDeps): (stickDir: string) => Promise<void> {
  return async (stickDir) => {
    const folder = join(stickDir, STATS_FOLDER);
    if (!(await access(folder).then(() => true, () => false))) return;
    const { host, stats } = deps;
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
    const summary = await gatherKioskHealth(deps, now);
    await appendHealthLog(folder, summary);
    log.info({ stickDir }, 'statistics and health log written to the service stick');
  };
}
