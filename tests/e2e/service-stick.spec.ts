import { expect, test } from '@playwright/test';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair } from '../../electron/core/bundle/index';
import { openKiosk, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { startKioskServer } from './support/kiosk-server';

// The two-way service stick: staff put in a stick with a "vores-sted-statistik" folder and get back the
// anonymous usage counts (CSV for Excel, with æøå right) and a health log, without network or IT.

test('a stick with a statistics folder gets the counts this visit produced, readable in Excel', async ({ page }) => {
  test.setTimeout(90_000);
  const root = await mkdtemp(join(tmpdir(), 'vores-sted-service-'));
  const stick = join(root, 'stick');
  const keys = await generateKeyPair(join(root, 'keys'));
  if (!keys.ok) throw new Error('keys');
  await writeFile(
    join(root, 'config.json'),
    JSON.stringify({ kioskId: 'hvalsoe-bibliotek', dataDir: join(root, 'data'), bundles: { trustedKeys: [keys.publicKeyBase64], extraBundleFolder: stick } }),
  );
  const kiosk = await startKioskServer({ env: { VORES_STED_CONFIG: join(root, 'config.json') } });
  try {
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);
    await page.locator('button[data-task="faellesskab-og-fritid"]').click();
    await waitForScreen(page, 'task');
    await page.locator('button[data-story]').first().click();
    await waitForAppEvent(page, 'story-opened');
    await page.getByRole('button', { name: 'Switch to English' }).click();

    await mkdir(join(stick, 'vores-sted-statistik'), { recursive: true });
    const folder = join(stick, 'vores-sted-statistik');
    // What the staff member waits for before taking the stick out.
    await expect(page.locator('[data-staff-notice="success"]')).toContainText('Du kan tage USB-stikket ud.', { timeout: 30_000 });
    const files = await readdir(folder);
    const sessions = files.find((f) => /^vores-sted-statistik-hvalsoe-bibliotek-.*\d\.csv$/.test(f));
    const content = files.find((f) => f.endsWith('-indhold.csv'));
    expect(sessions).toBeDefined();
    expect(content).toBeDefined();
    const sessionsCsv = await readFile(join(folder, sessions ?? ''), 'utf8');
    expect(sessionsCsv.charCodeAt(0)).toBe(0xfeff); // BOM: Excel opens æøå right
    expect(sessionsCsv).toContain('dato;time;sessioner');
    expect(sessionsCsv.split('\r\n').filter((line) => /;1;/.test(line)).length).toBeGreaterThanOrEqual(1);
    const contentCsv = await readFile(join(folder, content ?? ''), 'utf8');
    expect(contentCsv).toContain('faellesskab-og-fritid');
    expect(contentCsv).toMatch(/Fællesskab og fritid/);
    expect(files.some((f) => f.endsWith('.html'))).toBe(true);
    expect(files.some((f) => /^vores-sted-tilstand-hvalsoe-bibliotek\.txt$/.test(f))).toBe(true);
  } finally {
    await kiosk.stop();
    await rm(root, { recursive: true, force: true });
  }
});
