import type { StaffHealth, StaffHealthResponse, StaffUnlockResponse } from '../../contract/api.js';
import { StaffAccess, type StaffAccessOptions } from './staff-pin.js';
import { dateTimeDa, healthRowsDa, OUT_OF_REACH_WARNING_DA, type HealthSummary } from './unattended/index.js';

// The staff health screen's host side: the PIN gate in front of the one health summary the service stick
// also writes (gatherKioskHealth in kiosk-health.ts), formatted once in Danish by healthRowsDa. No visitor
// data is in it.

export function staffHealthView(summary: HealthSummary): StaffHealth {
  return {
    kioskId: summary.kioskId,
    atDa: dateTimeDa(Date.parse(summary.at)),
    clockTrusted: summary.clockTrusted,
    // The page adds its own, more precise out-of-reach warning (it knows the window's orientation).
    warnings: summary.warnings.filter((warning) => warning !== OUT_OF_REACH_WARNING_DA),
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
