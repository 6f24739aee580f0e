import { expect, test } from '@playwright/test';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoAxeViolations, openKiosk, screenshot, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { startKioskServer } from './support/kiosk-server';

test('after the idle timeout the kiosk starts over: attract screen, Danish, nothing left of the visitor', async ({ page }) => {
  const kiosk = await startKioskServer({ idleSeconds: 12 });
  try {
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('button[data-task="trivsel-og-laering"]').click();
    await waitForScreen(page, 'task');
    // The countdown shows before the reset, in the visitor's language.
    await expect(page.getByRole('alertdialog')).toContainText('Starting over in', { timeout: 15_000 });
    const reset = await waitForAppEvent(page, 'session-reset', 20_000);
    expect(reset.detail['reason']).toBe('idle');
    await expect(page.getByText('Rør skærmen for at begynde')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'da');
    await expect(page.locator('main.story')).toHaveCount(0);
  } finally {
    await kiosk.stop();
  }
});

test('the page itself never zooms, selects text, opens a long-press menu or drags images', async ({ page }) => {
  const kiosk = await startKioskServer();
  try {
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);
    const prevented = await page.evaluate(() => {
      const fire = (type: string, target: Element): boolean => {
        const event = new Event(type, { bubbles: true, cancelable: true });
        target.dispatchEvent(event);
        return event.defaultPrevented;
      };
      const heading = document.querySelector('h2') ?? document.body;
      const wheel = new WheelEvent('wheel', { ctrlKey: true, deltaY: -100, bubbles: true, cancelable: true });
      heading.dispatchEvent(wheel);
      return {
        contextmenu: fire('contextmenu', heading),
        dragstart: fire('dragstart', heading),
        selectstart: fire('selectstart', heading),
        drop: fire('drop', document.body),
        ctrlWheel: wheel.defaultPrevented,
        userSelect: getComputedStyle(document.body).userSelect,
        overscroll: getComputedStyle(document.documentElement).overscrollBehaviorX,
        touchAction: getComputedStyle(document.body).touchAction,
      };
    });
    expect(prevented).toEqual({
      contextmenu: true,
      dragstart: true,
      selectstart: true,
      drop: true,
      ctrlWheel: true,
      userSelect: 'none',
      overscroll: 'none',
      touchAction: 'none',
    });
    // A real two-finger pinch on the task panel (not the map) leaves the page at scale 1.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.synthesizePinchGesture', { x: 1700, y: 600, scaleFactor: 2.5, gestureSourceType: 'touch' });
    expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/');
  } finally {
    await kiosk.stop();
  }
});

test('broken content shows a clear Danish message for staff instead of a blank screen', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'vores-sted-broken-'));
  await cp('content', dir, { recursive: true });
  await writeFile(join(dir, 'manifest.json'), '{ "format": 1, "id": "x", ');
  const kiosk = await startKioskServer({ contentDir: dir });
  try {
    await openKiosk(page, kiosk.url);
    await expect(page.getByRole('heading', { name: 'Kiosken mangler indhold' })).toBeVisible();
    await expect(page.getByTestId('problem-message')).toHaveText('Filen manifest.json er beskadiget: den er ikke gyldig JSON.');
    await expect(page.locator('body')).not.toContainText('SyntaxError');
    await expectNoAxeViolations(page, 'problem');
    await screenshot(page, 'problem');
  } finally {
    await kiosk.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a geodata file with a wrong field names the file and the field', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'vores-sted-broken-'));
  await cp('content', dir, { recursive: true });
  await writeFile(join(dir, 'geo', 'water.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
  const kiosk = await startKioskServer({ contentDir: dir });
  try {
    await openKiosk(page, kiosk.url);
    await expect(page.getByTestId('problem-message')).toContainText('geo/water.geojson');
    await expect(page.getByTestId('problem-message')).toContainText('features');
  } finally {
    await kiosk.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('outside opening hours the screen is dark, says when it opens, and draws no map at all', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'vores-sted-closed-'));
  // Open only on the day after tomorrow, in Danish time, so "now" is always outside the hours.
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', weekday: 'long' }).format(new Date(Date.now() + 2 * 86_400_000)).toLowerCase();
  await writeFile(join(dir, 'config.json'), JSON.stringify({ dataDir: join(dir, 'data'), openingHours: { weekly: { [weekday]: ['10:00-16:00'] } } }));
  const kiosk = await startKioskServer({ env: { VORES_STED_CONFIG: join(dir, 'config.json') } });
  try {
    await openKiosk(page, kiosk.url);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/^Lukket – åbner igen .* kl\. 10/);
    await expect(page.locator('main.closed p')).toContainText(/^Closed – opens again/);
    await expect(page.locator('canvas')).toHaveCount(0);
    await expect(page.locator('button.wake')).toHaveCount(0);
    await expectNoAxeViolations(page, 'closed');
    await screenshot(page, 'closed');
  } finally {
    await kiosk.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
