import { expect, test } from '@playwright/test';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskLog } from './support/kiosk-log';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';

// The whole Chromium kiosk as a library runs it: the host starts and supervises its own headless Chromium
// (no Playwright browser here). A renderer or a browser that dies must bring the visitor back to the
// attract screen by itself, the renderer within 5 s (issue 7). The test waits on what the host logs: the
// page's first heartbeat from the attract screen.

const RECOVERY_GOAL_MS = 5_000;

interface Chromium {
  pid: number;
  renderer: boolean;
}

/**
 * The processes of the browser the kiosk started: the browser is known by the profile folder in its
 * command line, its renderers (started through the zygote, without that folder) by being its descendants.
 */
async function kioskChromium(profile: string): Promise<Chromium[]> {
  const all: (Chromium & { parent: number; browser: boolean })[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Chromium's child processes rewrite their command line into one string: read it as one.
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0').join(' ');
      const status = await readFile(`/proc/${entry}/status`, 'utf8');
      all.push({
        pid: Number(entry),
        parent: Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0),
        renderer: cmdline.includes('--type=renderer'),
        browser: cmdline.includes(`--user-data-dir=${profile} `) && !cmdline.includes('--type='),
      });
    } catch {
      // The process ended while the list was read.
    }
  }
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const inKiosk = (p: (typeof all)[number] | undefined, depth = 0): boolean => !!p && depth < 10 && (p.browser || inKiosk(byPid.get(p.parent), depth + 1));
  return all.filter((p) => inKiosk(p)).map(({ pid, renderer }) => ({ pid, renderer }));
}

let dataDir: string;
let kiosk: RunningKiosk;
let log: KioskLog;

test.beforeEach(async () => {
  test.skip(process.platform !== 'linux', 'reads the browser processes from /proc');
  dataDir = await mkdtemp(join(tmpdir(), 'vores-sted-recovery-'));
  kiosk = await startKioskServer({ env: { KIOSK_HEADLESS: '1', VORES_STED_DATA: dataDir, VORES_STED_LOG_LEVEL: 'info' } });
  log = new KioskLog(kiosk.process);
  // The first start compiles the map's shaders on the CPU: generous.
  await log.waitFor('the kiosk page is up', { timeoutMs: 60_000 });
});

test.afterEach(async () => {
  await kiosk?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('a killed renderer is replaced and the visitor is back on the attract screen within 5 s', async () => {
  const profile = join(dataDir, 'chromium-profile');
  // Every renderer of the kiosk's browser, the page's among them (which one it is, the map's memory only
  // tells once the map has drawn; the others are the browser's own and are not the keeper's business).
  const renderers = (await kioskChromium(profile)).filter((p) => p.renderer);
  expect(renderers.length, 'the kiosk browser\'s renderer processes').toBeGreaterThan(0);
  const from = log.lines.length;
  const killedAt = Date.now();
  for (const renderer of renderers) process.kill(renderer.pid, 'SIGKILL');

  const crash = await log.waitFor('renderer crashed', { fromIndex: from, timeoutMs: 10_000 });
  expect(crash['total']).toBe(1);
  const back = await log.waitFor('the page is back on the attract screen after its renderer crashed', { fromIndex: from, timeoutMs: 20_000 });
  const seenMs = Date.now() - killedAt;
  const figure = `attract screen ${String(back['afterMs'])} ms after the crash (${seenMs} ms after the kill, as the test saw it)`;
  test.info().annotations.push({ type: 'recovery', description: figure });
  process.stdout.write(`renderer killed: ${figure}\n`);
  expect(back['afterMs']).toBeLessThan(RECOVERY_GOAL_MS);
  expect(seenMs).toBeLessThan(RECOVERY_GOAL_MS + 1_000);
  // Mended inside the same browser: no restart, and the page runs in a new renderer process.
  expect(log.lines.slice(from).some((line) => line.msg === 'chromium ended; restarting')).toBe(false);
  const now = await kioskChromium(profile);
  expect(now.some((p) => renderers.some((killed) => killed.pid === p.pid))).toBe(false);
  expect(now.some((p) => p.renderer)).toBe(true);
});

test('a browser that dies is started again and the page comes back on the attract screen', async () => {
  const profile = join(dataDir, 'chromium-profile');
  const browser = (await kioskChromium(profile)).sort((a, b) => a.pid - b.pid)[0];
  expect(browser, 'the kiosk browser process').toBeDefined();
  const from = log.lines.length;
  process.kill(browser?.pid ?? 0, 'SIGKILL');

  await log.waitFor('chromium ended; restarting', { fromIndex: from, timeoutMs: 10_000 });
  const up = await log.waitFor('the kiosk page is up', { fromIndex: from, timeoutMs: 60_000 });
  expect(up['screen']).toBe('attract');
  const restart = log.lines.slice(from).find((line) => line.msg === 'browser restarted');
  expect(restart?.['total']).toBe(1);
  const ended = log.lines.slice(from).find((line) => line.msg === 'chromium ended; restarting');
  const figure = `page up on the attract screen ${String(up['afterMs'])} ms after the new browser started (${String(ended?.['wait'] ?? '?')} ms wait before it)`;
  test.info().annotations.push({ type: 'recovery', description: figure });
  process.stdout.write(`browser killed: ${figure}\n`);
});
