import { expect, test, type Page } from '@playwright/test';
import { clearAppEvents, expectNoAxeViolations, openKiosk, screenshot, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { startConfiguredKiosk } from './support/configured-kiosk';
import { enterStaffPin, holdStaffCorner, openStaffHealth } from './support/staff';

// The staff health screen as staff use it: a finger held in the top-left corner, the PIN from the config,
// then how the kiosk is doing in Danish, including the WebGL losses the host counted from the renderer.

const PIN = '4821';

interface MapDebug {
  loseContextForTest(): { restore(): void } | null;
  stats(): { frames: number };
}
declare global {
  interface Window {
    __staffLostContext?: { restore(): void } | null;
  }
}

/** The real kiosk with a staff PIN in its config (and its data in a temp folder). */
const kioskWithPin = (options: { idleSeconds?: number } = {}): ReturnType<typeof startConfiguredKiosk> => startConfiguredKiosk({ staffPin: PIN }, options);
const openHealth = (page: Page): Promise<void> => openStaffHealth(page, PIN);

/** The value shown next to a label on the health screen. */
function row(page: Page, label: string) {
  return page.locator('[data-staff-screen] .row').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
}

test('a finger held in the corner and the staff PIN show how the kiosk is doing, in Danish', async ({ page }) => {
  const { kiosk, cleanup } = await kioskWithPin();
  try {
    await openKiosk(page, kiosk.url);
    await expect(page.getByText('Rør skærmen for at begynde')).toBeVisible();
    await holdStaffCorner(page);
    const dialog = page.getByRole('dialog', { name: 'Personaleskærm' });
    await expect(dialog.getByRole('heading', { name: 'Personale: indtast PIN-koden' })).toBeVisible();

    await enterStaffPin(page, '1111');
    await expect(dialog.getByRole('alert')).toHaveText('Forkert PIN-kode. 4 forsøg tilbage.');
    await clearAppEvents(page, 'staff-health-shown');
    await enterStaffPin(page, PIN);
    await waitForAppEvent(page, 'staff-health-shown');

    await expect(dialog.getByRole('heading', { name: 'Kioskens tilstand' })).toBeVisible();
    await expect(dialog).toContainText(/Kiosk \S+ – målt \d\d-\d\d-\d{4} kl\. \d\d:\d\d/);
    await expect(row(page, 'Kørt uden genstart')).toHaveText(/sekund|minut/);
    await expect(row(page, 'Indhold')).toHaveText('det indbyggede indhold');
    await expect(row(page, 'Programstarter i alt')).toHaveText('1 (heraf 0 efter strømsvigt eller nedbrud)');
    await expect(row(page, 'Siden start')).toContainText('WebGL mistet 0 gange');
    await expect(row(page, 'Grafik')).toHaveText('normal');
    await expect(row(page, 'Fri diskplads')).toHaveText(/ af /);
    await expect(row(page, 'Hukommelse')).toContainText('programmet bruger');
    await expect(row(page, 'Logfiler')).toBeVisible();
    await expect(row(page, 'Ur')).toHaveText('korrekt');
    await expectNoAxeViolations(page, 'staff health');
    await screenshot(page, 'staff-health');

    await clearAppEvents(page, 'staff-screen');
    await dialog.getByRole('button', { name: 'Luk', exact: true }).click();
    expect((await waitForAppEvent(page, 'staff-screen')).detail['phase']).toBe('closed');
    await expect(dialog).toHaveCount(0);
    // The hold that opened it did not also wake the kiosk under the finger.
    await expect(page.getByText('Rør skærmen for at begynde')).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('a forced WebGL context loss is counted by the host, logged, and the map comes back', async ({ page }) => {
  const { kiosk, log, cleanup } = await kioskWithPin();
  try {
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);
    const lost = await page.evaluate(() => {
      const map = (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map;
      window.__staffLostContext = map.loseContextForTest();
      return window.__staffLostContext !== null;
    });
    expect(lost).toBe(true);
    await waitForAppEvent(page, 'map-context-lost');
    expect((await waitForAppEvent(page, 'diagnostic-reported')).detail['kind']).toBe('webgl-context-lost');
    const framesWhenLost = await page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map.stats().frames);

    await page.evaluate(() => window.__staffLostContext?.restore());
    await waitForAppEvent(page, 'map-context-restored');
    expect((await waitForAppEvent(page, 'diagnostic-reported')).detail['kind']).toBe('webgl-context-restored');
    await expect(page.locator('svg[data-map-fallback]')).toHaveCount(0);
    await expect
      .poll(async () => page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map.stats().frames))
      .toBeGreaterThan(framesWhenLost);
    // One English line for IT in the host's log.
    await expect.poll(log).toContain('WebGL context lost (reported by the renderer)');

    await openHealth(page);
    await expect(row(page, 'Siden start')).toContainText('WebGL mistet 1 gang');
  } finally {
    await cleanup();
  }
});

test('a staff screen left open closes with the idle reset, like any visit', async ({ page }) => {
  const { kiosk, cleanup } = await kioskWithPin({ idleSeconds: 12 });
  try {
    await openKiosk(page, kiosk.url);
    await openHealth(page);
    await clearAppEvents(page, 'staff-screen');
    const reset = await waitForAppEvent(page, 'session-reset', 25_000);
    expect(reset.detail['reason']).toBe('idle');
    expect((await waitForAppEvent(page, 'staff-screen')).detail['phase']).toBe('closed');
    await expect(page.getByRole('dialog', { name: 'Personaleskærm' })).toHaveCount(0);
    await waitForScreen(page, 'attract');
  } finally {
    await cleanup();
  }
});
