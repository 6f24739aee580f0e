// Unattended operation: opening hours, usage statistics, watchdog, daily reload, browser profile and
// log hygiene, health summary. Plain Node; the shells wire these in (see README.md in this folder).
export { clockFloorFrom, isClockTrusted, systemClock, type Clock, type ClockFloor } from './clock.js';
export { copenhagenTime, localToInstant } from './copenhagen-time.js';
export { ALWAYS_OPEN, closedMessage, effectiveOpen, isOpen, nextChange, type ClosedMessage, type EffectiveOpening, type Schedule } from './schedule.js';
export { OpeningHoursSchema, parseSchedule, type OpeningHoursInput, type ParsedSchedule, type ScheduleProblem } from './schedule-config.js';
export { OpeningWatch, openingState, type OpeningState, type OpeningWatchOptions } from './opening-watch.js';
export { StatsStore, type StatsProblem, type StatsStatus, type StatsStoreOptions, type VisitorEvent } from './stats-store.js';
export { contentCsv, exportStats, sessionsCsv, statsFileBaseName, statsHtml, statsLabelsFrom, type ExportedStats, type StatsExportOptions, type StatsLabels } from './stats-export.js';
export { benchStatsStore, type StatsBenchResult } from './stats-bench.js';
export { NO_WATCHDOG_COUNTS, RendererWatchdog, chromiumStderrSignal, type HungInfo, type WatchdogCounts, type WatchdogOptions } from './watchdog.js';
export { RendererReports } from './renderer-reports.js';
export { QuietReloadScheduler, nextQuietReload, type QuietReloadDecision, type QuietReloadOptions } from './quiet-reload.js';
export { cleanBrowserProfile, CRASH_DUMPS_FOLDER, mayRemoveProfile, pruneCrashDumps, removeStaleProfiles, type ProfileCleanOptions, type ProfileCleanReport } from './browser-profile.js';
export { DeferredLogDestination, LogFilesSchema, RotatingLogFile, logFileOptions, openLogFile, type LogDestination, type LogFilesConfig, type RotatingLogOptions } from './log-files.js';
export { DisplayPower, DisplayPowerSchema, runCommand, type CommandRunner, type DisplayPowerConfig, type DisplayPowerCounts } from './display-power.js';
export { recordCleanExit, recordStart, type StartRecord } from './start-record.js';
export {
  appendHealthLog,
  dateTimeDa,
  gatherHealth,
  healthRowsDa,
  healthTextDa,
  lastInstallFromDataDir,
  OUT_OF_REACH_WARNING_DA,
  type HealthInputs,
  type HealthRow,
  type HealthSummary,
  type StatisticsHealth,
} from './health.js';
export { HealthCache, type HealthCacheOptions } from './health-cache.js';
