import type { StaffHealth, StaffHealthResponse, StaffUnlockResponse } from '../../contract/api.js';
import { clockFloor, type ServiceStickDeps } from './service-stick.js';
import { StaffAccess, type StaffAccessOptions } from './staff-pin.js';
import { dateTimeDa, gatherHealth, healthRowsDa, isClockTrusted, lastInstallFromDataDir, logFileOptions, type HealthSummary } from './unattended/index.js';

// The staff health screen's host side: the PIN gate in front of the one health summary the service stick
// also writes (gatherHealth), formatted once in Danish by healthRowsDa. No visitor data is in it.

/** Everything the health summary is made from: the same sources the service stick's health log uses. */
export type KioskHealthSources = Pick<ServiceStickDeps, 'host' | 'dataDir' | 'starts' | 'watchdogCounts' | 'installedVersion'>;

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
  });
}

export function staffHealthView(summary: HealthSummary): StaffHealth {
  return {
    kioskId: summary.kioskId,
    atDa: dateTimeDa(Date.parse(summary.at)),
    clockTrusted: summary.clockTrusted,
    warnings: summary.warnings,
    rows: healthRowsDa(summary),
  };
}

/** The two staff requests of the contract, answered synchronously from whatever health source is wired in. */
export class StaffScreen {
  readonly #access: StaffAccess;
  #health: () => HealthSummary | null = () => null;

  constructor(pin: string | undefined, options: StaffAccessOptions = {}) {
    this.#access = new StaffAccess(pin, options);
  }

  get enabled(): boolean {
    return this.#access.enabled;
  }

  /** The host start wires in its health cache; until then the screen says it is still measuring. */
  provideHealth(source: () => HealthSummary | null): void {
    this.#health = source;
  }

  unlock(pin: string): StaffUnlockResponse {
    const result = this.#access.unlock(pin);
    return result.status === 'ok' ? { ...result, health: this.#view() } : result;
  }

  health(token: string): StaffHealthResponse {
    return this.#access.admit(token) ? { status: 'ok', health: this.#view() } : { status: 'expired' };
  }

  #view(): StaffHealth | null {
    const summary = this.#health();
    return summary ? staffHealthView(summary) : null;
  }
}
