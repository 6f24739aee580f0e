import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { clearAppEvents, expectNoAxeViolations, openKiosk, screenshot, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';

// The map as a visitor handles it: touch gestures with limits, core tasks lighting up their villages,
// the A–Å list, and a lost GPU context.

interface Pose {
  target: [number, number];
  distance: number;
  tilt: number;
  heading: number;
}
interface MapDebug {
  pose: Pose;
  homePose(): Pose;
  stats(): { frames: number; geometries: number; textures: number };
  markerColours(): Record<number, [number, number, number]>;
  loseContextForTest(): { restore(): void } | null;
  sampleDistinctColours(): number;
}
declare global {
  interface Window {
    __lostContext?: { restore(): void } | null;
  }
}

const villages = (JSON.parse(readFileSync('content/geo/villages.json', 'utf8')) as { villages: { id: number; name: string; lat: number | null; parish: string }[] }).villages;
const stories = JSON.parse(readFileSync('content/stories.json', 'utf8')) as { coreTasks: string[]; villages: number[] }[];
const coreTasks = JSON.parse(readFileSync('content/core-tasks.json', 'utf8')) as { id: string; colour: string }[];

let kiosk: RunningKiosk;
test.beforeAll(async () => {
  kiosk = await startKioskServer();
});
test.afterAll(async () => {
  await kiosk.stop();
});

async function pose(page: Page): Promise<Pose> {
  return await page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map.pose);
}

/** A real touch drag through the browser's input pipeline (CDP), as a finger would. */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y, id: 1 }] });
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps;
    const y = from.y + ((to.y - from.y) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y, id: 1 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

async function touchPinch(page: Page, centre: { x: number; y: number }, fromGap: number, toGap: number, steps = 10): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const points = (gap: number) => [
    { x: centre.x - gap / 2, y: centre.y, id: 1 },
    { x: centre.x + gap / 2, y: centre.y, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(fromGap) });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(fromGap + ((toGap - fromGap) * i) / steps) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('one finger pans the map and two fingers zoom it, and neither can lose the municipality', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  const canvas = await page.locator('[data-map-surface]').boundingBox();
  if (!canvas) throw new Error('no map');
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  const home = await pose(page);

  await touchDrag(page, centre, { x: centre.x - 300, y: centre.y });
  await expect.poll(async () => (await pose(page)).target[0]).toBeGreaterThan(home.target[0] + 500);

  await touchPinch(page, centre, 120, 480);
  await expect.poll(async () => (await pose(page)).distance).toBeLessThan(home.distance * 0.6);

  // Fling it far away, again and again: the target stays near the municipality.
  for (let i = 0; i < 6; i++) await touchDrag(page, { x: centre.x + 400, y: centre.y }, { x: centre.x - 600, y: centre.y + 10 }, 6);
  const far = await pose(page);
  expect(Math.abs(far.target[0])).toBeLessThan(home.distance * 1.5);
  // Pinch all the way out: the distance stops at its limit.
  for (let i = 0; i < 5; i++) await touchPinch(page, centre, 600, 60);
  expect((await pose(page)).distance).toBeLessThan(home.distance * 3);

  // "Hjem" re-frames the whole municipality.
  await page.getByRole('button', { name: 'Hjem', exact: true }).click();
  await expect.poll(async () => Math.round((await pose(page)).distance)).toBe(Math.round(home.distance));
  // No page zoom, ever.
  expect(await page.evaluate(() => window.visualViewport?.scale)).toBe(1);
});

test('a core task lights up exactly the villages that have stories for it, in its colour', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  const task = coreTasks.find((t) => stories.some((s) => s.coreTasks.includes(t.id) && s.villages.length > 0)) ?? coreTasks[0];
  if (!task) throw new Error('no core task');
  const expected = [...new Set(stories.filter((s) => s.coreTasks.includes(task.id)).flatMap((s) => s.villages))].sort((a, b) => a - b);
  await page.locator(`button[data-task="${task.id}"]`).click();
  await waitForScreen(page, 'task');
  await clearAppEvents(page, 'screen-shown');
  await page.getByRole('button', { name: 'Vis på kortet' }).click();
  const highlighted = await waitForAppEvent(page, 'task-highlighted');
  expect(highlighted.detail['villages']).toEqual(expected);
  await waitForScreen(page, 'map');

  const colours = await page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map.markerColours());
  const rgb = [1, 3, 5].map((i) => Number.parseInt(task.colour.slice(i, i + 2), 16));
  const lit = Object.entries(colours).filter(([, c]) => c.every((v, i) => Math.abs(v - (rgb[i] ?? 0)) <= 1)).map(([id]) => Number(id)).sort((a, b) => a - b);
  const placed = expected.filter((id) => villages.find((v) => v.id === id)?.lat !== null);
  expect(lit).toEqual(placed);
  await screenshot(page, `map-task-${task.id}`);
});

test('"Alle byer A–Å" lists every sourced place by parish, with and without a map location', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  await page.getByRole('button', { name: 'Alle byer A–Å' }).click();
  await waitForScreen(page, 'places');
  await expect(page.locator('button.place')).toHaveCount(villages.length);
  const parishes = new Set(villages.map((v) => v.parish));
  await expect(page.locator('section.parish')).toHaveCount(parishes.size);
  const unplaced = villages.filter((v) => v.lat === null);
  expect(unplaced.length).toBeGreaterThan(0);
  for (const village of unplaced) {
    await expect(page.locator(`button.place[data-village="${village.id}"]`)).toContainText('Uden kortplacering');
  }
  await expectNoAxeViolations(page, 'places');
  await screenshot(page, 'places');

  // A place without a location opens its card all the same, saying why it is not on the map.
  const first = unplaced[0];
  if (!first) throw new Error('no unplaced village');
  await page.locator(`button.place[data-village="${first.id}"]`).click();
  const opened = await waitForAppEvent(page, 'village-opened');
  expect(opened.detail['name']).toBe(first.name);
  await expect(page.locator('article.card')).toContainText('ingen kildebelagt placering');
});

test('a lost WebGL context shows the flat map and the 3D map comes back when it is restored', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  const lost = await page.evaluate(() => {
    const map = (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map;
    window.__lostContext = map.loseContextForTest();
    return window.__lostContext !== null;
  });
  expect(lost).toBe(true);
  await waitForAppEvent(page, 'map-context-lost');
  const framesWhenLost = await page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map.stats().frames);
  await expect(page.locator('svg[data-map-fallback]')).toBeVisible();
  await expect(page.getByRole('status')).toContainText('forenklet');
  await screenshot(page, 'map-context-lost');
  // Everything else keeps working while the map is flat.
  await page.locator('button[data-task="trivsel-og-laering"]').click();
  await waitForScreen(page, 'task');
  await page.getByRole('button', { name: 'Tilbage', exact: true }).click();
  await waitForScreen(page, 'map');

  await page.evaluate(() => window.__lostContext?.restore());
  await waitForAppEvent(page, 'map-context-restored');
  await expect(page.locator('svg[data-map-fallback]')).toHaveCount(0);
  await expect(page.locator('canvas')).toBeVisible();
  // It rendered again on its own, and what it draws is the real map, read back from the GPU.
  await expect
    .poll(async () => page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map.stats().frames))
    .toBeGreaterThan(framesWhenLost);
  const colours = await page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map.sampleDistinctColours());
  expect(colours).toBeGreaterThan(5);
});

test('mounting and unmounting the map 20 times leaves no GPU objects behind', async ({ page }) => {
  // The first new WebGL context compiles every shader on the CPU renderer (~15 s here); the rest are quick.
  test.setTimeout(150_000);
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  const before = await page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map.stats());
  const cycles = [];
  for (let i = 0; i < 20; i++) {
    cycles.push(
      await page.evaluate(() =>
        (
          window as unknown as {
            __voresStedTest: { debug: { mapLifecycle: { cycle(): { colours: number; mounted: { geometries: number; textures: number }; disposed: { geometries: number; textures: number } } } } };
          }
        ).__voresStedTest.debug.mapLifecycle.cycle(),
      ),
    );
  }
  for (const cycle of cycles) {
    expect(cycle.colours).toBeGreaterThan(3); // it really drew the map each time
    expect(cycle.mounted).toEqual({ geometries: before.geometries, textures: before.textures });
    expect(cycle.disposed).toEqual({ geometries: 0, textures: 0 });
  }
  // The kiosk's own map is untouched and still draws.
  const after = await page.evaluate(() => (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map.sampleDistinctColours());
  expect(after).toBeGreaterThan(5);
});

test('with reduced motion a village is reached by a cut and a cross-fade, not a flight, and nothing drifts', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openKiosk(page, kiosk.url);
  await waitForAppEvent(page, 'map-ready');
  // On the attract screen nothing moves: no frames are drawn while the page sits there.
  const drawnWhileStill = await page.evaluate(async () => {
    const map = (window as unknown as { __voresStedTest: { debug: { map: MapDebug } } }).__voresStedTest.debug.map;
    const before = map.stats().frames;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // an observation window: nothing may happen in it
    return map.stats().frames - before;
  });
  expect(drawnWhileStill).toBe(0);
  await page.locator('button.wake').click();
  await waitForScreen(page, 'map');
  const home = await pose(page);
  // The very next moment after the tap the camera is already there: no frames in between.
  const after = await page.evaluate(() => {
    const map = (window as unknown as { __voresStedTest: { debug: { map: MapDebug & { flyToVillage(id: number): void } } } }).__voresStedTest.debug.map;
    map.flyToVillage(1);
    return map.pose;
  });
  expect(after.distance).toBeLessThan(home.distance);
  expect(after.target).not.toEqual(home.target);
  await expect(page.locator('canvas')).toHaveClass(/cut/);
});
