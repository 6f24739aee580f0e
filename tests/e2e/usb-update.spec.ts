import { expect, test } from '@playwright/test';
import { copyFile, cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, generateKeyPair } from '../../electron/core/bundle/index';
import { openKiosk, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { startKioskServer } from './support/kiosk-server';

// The staff journey on the kiosk: a signed bundle appears in the watched folder (standing in for a USB
// stick) → a Danish banner with progress → the new story on screen; a tampered bundle → the Danish reason,
// and the content on screen does not change.

const NEW_STORY = { id: 'usb-test-historie', title: 'Ny historie fra USB-stikket' };

async function contentWithNewStory(dir: string): Promise<void> {
  await cp('content', dir, { recursive: true });
  const stories = JSON.parse(await readFile(join(dir, 'stories.json'), 'utf8')) as unknown[];
  stories.unshift({
    id: NEW_STORY.id,
    coreTasks: ['faellesskab-og-fritid'],
    villages: [1],
    title: { da: NEW_STORY.title, en: 'A new story from the USB stick' },
    summary: { da: 'Lagt på kiosken med en underskrevet pakke.', en: 'Put on the kiosk with a signed bundle.' },
    example: true,
  });
  await writeFile(join(dir, 'stories.json'), JSON.stringify(stories, null, 2));
  await writeFile(join(dir, 'stories', `${NEW_STORY.id}.da.md`), 'Dette er et eksempel.\n');
}

/** As `vores-sted bundle to-usb` does: never a half-written file under the real name. */
async function putOnStick(bundle: string, stick: string, name: string): Promise<void> {
  await copyFile(bundle, join(stick, `.${name}.tmp`));
  await rename(join(stick, `.${name}.tmp`), join(stick, name));
}

test('a signed bundle on the stick is installed and shown; a tampered one is refused with the reason', async ({ page }) => {
  test.setTimeout(120_000);
  const root = await mkdtemp(join(tmpdir(), 'vores-sted-usb-'));
  const stick = join(root, 'stick');
  await mkdir(stick);
  const keys = await generateKeyPair(join(root, 'keys'));
  if (!keys.ok) throw new Error('no keys');
  await writeFile(
    join(root, 'config.json'),
    JSON.stringify({
      dataDir: join(root, 'data'),
      healthCheckSeconds: 30,
      bundles: { trustedKeys: [await readFile(keys.publicKeyPath, 'utf8')], extraBundleFolder: stick },
    }),
  );
  const kiosk = await startKioskServer({ env: { VORES_STED_CONFIG: join(root, 'config.json') } });
  try {
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);

    const content = join(root, 'content-v2');
    await contentWithNewStory(content);
    const built = await buildBundle({ contentDir: content, outDir: join(root, 'out'), privateKeyPath: keys.privateKeyPath, version: 2 });
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    await putOnStick(built.bundlePath, stick, 'vores-sted-2.vsb');

    const banner = page.locator('[data-staff-notice]');
    await expect(banner).toContainText('Nyt indhold fundet på USB', { timeout: 20_000 });
    await expect(banner).toContainText('Færdig – version 2 vises nu. Du kan tage USB-stikket ud.', { timeout: 30_000 });
    await expect.poll(async () => (await readFile(join(stick, 'vores-sted-kvittering.txt'), 'utf8').catch(() => ''))).toMatch(/installeret/);

    await page.locator('button[data-task="faellesskab-og-fritid"]').click();
    await waitForScreen(page, 'task');
    await expect(page.locator(`button[data-story="${NEW_STORY.id}"]`)).toContainText(NEW_STORY.title);

    // Now a bundle with one byte changed after signing.
    const v3 = await buildBundle({ contentDir: content, outDir: join(root, 'out3'), privateKeyPath: keys.privateKeyPath, version: 3 });
    if (!v3.ok) throw new Error('v3 did not build');
    const bytes = await readFile(v3.bundlePath);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    const tampered = join(root, 'tampered.vsb');
    await writeFile(tampered, bytes);
    await putOnStick(tampered, stick, 'vores-sted-3.vsb');

    await expect(banner).toContainText('blev ikke installeret', { timeout: 30_000 });
    await expect(banner).toContainText('Kiosken viser stadig det hidtidige indhold');
    await expect(banner).toHaveAttribute('data-staff-notice', 'error');
    await expect.poll(async () => readFile(join(stick, 'vores-sted-kvittering.txt'), 'utf8')).toMatch(/IKKE/);
    // The visitor still sees version 2's story.
    await expect(page.locator(`button[data-story="${NEW_STORY.id}"]`)).toBeVisible();
    await page.getByRole('button', { name: 'Tilbage', exact: true }).click();
    await waitForScreen(page, 'map');
    const ready = await page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: { stats(): { frames: number } } } } }).__voresStedTest.debug.map.stats().frames);
    expect(ready).toBeGreaterThan(0);
  } finally {
    await kiosk.stop();
    await rm(root, { recursive: true, force: true });
  }
});

test('the kiosk starts on the installed version after a restart', async ({ page }) => {
  const root = await mkdtemp(join(tmpdir(), 'vores-sted-usb-'));
  const keys = await generateKeyPair(join(root, 'keys'));
  if (!keys.ok) throw new Error('no keys');
  const stick = join(root, 'stick');
  await mkdir(stick);
  const config = join(root, 'config.json');
  await writeFile(config, JSON.stringify({ dataDir: join(root, 'data'), bundles: { trustedKeys: [await readFile(keys.publicKeyPath, 'utf8')], extraBundleFolder: stick } }));
  const content = join(root, 'content-v2');
  await contentWithNewStory(content);
  const built = await buildBundle({ contentDir: content, outDir: join(root, 'out'), privateKeyPath: keys.privateKeyPath, version: 2 });
  if (!built.ok) throw new Error('did not build');
  await putOnStick(built.bundlePath, stick, 'vores-sted-2.vsb');
  let kiosk = await startKioskServer({ env: { VORES_STED_CONFIG: config } });
  try {
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);
    await expect(page.locator('[data-staff-notice="success"]')).toBeVisible({ timeout: 30_000 });
    await kiosk.stop();
    await rm(stick, { recursive: true });
    kiosk = await startKioskServer({ env: { VORES_STED_CONFIG: config } });
    await openKiosk(page, kiosk.url);
    const loaded = await waitForAppEvent(page, 'content-loaded');
    expect(loaded.detail['ok']).toBe(true);
    await wakeToMap(page);
    await page.locator('button[data-task="faellesskab-og-fritid"]').click();
    await expect(page.locator(`button[data-story="${NEW_STORY.id}"]`)).toBeVisible();
  } finally {
    await kiosk.stop();
    await rm(root, { recursive: true, force: true });
  }
});
