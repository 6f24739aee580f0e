import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { clearAppEvents, expectNoAxeViolations, openKiosk, screenshot, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';

// The visitor's whole first minute: attract → map → each core task → back → language → credits.

interface CoreTaskFile {
  id: string;
  title: { da: string; en?: string };
  source: { url: string };
}
const coreTasks = JSON.parse(readFileSync('content/core-tasks.json', 'utf8')) as CoreTaskFile[];

let kiosk: RunningKiosk;
test.beforeAll(async () => {
  kiosk = await startKioskServer();
});
test.afterAll(async () => {
  await kiosk.stop();
});

function watchForStrayRequests(page: Page, origin: string): string[] {
  const stray: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) stray.push(request.url());
  });
  return stray;
}

test('the attract screen shows the vision quote with its source and wakes to the map', async ({ page }) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const stray = watchForStrayRequests(page, kiosk.url.replace(/\/$/, ''));
  await openKiosk(page, kiosk.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Vores Sted' })).toBeVisible();
  await expect(page.locator('blockquote')).toContainText('Lejre Kommune er et sted – eller rettere 49 småbyer og landsbyer');
  await expect(page.locator('figcaption')).toContainText('Lejre Kommune');
  await expect(page.getByText('Rør skærmen for at begynde')).toBeVisible();
  await expect(page.getByText('Touch the screen to begin')).toBeVisible();
  await expectNoAxeViolations(page, 'attract');

  const ready = await wakeToMap(page);
  // The map really rendered: many distinct colours read back from the WebGL drawing buffer.
  expect(ready.detail['distinctColours']).toBeGreaterThan(5);
  expect(ready.detail['drawCalls']).toBeLessThanOrEqual(8);
  expect(ready.detail['villages']).toBeGreaterThan(40);
  await expect(page.getByRole('heading', { name: 'Lejre Kommune' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Bæredygtig vækst/ })).toBeVisible();
  await expectNoAxeViolations(page, 'map');
  expect(cspViolations).toEqual([]);
  expect(stray).toEqual([]);
});

test('the tap that wakes the kiosk does not press what lies beneath it', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  // Where the first core-task button will be on the map screen.
  await page.mouse.click(1650, 220);
  await waitForScreen(page, 'map');
  await waitForAppEvent(page, 'map-ready');
  await expect(page.getByRole('button', { name: /Aktivt og selvstændigt liv/ })).toBeVisible();
  expect(await page.locator('main.story').count()).toBe(0);
});

test('each of the five core tasks opens its story with the true text and its source, and back returns', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  expect(coreTasks).toHaveLength(5);
  for (const task of coreTasks) {
    await clearAppEvents(page, 'screen-shown');
    await page.locator(`button[data-task="${task.id}"]`).click();
    await waitForScreen(page, 'task');
    const story = page.locator(`main.story[data-task="${task.id}"]`);
    await expect(story.getByRole('heading', { level: 2, name: task.title.da, exact: true })).toBeVisible();
    await expect(story.locator('.source')).toContainText(task.source.url.replace(/^https?:\/\//, ''));
    await expectNoAxeViolations(page, `task ${task.id}`);
    await page.getByRole('button', { name: 'Tilbage', exact: true }).click();
    await waitForScreen(page, 'map');
  }
});

test('a quote in a core task is marked as a quote', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  await page.locator('button[data-task="trivsel-og-laering"]').click();
  await waitForScreen(page, 'task');
  const quote = page.locator('figure.quote');
  await expect(quote.locator('figcaption')).toHaveText('Citat');
  await expect(quote.locator('blockquote')).toContainText('Børn og unge skal trives og motiveres til at lære.');
});

test('the language switch changes visible text on every screen and back', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await waitForAppEvent(page, 'language-changed');
  await expect(page.getByRole('heading', { name: 'Lejre Municipality' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Sustainable growth/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page, 'map (English)');

  await page.locator('button[data-task="baeredygtig-vaekst"]').click();
  await waitForScreen(page, 'task');
  await expect(page.getByRole('button', { name: 'Back', exact: true })).toBeVisible();
  await expect(page.locator('main.story .band h2')).toHaveText('Sustainable growth');
  await page.getByRole('button', { name: 'Skift til dansk' }).click();
  await expect(page.locator('main.story .band h2')).toHaveText('Bæredygtig vækst');
  await expect(page.getByRole('button', { name: 'Tilbage', exact: true })).toBeVisible();
});

test('credits list every attribution the data requires', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  await page.getByRole('button', { name: 'Kilder og tak' }).click();
  await waitForScreen(page, 'credits');
  const credits = page.locator('main.credits');
  await expect(credits).toContainText('Danmarks Administrative Geografiske Inddeling (DAGI)');
  await expect(credits).toContainText('Danske Stednavne');
  await expect(credits).toContainText('© OpenStreetMap contributors');
  await expect(credits).toContainText('ODbL');
  await expect(credits).toContainText('GeoNames');
  await expect(credits).toContainText('CC BY 4.0');
  await expect(credits).toContainText('Danmarks Statistik');
  await expect(credits).not.toContainText('49 byer');
  await expectNoAxeViolations(page, 'credits');
  await page.getByRole('button', { name: 'Hjem' }).click();
  await waitForScreen(page, 'map');
});

test('tapping a village dot opens its card with its name, parish and sourced population', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  const target = await page.evaluate(() => {
    const map = (window as unknown as { __voresStedTest: { debug: { map: { screenMarkers(): { id: number; x: number; y: number }[] } } } })
      .__voresStedTest.debug.map;
    return map.screenMarkers().find((m) => m.id === 1) ?? null; // Kirke Hvalsø
  });
  expect(target).not.toBeNull();
  // Markers are in the map's box (the canvas itself may be stretched by a lower render scale).
  const canvas = await page.locator('[data-map-surface]').boundingBox();
  if (!target || !canvas) throw new Error('no marker or map');
  // A fingertip lands a little off the dot; the nearest village within the touch radius wins.
  await page.mouse.click(canvas.x + target.x + 10, canvas.y + target.y - 8);
  const opened = await waitForAppEvent(page, 'village-opened');
  expect(opened.detail['name']).toBe('Kirke Hvalsø');
  const card = page.locator('article.card');
  await expect(card.getByRole('heading', { name: 'Kirke Hvalsø' })).toBeVisible();
  await expect(card).toContainText('Kirke Hvalsø Sogn');
  await expect(card).toContainText('4.340 indbyggere pr. 1. januar 2023');
  await expectNoAxeViolations(page, 'village card');
  await page.getByRole('button', { name: 'Luk' }).click();
  await expect(card).toHaveCount(0);
});

test('screenshots of every screen in landscape and portrait', async ({ page }) => {
  for (const viewport of [{ width: 1920, height: 1080 }, { width: 1080, height: 1920 }]) {
    await page.setViewportSize(viewport);
    await openKiosk(page, kiosk.url);
    await screenshot(page, 'attract');
    await wakeToMap(page);
    await screenshot(page, 'map');
    await page.locator('button[data-task="faellesskab-og-fritid"]').click();
    await waitForScreen(page, 'task');
    await screenshot(page, 'task');
    await page.getByRole('button', { name: 'Kilder og tak' }).click();
    await waitForScreen(page, 'credits');
    await screenshot(page, 'credits');
    await expectNoAxeViolations(page, `credits ${viewport.width}x${viewport.height}`);
  }
});
