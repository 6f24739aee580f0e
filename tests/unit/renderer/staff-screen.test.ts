import { describe, expect, it } from 'vitest';
import type { ApiMethod, ApiRequest, ApiResponse, HostEvent, StaffHealth, StaffHealthResponse, StaffUnlockResponse } from '../../../contract/api';
import { KioskState } from '../../../renderer/src/lib/state/kiosk.svelte';
import { CornerHold } from '../../../renderer/src/lib/state/staff-gesture';
import type { Transport } from '../../../renderer/src/lib/transport/transport';
import { FakeClock } from './fake-clock';

// The staff screen in the renderer: the hidden gesture, the PIN pad and the health it shows, and that it
// goes away with the idle reset like any visit.

const HEALTH: StaffHealth = {
  kioskId: 'lejre-bib-1',
  atDa: '23-11-2026 kl. 10:42',
  clockTrusted: true,
  warnings: [],
  rows: [{ label: 'Kørt uden genstart', value: '3 dage og 4 timer' }],
};
const TOKEN = 'a'.repeat(32);

/** A host that knows the PIN 4821 and measures its health on the second question. */
class StaffHost implements Transport {
  readonly kind = 'http';
  readonly calls: { method: string; request: unknown }[] = [];
  staffScreen = true;
  unlockAnswer: StaffUnlockResponse | null = null;
  healthAnswer: StaffHealthResponse = { status: 'ok', health: HEALTH };

  async invoke<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    this.calls.push({ method, request });
    const answers: Partial<Record<ApiMethod, unknown>> = {
      bootstrap: {
        config: { kioskId: 'test', idleTimeoutSeconds: 60, maxDevicePixelRatio: 1, reducedMotion: false, testBridge: false, preview: false, staffScreen: this.staffScreen },
        content: { ok: false, problem: { file: 'manifest.json', field: '', messageDa: 'Mangler.', messageEn: 'Missing.' } },
        generation: 0,
        opening: { open: true, clockTrusted: true, messageDa: null, messageEn: null },
      },
      heartbeat: { ok: true, generation: 0 },
      staffUnlock: this.unlockAnswer ?? ((request as { pin?: string }).pin === '4821' ? { status: 'ok', token: TOKEN, health: null } : { status: 'wrong-pin', attemptsLeft: 4 }),
      staffHealth: this.healthAnswer,
    };
    return (answers[method] ?? { ok: true }) as ApiResponse<M>;
  }

  onEvent(_listener: (event: HostEvent) => void): () => void {
    return () => undefined;
  }

  sent(method: string): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.request);
  }
}

/** Lets the fake host's answers arrive. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function booted(staffScreen = true) {
  const host = new StaffHost();
  host.staffScreen = staffScreen;
  const clock = new FakeClock();
  const kiosk = new KioskState(host, clock);
  await kiosk.boot();
  return { kiosk, host, clock };
}

/** A finger held in the top-left corner for the whole 3 s. */
function holdCorner(kiosk: KioskState, clock: FakeClock): void {
  kiosk.staffGesture.down(1, 20, 30, true);
  clock.advance(3_000);
  kiosk.staffGesture.up(1);
}

async function typePin(kiosk: KioskState, pin: string): Promise<void> {
  for (const digit of pin) kiosk.staff.press(digit);
  await kiosk.staff.submit();
}

describe('the hidden gesture', () => {
  function hold() {
    const clock = new FakeClock();
    let held = 0;
    const gesture = new CornerHold(clock, () => held++);
    return { clock, gesture, held: () => held };
  }

  it('is one finger held still for 3 s in the top-left corner, and nothing shorter', () => {
    const { clock, gesture, held } = hold();
    gesture.down(1, 10, 10, true);
    clock.advance(2_900);
    gesture.up(1);
    clock.advance(1_000);
    expect(held()).toBe(0);
    gesture.down(2, 10, 10, true);
    gesture.move(2, 18, 14); // a finger is never perfectly still
    clock.advance(3_000);
    expect(held()).toBe(1);
  });

  it('is not a drag, a tap elsewhere or a pinch that starts in the corner', () => {
    const { clock, gesture, held } = hold();
    gesture.down(1, 10, 10, true);
    gesture.move(1, 60, 10);
    clock.advance(5_000);
    gesture.down(2, 400, 300, true);
    clock.advance(5_000);
    gesture.down(3, 10, 10, true);
    gesture.down(4, 200, 200, false);
    clock.advance(5_000);
    expect(held()).toBe(0);
  });

  it('swallows the one click that ends the hold, so the button under the finger is not pressed too', () => {
    const { clock, gesture } = hold();
    gesture.down(1, 10, 10, true);
    clock.advance(3_000);
    gesture.up(1);
    expect(gesture.takeClick()).toBe(true);
    expect(gesture.takeClick()).toBe(false);
    // A hold whose click never came does not eat the next tap.
    gesture.down(1, 10, 10, true);
    clock.advance(3_000);
    gesture.down(2, 500, 500, true);
    expect(gesture.takeClick()).toBe(false);
  });
});

describe('the staff screen', () => {
  it('opens the PIN pad with the gesture when the kiosk has a staff PIN, and not without one', async () => {
    const { kiosk, clock } = await booted();
    holdCorner(kiosk, clock);
    expect(kiosk.staff.phase).toBe('pin');
    const off = await booted(false);
    holdCorner(off.kiosk, off.clock);
    expect(off.kiosk.staff.phase).toBe('closed');
  });

  it('sends the PIN once to the host, shows why a wrong one failed, and keeps no digits', async () => {
    const { kiosk, clock, host } = await booted();
    holdCorner(kiosk, clock);
    kiosk.staff.press('1');
    kiosk.staff.press('2');
    kiosk.staff.press('3');
    expect(kiosk.staff.canSubmit).toBe(false); // at least 4 digits
    kiosk.staff.erase();
    await typePin(kiosk, '99');
    expect(host.sent('staffUnlock')).toEqual([{ pin: '1299' }]);
    expect(kiosk.staff.notice).toEqual({ kind: 'wrong-pin', attemptsLeft: 4 });
    expect(kiosk.staff.digitCount).toBe(0);
    for (const digit of '123456789') kiosk.staff.press(digit);
    expect(kiosk.staff.digitCount).toBe(8);
    host.unlockAnswer = { status: 'locked', retryAfterSeconds: 290 };
    await kiosk.staff.submit();
    expect(kiosk.staff.notice).toEqual({ kind: 'locked', minutes: 5 });
    expect(kiosk.staff.phase).toBe('pin');
  });

  it('with the right PIN shows the health, asks again while the host measures, and refreshes with the token', async () => {
    const { kiosk, clock, host } = await booted();
    holdCorner(kiosk, clock);
    await typePin(kiosk, '4821');
    expect(kiosk.staff.phase).toBe('health');
    expect(kiosk.staff.health).toBeNull(); // "Måler …"
    clock.advance(500);
    await settle();
    expect(kiosk.staff.health).toEqual(HEALTH);
    expect(host.sent('staffHealth')).toEqual([{ token: TOKEN }]);
    clock.advance(5_000);
    await settle();
    expect(host.sent('staffHealth')).toHaveLength(2);
    // The host forgot the token (it restarted, say): back to the PIN pad, which says so.
    host.healthAnswer = { status: 'expired' };
    clock.advance(5_000);
    await settle();
    expect(kiosk.staff.phase).toBe('pin');
    expect(kiosk.staff.notice).toEqual({ kind: 'expired' });
    expect(kiosk.staff.health).toBeNull();
  });

  it('closes with the idle reset like any visit, and stops asking the host', async () => {
    const { kiosk, clock, host } = await booted();
    holdCorner(kiosk, clock);
    await typePin(kiosk, '4821');
    clock.advance(60_000); // the configured idle time
    await settle();
    expect(kiosk.staff.phase).toBe('closed');
    const asked = host.sent('staffHealth').length;
    clock.advance(60_000);
    await settle();
    expect(host.sent('staffHealth')).toHaveLength(asked);
  });

  it('closed with its button on a screen without a visit, it leaves no countdown to a reset behind', async () => {
    const { kiosk, clock, host } = await booted();
    holdCorner(kiosk, clock);
    kiosk.closeStaffScreen();
    expect(kiosk.staff.phase).toBe('closed');
    clock.advance(120_000);
    expect(kiosk.idleWarning).toBeNull();
    expect(host.sent('reportEvent')).not.toContainEqual({ event: 'session-end', detail: 'idle' });
  });

  it('counts nothing in the visitor statistics', async () => {
    const { kiosk, clock, host } = await booted();
    const before = host.sent('reportEvent').length;
    holdCorner(kiosk, clock);
    await typePin(kiosk, '4821');
    clock.advance(500);
    await settle();
    kiosk.closeStaffScreen();
    expect(host.sent('reportEvent')).toHaveLength(before);
  });
});

describe('a lost WebGL context', () => {
  it('is reported to the host, and so is its return', async () => {
    const { kiosk, host } = await booted();
    kiosk.reportDiagnostic('webgl-context-lost');
    kiosk.reportDiagnostic('webgl-context-restored');
    expect(host.sent('diagnostic')).toEqual([{ kind: 'webgl-context-lost' }, { kind: 'webgl-context-restored' }]);
  });
});
