import type { StaffHealth } from '../../../../contract/api';
import { appEvent } from '../test-bridge';
import type { Transport } from '../transport/transport';
import type { Clock } from './idle-timer';

// The staff health screen: a PIN pad, then the host's health summary, refreshed while it is open. The
// PIN is sent to the host once and forgotten; the host answers with a token for the refreshes. Nothing
// here is counted in the visitor statistics.

export type StaffPhase = 'closed' | 'pin' | 'health';

/** Why the PIN pad is still showing; the screen words it (the catalogue's staff.* texts). */
export type StaffNotice =
  | { kind: 'wrong-pin'; attemptsLeft: number }
  | { kind: 'locked'; minutes: number }
  | { kind: 'off' }
  | { kind: 'unreachable' }
  | { kind: 'expired' };

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 8;
/** Quick while the host is still measuring, then calm: uptime and memory change slowly. */
const POLL_WAITING_MS = 500;
const POLL_SHOWN_MS = 5_000;

export class StaffHealthState {
  phase = $state<StaffPhase>('closed');
  /** How many digits are typed: the screen shows dots, never the digits. */
  digitCount = $state(0);
  notice = $state.raw<StaffNotice | null>(null);
  health = $state.raw<StaffHealth | null>(null);
  busy = $state(false);
  #digits = '';
  #token: string | null = null;
  #poll: number | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly clock: Clock,
  ) {}

  get canSubmit(): boolean {
    return this.digitCount >= PIN_MIN_DIGITS && !this.busy;
  }

  open(): void {
    this.#reset();
    this.phase = 'pin';
    appEvent('staff-screen', { phase: 'pin' });
  }

  close(): void {
    if (this.phase === 'closed') return;
    this.#reset();
    this.phase = 'closed';
    appEvent('staff-screen', { phase: 'closed' });
  }

  press(digit: string): void {
    if (!/^\d$/.test(digit) || this.#digits.length >= PIN_MAX_DIGITS) return;
    this.#digits += digit;
    this.digitCount = this.#digits.length;
  }

  erase(): void {
    this.#digits = this.#digits.slice(0, -1);
    this.digitCount = this.#digits.length;
  }

  async submit(): Promise<void> {
    if (!this.canSubmit || this.phase !== 'pin') return;
    const pin = this.#digits;
    this.#digits = '';
    this.digitCount = 0;
    this.busy = true;
    let answer;
    try {
      answer = await this.transport.invoke('staffUnlock', { pin });
    } catch {
      answer = null;
    } finally {
      this.busy = false;
    }
    if (this.phase !== 'pin') return; // closed (idle reset, button) while the host answered
    if (!answer) {
      this.notice = { kind: 'unreachable' };
      return;
    }
    switch (answer.status) {
      case 'ok':
        this.#token = answer.token;
        this.notice = null;
        this.phase = 'health';
        appEvent('staff-screen', { phase: 'health' });
        this.#show(answer.health);
        return;
      case 'wrong-pin':
        this.notice = { kind: 'wrong-pin', attemptsLeft: answer.attemptsLeft };
        return;
      case 'locked':
        this.notice = { kind: 'locked', minutes: Math.max(1, Math.ceil(answer.retryAfterSeconds / 60)) };
        return;
      case 'off':
        this.notice = { kind: 'off' };
        return;
      default: {
        const never: never = answer;
        throw new Error(`unknown staffUnlock answer ${JSON.stringify(never)}`);
      }
    }
  }

  #show(health: StaffHealth | null): void {
    if (health) {
      this.health = health;
      appEvent('staff-health-shown', { rows: health.rows.length, warnings: health.warnings.length });
    }
    this.#poll = this.clock.setTimeout(() => void this.#refresh(), this.health ? POLL_SHOWN_MS : POLL_WAITING_MS);
  }

  async #refresh(): Promise<void> {
    this.#poll = null;
    const token = this.#token;
    if (this.phase !== 'health' || token === null) return;
    let answer;
    try {
      answer = await this.transport.invoke('staffHealth', { token });
    } catch {
      answer = null;
    }
    if (this.phase !== 'health' || this.#token !== token) return;
    if (answer?.status === 'expired') {
      this.#reset();
      this.phase = 'pin';
      this.notice = { kind: 'expired' };
      appEvent('staff-screen', { phase: 'pin' });
      return;
    }
    // A host that did not answer this time keeps the numbers on screen and is asked again.
    this.#show(answer?.health ?? null);
  }

  #reset(): void {
    if (this.#poll !== null) this.clock.clearTimeout(this.#poll);
    this.#poll = null;
    this.#digits = '';
    this.digitCount = 0;
    this.#token = null;
    this.notice = null;
    this.health = null;
    this.busy = false;
  }
}
