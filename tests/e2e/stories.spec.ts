import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, openKiosk, screenshot, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';

// Stories as a visitor opens them: from a core task, from a village card; pictures to swipe; the example
// badge; English; the QR code to take a story home.

interface StoryFile {
  id: string;
  title: { da: string; en?: string };
  coreTasks: string[];
  villages: number[];
  example: boolean;
  media?: { type: string }[];
  publicUrl?: string;
  validFrom?: string;
}
const today = new Date().toISOString().slice(0, 10);
const stories = (JSON.parse(readFileSync('content/stories.json', 'utf8')) as StoryFile[]).filter((s) => !s.validFrom || s.validFrom <= today);
const gallery = stories.find((s) => (s.media ?? []).filter((m) => m.type === 'image').length >= 10);
const sourced = stories.find((s) => !s.example && s.publicUrl);
const example = stories.find((s) => s.example && s.villages.length > 0 && (s.media ?? []).length > 0);

let kiosk: RunningKiosk;
test.beforeAll(async () => {
  kiosk = await startKioskServer();
});
test.afterAll(async () => {
  await kiosk.stop();
});

/** No broken-image icon, ever: every picture that has finished loading has pixels, and the first one loads. */
async function expectNoBrokenImages(page: Page): Promise<void> {
  await expect
    .poll(async () => page.evaluate(() => document.querySelector<HTMLImageElement>('main.story-view img')?.naturalWidth ?? -1))
    .toBeGreaterThan(0);
  const broken = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('main.story-view img')].filter((img) => img.complete && img.naturalWidth === 0).map((img) => img.src),
  );
  expect(broken).toEqual([]);
}

test('a story opens from its core task, with the example badge, pictures and its source', async ({ page }) => {
  if (!example) throw new Error('the built-in content has no example story with a village and media');
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  const task = example.coreTasks[0] ?? '';
  await page.locator(`button[data-task="${task}"]`).click();
  await waitForScreen(page, 'task');
  await page.locator(`button[data-story="${example.id}"]`).click();
  const opened = await waitForAppEvent(page, 'story-opened');
  expect(opened.detail['storyId']).toBe(example.id);
  const view = page.locator(`main.story-view[data-story="${example.id}"]`);
  await expect(view.getByRole('heading', { level: 2, name: example.title.da })).toBeVisible();
  await expect(view.locator('.badge').first()).toHaveText('Eksempel');
  await expect(view.locator('.body p').first()).toBeVisible();
  await expect(view.locator('.source').first()).toContainText('lejre.dk');
  await expect(view.locator('img').first()).toHaveAttribute('width', /\d+/);
  await expectNoBrokenImages(page);
  await expectNoAxeViolations(page, 'story');

  await page.getByRole('button', { name: 'Switch to English' }).click();
  if (example.title.en) await expect(view.getByRole('heading', { level: 2, name: example.title.en })).toBeVisible();
  await expect(view.locator('.badge').first()).toHaveText('Example');
  await expectNoAxeViolations(page, 'story (English)');
});

test('a village card lists its stories and opens them; "more stories from" leads back to the village', async ({ page }) => {
  if (!example) throw new Error('no example story');
  const villageId = example.villages[0] ?? 0;
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  await page.getByRole('button', { name: 'Alle byer A–Å' }).click();
  await waitForScreen(page, 'places');
  await page.locator(`button.place[data-village="${villageId}"]`).click();
  await waitForAppEvent(page, 'village-opened');
  const card = page.locator(`article.card[data-village="${villageId}"]`);
  await card.locator(`button[data-story="${example.id}"]`).click();
  await waitForScreen(page, 'story');
  const more = page.getByRole('button', { name: /^Flere historier fra / }).first();
  await more.click();
  const village = await waitForAppEvent(page, 'village-opened');
  expect(village.detail['id']).toBe(villageId);
});

test('the pictures of a story can be swiped', async ({ page }) => {
  if (!gallery) throw new Error('no story with 10 pictures');
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  await page.locator(`button[data-task="${gallery.coreTasks[0] ?? ''}"]`).click();
  await waitForScreen(page, 'task');
  await page.locator(`button[data-story="${gallery.id}"]`).click();
  await waitForScreen(page, 'story');
  const strip = page.locator('[data-gallery]');
  await expect(strip.locator('figure.slide')).toHaveCount(10);
  const box = await strip.boundingBox();
  if (!box) throw new Error('no gallery');
  const cdp = await page.context().newCDPSession(page);
  // A finger swiping right-to-left across the picture.
  const y = Math.round(box.y + box.height / 2);
  const from = Math.round(box.x + box.width * 0.85);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y, id: 1 }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from - Math.round((box.width * 0.7 * i) / 10), y, id: 1 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect.poll(async () => strip.evaluate((el) => el.scrollLeft)).toBeGreaterThan(box.width * 0.5);
  await expect(page.locator('.dot[aria-current="true"]')).toHaveAttribute('aria-label', 'Billede 2 af 10');
  await screenshot(page, 'story-gallery');
});

test('the sourced history story has no example badge, marks its quote, and offers a QR code', async ({ page }) => {
  if (!sourced) throw new Error('no sourced story with a public address');
  for (const viewport of [{ width: 1920, height: 1080 }, { width: 1080, height: 1920 }]) {
    await page.setViewportSize(viewport);
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);
    await page.locator(`button[data-task="${sourced.coreTasks[0] ?? ''}"]`).click();
    await waitForScreen(page, 'task');
    await page.locator(`button[data-story="${sourced.id}"]`).click();
    await waitForScreen(page, 'story');
    const view = page.locator(`main.story-view[data-story="${sourced.id}"]`);
    await expect(view.locator('.badge')).toHaveCount(0);
    await expect(view.locator('.body blockquote').first()).toBeVisible();
    await expect(view.locator(`[data-qr="${sourced.publicUrl ?? ''}"] img`)).toBeVisible();
    await expectNoBrokenImages(page);
    await screenshot(page, 'story');
  }
});
