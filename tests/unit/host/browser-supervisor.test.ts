import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../contract/api';
import { loadConfig } from '../../../electron/core/config';
import { KioskHost } from '../../../electron/core/kiosk-host';
import { BrowserSupervisor } from '../../../electron/kiosk/browser-supervisor';

// The supervisor against a stand-in browser (a shell script), so restarts can be seen without Chromium.

let dir: string;
let host: KioskHost;
let events: HostEvent[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vores-sted-supervisor-'));
  host = await KioskHost.start(await loadConfig({ env: { VORES_STED_DATA: join(dir, 'data') }, projectRoot: process.cwd() }));
  events = [];
  host.events.subscribe((event) => events.push(event));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeBrowser(script: string): Promise<string> {
  const path = join(dir, 'fake-chromium');
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

const options = (userDataDir: string) => ({ url: 'http://127.0.0.1:1/', userDataDir, kiosk: true, headless: true, noSandbox: true, softwareGl: false });

function until(check: () => boolean, timeoutMs = 8_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (check()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('condition not reached'));
      else setImmediate(tick);
    };
    tick();
  });
}

describe('the browser supervisor', () => {
  it('starts the browser again when it dies', async () => {
    const supervisor = new BrowserSupervisor(await fakeBrowser('exit 3'), options(dir), host, { hungAfterMs: 60_000, startupGraceMs: 60_000 });
    supervisor.start();
    await until(() => supervisor.launches >= 2);
    supervisor.stop();
    expect(supervisor.counts.browserRestarts).toBeGreaterThanOrEqual(1);
  });

  it('survives a browser that cannot be started at all, and stops cleanly', async () => {
    const supervisor = new BrowserSupervisor(join(dir, 'no-such-browser'), options(dir), host, { hungAfterMs: 60_000, startupGraceMs: 60_000 });
    supervisor.start();
    await until(() => supervisor.counts.browserRestarts >= 1);
    supervisor.stop();
    expect(supervisor.launches).toBe(1);
  });

  it('treats a page without heartbeats as hung: back to the attract screen and a fresh browser', async () => {
    const supervisor = new BrowserSupervisor(await fakeBrowser('exec sleep 30'), options(dir), host, { hungAfterMs: 400, startupGraceMs: 400 });
    supervisor.start();
    await until(() => supervisor.launches >= 2);
    supervisor.stop();
    expect(events).toContainEqual({ type: 'return-to-attract', reason: 'watchdog' });
  });

  it('leaves a page that sends heartbeats alone', async () => {
    const supervisor = new BrowserSupervisor(await fakeBrowser('exec sleep 30'), options(dir), host, { hungAfterMs: 400, startupGraceMs: 400 });
    supervisor.start();
    const beat = setInterval(() => host.handle('heartbeat', { screen: 'map' }), 50);
    // Proving that nothing happens needs time to pass: an observation window of almost four hung-periods.
    const observationMs = 1500;
    await new Promise((resolve) => setTimeout(resolve, observationMs));
    clearInterval(beat);
    supervisor.stop();
    expect(supervisor.launches).toBe(1);
    expect(events.filter((e) => e.type === 'return-to-attract')).toEqual([]);
  });
});
