import { join } from 'node:path';
import { DEFAULT_LIMITS, parseBundleConfig, type BundleSettings } from './bundle/index.js';
import { ConfigError, type KioskConfig } from './config.js';
import { ContentUpdater } from './content-updates.js';
import { KioskHost } from './kiosk-host.js';
import { attachLogFile, createLogger, detachLogFile } from './logger.js';
import { ReadAloudHost } from './read-aloud.js';
import { clockFloor, gatherKioskHealth } from './kiosk-health.js';
import { serviceSignature, serviceStickHandler } from './service-stick.js';
import {
  ALWAYS_OPEN,
  DisplayPower,
  HealthCache,
  logFileOptions,
  OpeningWatch,
  parseSchedule,
  recordCleanExit,
  recordStart,
  RendererReports,
  StatsStore,
  type Schedule,
  type StartRecord,
  type WatchdogCounts,
} from './unattended/index.js';

const log = createLogger('start-host');

export interface RunningHost {
  host: KioskHost;
  updater: ContentUpdater;
  stats: StatsStore | null;
  starts: StartRecord | null;
  /** Turns the screen off and on with the opening hours; null without `displayPower` in the config. */
  displayPower: DisplayPower | null;
  /** The shell hands its watchdog's counts to the health log. */
  setWatchdogCounts: (counts: () => WatchdogCounts) => void;
  stop: () => Promise<void>;
}

function bundleSettings(config: KioskConfig): BundleSettings {
  if (!config.bundles) {
    // No key configured: sticks are still read (statistics), but no bundle can be trusted.
    log.info('no bundles section in the config: USB content updates are off');
    return { trustedKeys: [], contentId: undefined, extraBundleFolder: undefined, limits: DEFAULT_LIMITS };
  }
  const parsed = parseBundleConfig(config.bundles);
  if (!parsed.ok) {
    throw new ConfigError(
      `Konfigurationen af USB-opdateringer (bundles) er forkert: ${parsed.problems.join('; ')}`,
      `Config "bundles" is invalid: ${parsed.problems.join('; ')}`,
    );
  }
  return parsed.settings;
}

function openingSchedule(config: KioskConfig): Schedule {
  if (config.openingHours === undefined) return ALWAYS_OPEN;
  const parsed = parseSchedule(config.openingHours);
  if (!parsed.ok) throw new ConfigError(parsed.problem.messageDa, parsed.problem.messageEn);
  return parsed.schedule;
}

/**
 * What both shells do first: the host core, the installed bundle version (if any), the statistics store
 * and the USB watcher (content updates in, statistics and health out).
 */
export async function startHost(config: KioskConfig): Promise<RunningHost> {
  // First, so the log files have everything from here on, and the lines logged before the config was read.
  attachLogFile(logFileOptions(config.logs, config.dataDir));
  const settings = bundleSettings(config);
  const schedule = openingSchedule(config);
  const host = await KioskHost.start(config);
  // Checking for espeak-ng, its voices and the sound card takes a moment: it runs while the rest starts.
  const readAloudStarting = ReadAloudHost.start(config.speech, config.dataDir);
  const healthDir = join(config.dataDir, 'health');
  const starts = await recordStart(healthDir, Date.now()).catch((error: unknown) => {
    log.warn({ err: error }, 'could not record the start');
    return null;
  });
  // A kiosk without statistics is better than no kiosk: a broken store only costs the counts.
  const stats = await StatsStore.open({ dir: join(config.dataDir, 'stats'), clockFloor: () => clockFloor(host) }).catch((error: unknown) => {
    log.error({ err: error }, 'statistics store unavailable; running without statistics');
    return null;
  });
  if (stats) host.onVisitorEvent((event) => stats.recordVisitorEvent(event));

  let shellCounts: () => WatchdogCounts | undefined = () => undefined;
  // Lost WebGL contexts only the renderer sees: counted here once for both shells.
  const reports = new RendererReports();
  host.onDiagnostic((kind) => reports.record(kind));
  const watchdogCounts = (): WatchdogCounts => reports.withReports(shellCounts());
  const displayPower = config.displayPower ? new DisplayPower(config.displayPower) : null;
  // The staff screen and the stick's health log are made from the same sources.
  const healthSources = {
    host,
    dataDir: config.dataDir,
    starts,
    watchdogCounts,
    installedVersion: () => updater.installedVersion,
    displayPowerCounts: () => displayPower?.counts ?? null,
    statistics: () => (stats ? { problemDa: stats.status.problem?.messageDa ?? null, pendingEvents: stats.status.pendingEvents, droppedEvents: stats.status.droppedEvents } : null),
  };
  const updater: ContentUpdater = new ContentUpdater({
    host,
    settings,
    dataDir: config.dataDir,
    kioskId: config.kioskId,
    builtInDir: config.contentDir,
    healthCheckMs: config.healthCheckSeconds * 1000,
    onServiceStick: serviceStickHandler({ ...healthSources, stats }),
    serviceSignature,
  });
  // The staff screen gets the same summary as the stick's health log, measured while someone looks.
  const health = new HealthCache({
    gather: () => gatherKioskHealth(healthSources),
  });
  host.staff.provideHealth(() => health.current());
  await updater.start();
  updater.watch();
  // Outside opening hours the screen goes dark (and off, with IT's commands); with a clock that cannot be
  // trusted it stays open.
  const opening = new OpeningWatch({
    schedule,
    clockFloor: () => clockFloor(host),
    onChange: ({ open, clockTrusted, messageDa, messageEn }) => {
      host.setOpening({ open, clockTrusted, messageDa, messageEn });
      displayPower?.follow({ open });
    },
  });
  const { open, clockTrusted, messageDa, messageEn } = opening.start();
  host.setOpening({ open, clockTrusted, messageDa, messageEn });
  displayPower?.follow({ open });
  // A stick put in after closing time: staff see what the kiosk says about it, on a screen that was off.
  const stopWakingForStaff = host.events.subscribe((event) => {
    if (event.type === 'staff-notice') displayPower?.wakeForStaff();
  });
  // Before the renderer's first bootstrap, which is told whether to offer read-aloud. The content's titles
  // are spoken ahead of time (again after every install); the renderer sends its own UI texts itself.
  const readAloud = await readAloudStarting;
  host.attachReadAloud(readAloud);
  const prewarmContent = (): void => {
    if (host.content.ok) readAloud.prewarmContent(host.content.snapshot);
  };
  prewarmContent();
  const stopPrewarming = host.events.subscribe((event) => {
    if (event.type === 'content-changed') prewarmContent();
  });
  return {
    host,
    updater,
    stats,
    starts,
    displayPower,
    setWatchdogCounts: (counts) => {
      shellCounts = counts;
    },
    stop: async () => {
      opening.stop();
      updater.stop();
      stopPrewarming();
      stopWakingForStaff();
      displayPower?.stop();
      await readAloud.close();
      await stats?.close();
      await recordCleanExit(healthDir).catch(() => undefined);
      detachLogFile();
    },
  };
}
