import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The Electron shell end to end. It needs an Electron binary, which cannot be downloaded on the
// development machine; point ELECTRON_OVERRIDE_DIST_PATH at one to run it.

const distPath = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
const binary = distPath ? join(distPath, process.platform === 'win32' ? 'electron.exe' : 'electron') : null;
const skipReason = 'SKIPPED: no Electron binary (set ELECTRON_OVERRIDE_DIST_PATH to a folder holding one to run the Electron suite)';

/** The Electron kiosk with the built-in content and the test bridge on. */
function launchKiosk(): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary ?? '',
    args: ['dist/electron/shell/main.js'],
    env: { ...process.env, VORES_STED_TEST_BRIDGE: '1', VORES_STED_CONFIG: '' },
  });
}

test.describe('Electron shell', () => {
  test.skip(!binary || !existsSync(binary), skipReason);

  test('opens the hardened kiosk window on the attract screen and wakes to the map', async () => {
    const app = await launchKiosk();
    const page = await app.firstWindow();
    await expect(page.getByText('Rør skærmen for at begynde')).toBeVisible();
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { voresSted: object }).voresSted).sort())).toEqual(['invoke', 'onEvent']);
    await page.locator('button.wake').click();
    await expect(page.getByRole('heading', { name: 'Lejre Kommune' })).toBeVisible();
    const urlBefore = page.url();
    await page.evaluate(() => window.open('https://example.com'));
    await page.evaluate(() => {
      location.href = 'file:///etc/passwd';
    });
    expect(page.url()).toBe(urlBefore);
    expect(app.windows()).toHaveLength(1);
    await app.close();
  });

  test('a crashed renderer is replaced and the visitor is back on the attract screen within 5 s', async () => {
    const app = await launchKiosk();
    const page = await app.firstWindow();
    await page.locator('button.wake').click();
    await expect(page.getByRole('heading', { name: 'Lejre Kommune' })).toBeVisible();
    const crashedAt = Date.now();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer());
    // 'render-process-gone' loads the app again in a new renderer (ShellWatchdog.rendererGone): a fresh visit.
    await expect(page.getByText('Rør skærmen for at begynde')).toBeVisible({ timeout: 5_000 });
    expect(Date.now() - crashedAt).toBeLessThan(5_000);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
    await app.close();
  });
});
