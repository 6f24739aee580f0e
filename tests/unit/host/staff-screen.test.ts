import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponses, StaffHealth } from '../../../contract/api.js';
import { ConfigError, loadConfig } from '../../../electron/core/config.js';
import { KioskHost } from '../../../electron/core/kiosk-host.js';
import { gatherKioskHealth } from '../../../electron/core/kiosk-health.js';
import { StaffScreen, staffHealthView } from '../../../electron/core/staff-health.js';
import { StaffAccess } from '../../../electron/core/staff-pin.js';
import { startHost } from '../../../electron/core/start-host.js';
import { gatherHealth, type HealthInputs } from '../../../electron/core/unattended/health.js';
import { FakeClock } from '../unattended/support.js';
import { builtInContent, isDanish, isEnglish, projectRoot, tempDirs } from './support.js';

// The staff health screen's host side: the PIN never leaves the host, wrong PINs lock it for five minutes,
// and what an unlocked screen gets is the one health summary, in Danish.

const dirs = tempDirs();
afterEach(dirs.cleanup);

const TOKEN = /^[0-9a-f]{32}$/;

function access() {
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  return { clock, gate: new StaffAccess('4821', { clock }) };
}

describe('the staff PIN', () => {
  it('opens with the configured PIN and gives a token for refreshing, not with another', () => {
    const { gate } = access();
    expect(gate.unlock('1234')).toEqual({ status: 'wrong-pin', attemptsLeft: 4 });
    const ok = gate.unlock('4821');
    expect(ok).toMatchObject({ status: 'ok', token: expect.stringMatching(TOKEN) });
    if (ok.status !== 'ok') throw new Error('not unlocked');
    expect(gate.admit(ok.token)).toBe(true);
    expect(gate.admit('0'.repeat(32))).toBe(false);
    expect(gate.admit('short')).toBe(false);
  });

  it('locks for five minutes after five wrong PINs, even against the right one, and opens again after', () => {
    const { gate, clock } = access();
    const answers = ['0000', '1111', '2222', '3333'].map((pin) => gate.unlock(pin));
    expect(answers.map((a) => (a.status === 'wrong-pin' ? a.attemptsLeft : a.status))).toEqual([4, 3, 2, 1]);
    expect(gate.unlock('4444')).toEqual({ status: 'locked', retryAfterSeconds: 300 });
    expect(gate.unlock('4821')).toEqual({ status: 'locked', retryAfterSeconds: 300 });
    clock.advance(4 * 60_000 + 30_000);
    expect(gate.unlock('4821')).toEqual({ status: 'locked', retryAfterSeconds: 30 });
    clock.advance(30_000);
    expect(gate.unlock('4821').status).toBe('ok');
    // The count starts afresh after the lock.
    expect(gate.unlock('0000')).toEqual({ status: 'wrong-pin', attemptsLeft: 4 });
  });

  it('keeps the lock when the wall clock is set back or forward: it counts on the monotonic clock', () => {
    const { gate, clock } = access();
    for (const pin of ['0000', '1111', '2222', '3333', '4444']) gate.unlock(pin);
    clock.setWall('2030-01-01T00:00:00Z');
    expect(gate.unlock('4821').status).toBe('locked');
  });

  it('a right PIN resets the wrong ones before it', () => {
    const { gate } = access();
    for (const pin of ['0000', '1111', '2222', '3333']) gate.unlock(pin);
    expect(gate.unlock('4821').status).toBe('ok');
    expect(gate.unlock('0000')).toEqual({ status: 'wrong-pin', attemptsLeft: 4 });
  });

  it('a token lapses a minute after the screen stopped asking, and a new unlock replaces it', () => {
    const { gate, clock } = access();
    const first = gate.unlock('4821');
    if (first.status !== 'ok') throw new Error('not unlocked');
    clock.advance(50_000);
    expect(gate.admit(first.token)).toBe(true); // each use keeps it alive
    clock.advance(50_000);
    expect(gate.admit(first.token)).toBe(true);
    const second = gate.unlock('4821');
    if (second.status !== 'ok') throw new Error('not unlocked');
    expect(gate.admit(first.token)).toBe(false);
    clock.advance(61_000);
    expect(gate.admit(second.token)).toBe(false);
  });

  it('without a PIN in the config the screen is off and nothing opens it', () => {
    const gate = new StaffAccess(undefined);
    expect(gate.enabled).toBe(false);
    expect(gate.unlock('4821')).toEqual({ status: 'off' });
  });
});

const GB = 1024 ** 3;

function healthInputs(overrides: Partial<HealthInputs> = {}): HealthInputs {
  return {
    kioskId: 'lejre-bib-1',
    now: Date.parse('2026-06-01T10:42+02:00'),
    clockTrusted: false,
    contentVersion: 3,
    watchdog: { hangs: 0, rendererCrashes: 0, gpuCrashes: 0, webglContextLosses: 2, browserRestarts: 0, softwareFallbacks: 1 },
    dataDir: '/data',
    logDir: '/nowhere/logs',
    system: {
      statfs: async () => ({ bavail: GB / 4096, blocks: (29 * GB) / 4096, bsize: 4096 }),
      memoryUsage: () => ({ rss: 200 * 1024 ** 2, heapUsed: 0 }),
      freemem: () => GB,
      totalmem: () => 4 * GB,
      processUptimeSeconds: () => 90_000,
      systemUptimeSeconds: () => 100_000,
    },
    ...overrides,
  };
}

describe('what the unlocked staff screen shows', () => {
  it('is the health summary in Danish: time, warnings and one row per measurement', async () => {
    const view = staffHealthView(await gatherHealth(healthInputs()));
    expect(view.kioskId).toBe('lejre-bib-1');
    expect(view.atDa).toBe('01-06-2026 kl. 10:42');
    expect(view.clockTrusted).toBe(false);
    expect(view.warnings).toEqual([expect.stringContaining('Uret går forkert'), expect.stringContaining('uden grafikkort')]);
    const rows = Object.fromEntries(view.rows.map((row) => [row.label, row.value]));
    expect(rows).toMatchObject({
      'Kørt uden genstart': '1 dag og 1 time (computeren: 1 dag og 3 timer)',
      Indhold: 'version 3',
      Grafik: 'uden grafikkort (efter gentagne nedbrud)',
      'Fri diskplads': '1,0 GB af 29 GB',
      Logfiler: '0 byte',
      Ur: expect.stringMatching(/^forkert/),
    });
    expect(rows['Siden start']).toContain('WebGL mistet 2 gange');
    for (const text of [...view.warnings, ...view.rows.map((row) => `${row.label}: ${row.value}`)]) expect(isEnglish(text), text).toBe(false);
  });

  it('is answered from whatever health source the host wires in, and only for a valid token', () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const screen = new StaffScreen('4821', { clock });
    const unlocked = screen.unlock('4821');
    expect(unlocked).toMatchObject({ status: 'ok', health: null }); // nothing measured yet: the screen asks again
    if (unlocked.status !== 'ok') throw new Error('not unlocked');
    expect(screen.health('f'.repeat(32))).toEqual({ status: 'expired' });
    expect(screen.health(unlocked.token)).toEqual({ status: 'ok', health: null });
  });
});

describe('the staff requests through the host API', () => {
  async function hostWith(config: Record<string, unknown>) {
    const dir = await dirs.make();
    const path = join(dir, 'config.json');
    await writeFile(path, JSON.stringify({ dataDir: join(dir, 'data'), ...config }));
    return await KioskHost.start(await loadConfig({ env: { VORES_STED_CONFIG: path, VORES_STED_CONTENT: builtInContent }, projectRoot }));
  }

  it('bootstrap says whether there is a staff screen, never the PIN', async () => {
    const host = await hostWith({ staffPin: '4821' });
    const body = host.handle('bootstrap', {}).body as ApiResponses['bootstrap'];
    expect(body.config.staffScreen).toBe(true);
    expect(JSON.stringify(body.config)).not.toContain('4821');
    expect(JSON.stringify(body)).not.toMatch(/staffPin|"pin"/);
    const without = await hostWith({});
    expect((without.handle('bootstrap', {}).body as ApiResponses['bootstrap']).config.staffScreen).toBe(false);
  });

  it('refuses PINs that are not 4 to 8 digits before checking them, so they cost no attempt', async () => {
    const host = await hostWith({ staffPin: '4821' });
    for (const pin of ['12', '123456789', '12a4', 4821, '']) {
      const result = host.handle('staffUnlock', { pin });
      expect(result.status, String(pin)).toBe(400);
      expect(JSON.stringify(result.body)).not.toContain(String(pin) || '""');
    }
    expect(host.handle('staffUnlock', { pin: '0000' }).body).toEqual({ status: 'wrong-pin', attemptsLeft: 4 });
    expect(host.handle('staffHealth', { token: 'not-a-token' }).status).toBe(400);
  });

  it('a started kiosk measures its health for an unlocked screen, with the WebGL losses the renderer reported', async () => {
    const dir = await dirs.make();
    const path = join(dir, 'config.json');
    await writeFile(path, JSON.stringify({ dataDir: join(dir, 'data'), staffPin: '4821' }));
    const running = await startHost(await loadConfig({ env: { VORES_STED_CONFIG: path, VORES_STED_CONTENT: builtInContent }, projectRoot }));
    try {
      const { host } = running;
      expect(host.handle('diagnostic', { kind: 'webgl-context-lost' }).status).toBe(200);
      expect(host.handle('diagnostic', { kind: 'webgl-context-restored' }).status).toBe(200);
      expect(host.handle('diagnostic', { kind: 'gpu-on-fire' }).status).toBe(400);
      const unlocked = host.handle('staffUnlock', { pin: '4821' }).body as ApiResponses['staffUnlock'];
      if (unlocked.status !== 'ok') throw new Error(`not unlocked: ${unlocked.status}`);
      const health = await waitForHealth(() => host.handle('staffHealth', { token: unlocked.token }).body as ApiResponses['staffHealth']);
      const rows = Object.fromEntries(health.rows.map((row) => [row.label, row.value]));
      expect(rows['Siden start']).toContain('WebGL mistet 1 gang');
      expect(rows['Indhold']).toBe('det indbyggede indhold');
      expect(health.kioskId).toBe(host.config.kioskId);
      // The stick's health log is made from the same sources, so it counts the same losses.
      const summary = await gatherKioskHealth({ host, dataDir: host.config.dataDir, starts: running.starts, watchdogCounts: () => undefined, installedVersion: () => 0 });
      expect(summary.kioskId).toBe(host.config.kioskId);
    } finally {
      await running.stop();
    }
  });
});

/** Asks as the open staff screen does until the host has measured (no sleeping: each ask yields once). */
async function waitForHealth(ask: () => ApiResponses['staffHealth']): Promise<StaffHealth> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const answer = ask();
    if (answer.status === 'expired') throw new Error('token expired');
    if (answer.health) return answer.health;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the host never measured its health');
}

describe('staffPin in the config', () => {
  it('must be 4 to 8 digits in quotes; otherwise one Danish and one English sentence say so', async () => {
    for (const staffPin of ['12', '123456789', '12 34', 4821]) {
      const dir = await dirs.make();
      const path = join(dir, 'config.json');
      await writeFile(path, JSON.stringify({ staffPin }));
      const error = await loadConfig({ env: { VORES_STED_CONFIG: path }, projectRoot }).then(() => null, (thrown: unknown) => thrown);
      expect(error, String(staffPin)).toBeInstanceOf(ConfigError);
      const { messageDa, messageEn } = error as ConfigError;
      expect(messageDa).toContain('staffPin');
      expect(isDanish(messageDa), messageDa).toBe(true);
      expect(isEnglish(messageEn), messageEn).toBe(true);
    }
    const dir = await dirs.make();
    await writeFile(join(dir, 'config.json'), JSON.stringify({ staffPin: '04821' }));
    expect((await loadConfig({ env: { VORES_STED_CONFIG: join(dir, 'config.json') }, projectRoot })).staffPin).toBe('04821');
  });
});
