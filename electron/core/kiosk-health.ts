import { outOfReachInEveryOrientation } from '../../contract/reach.js';
import type { KioskHost } from './kiosk-host.js';
import {
  clockFloorFrom,
  gatherHealth,
  isClockTrusted,
  lastInstallFromDataDir,
  logFileOptions,
  type DisplayPowerCounts,
  type HealthSummary,
  type StatisticsHealth,
  type StartRecord,
  type WatchdogCounts,
} from './unattended/index.js';

// The one health summary of a running kiosk, gathered the same way for the staff screen and for the health
// log a service stick takes home, so the two never disagree.

/** The clock is trusted when it is not earlier than the content shown was made. */
export function clockFloor(host: KioskHost): number | null {
  return clockFloorFrom([host.content.ok ? host.content.snapshot.manifest.created : null]);
}

export interface KioskHealthSources {
  host: KioskHost;
  dataDir: string;
  starts: StartRecord | null;
  watchdogCounts: () => WatchdogCounts | undefined;
  installedVersion: () => number;
  /** The display power commands' counts; absent without `displayPower` in the config. */
  displayPowerCounts?: () => DisplayPowerCounts | null;
  /** The statistics store's state; absent or null without statistics. */
  statistics?: () => StatisticsHealth | null;
}

export async function gatherKioskHealth(sources: KioskHealthSources, now = Date.now()): Promise<HealthSummary> {
  return await gatherHealth({
    kioskId: sources.host.config.kioskId,
    now,
    clockTrusted: isClockTrusted(now, clockFloor(sources.host)),
    contentVersion: sources.installedVersion(),
    lastInstall: await lastInstallFromDataDir(sources.dataDir),
    starts: sources.starts,
    watchdog: sources.watchdogCounts(),
    dataDir: sources.dataDir,
    // The folder the log files really go to (IT may move it with `logs.dir`).
    logDir: logFileOptions(sources.host.config.logs, sources.dataDir).dir,
    // Why the read-aloud control is missing, if it is (the probe at start).
    speech: sources.host.readAloud?.health() ?? null,
    displayPower: sources.displayPowerCounts?.() ?? null,
    outOfReach: sources.host.config.mounting ? outOfReachInEveryOrientation(sources.host.config.mounting) : false,
    statistics: sources.statistics?.() ?? null,
  });
}
