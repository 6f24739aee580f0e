import { expect, type Page } from '@playwright/test';
import { clearAppEvents, waitForAppEvent } from './app';

// The staff screen as staff open it: a finger held in the top-left corner, then the PIN from the config.

/** One finger held in the top-left corner until the kiosk opens the PIN pad (3 s), then lifted. */
export async function holdStaffCorner(page: Page): Promise<void> {
  await clearAppEvents(page, 'staff-screen');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 24, y: 24, id: 1 }] });
  const opened = await waitForAppEvent(page, 'staff-screen');
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  expect(opened.detail['phase']).toBe('pin');
}

/** The PIN typed on the pad, then OK. */
export async function enterStaffPin(page: Page, pin: string): Promise<void> {
  const pad = page.locator('[data-pin-pad]');
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'OK', exact: true }).click();
}

/** The corner, the PIN, and the health summary on screen. */
export async function openStaffHealth(page: Page, pin: string): Promise<void> {
  await holdStaffCorner(page);
  await clearAppEvents(page, 'staff-health-shown');
  await enterStaffPin(page, pin);
  await waitForAppEvent(page, 'staff-health-shown');
}
