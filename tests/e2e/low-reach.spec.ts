import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { REACH_RANGE_MM, heightAboveFloorMm, type ScreenMounting, type Viewport } from '../../contract/reach';
import { expectNoAxeViolations, openKiosk, screenshot, waitForAppEvent, waitForScreen } from './support/app';
import { startConfiguredKiosk } from './support/configured-kiosk';
import { openStaffHealth } from './support/staff';

// Low reach on two real mountings whose top is out of a seated visitor's reach: every visible control on
// every screen, its box turned into millimetres above the floor from the config, must lie within
// 380–1200 mm. A table of the measurements is printed for the review.

interface Wall {
  label: string;
  mounting: ScreenMounting;
  viewport: Viewport;
}

const WALLS: Wall[] = [
  { label: '55" portrait, lower edge 700 mm', mounting: { size: { diagonalInches: 55 }, lowerEdgeMm: 700, lowReachByDefault: false }, viewport: { width: 1080, height: 1920 } },
  { label: '43" landscape, lower edge 900 mm', mounting: { size: { diagonalInches: 43 }, lowerEdgeMm: 900, lowReachByDefault: false }, viewport: { width: 1920, height: 1080 } },
];

// Layout snaps to 1/64 px; a box edge may sit that far past the band's exact edge (about 0.01 mm).
const TOLERANCE_MM = 0.1;
const STAFF_PIN = '4821';

const stories = JSON.parse(readFileSync('content/stories.json', 'utf8')) as { id: string; villages: number[] }[];
const villageWithStory = stories.find((s) => s.villages.length > 0)?.villages[0] ?? 0;

function mountingConfig(mounting: ScreenMounting): Record<string, unknown> {
  return { ...mounting.size, lowerEdgeMm: mounting.lowerEdgeMm, lowReachByDefault: mounting.lowReachByDefault };
}

interface ControlBox {
  name: string;
  top: number;
  bottom: number;
}

/**
 * Every control a visitor can see and touch: buttons, links, inputs, [role=button] and the village dots on
 * the map, each as the part of its box that is not scrolled or clipped away. Covered (inert) screens and
 * what is hidden from everyone do not count.
 */
async function visibleControls(page: Page): Promise<ControlBox[]> {
  return await page.evaluate(() => {
    const boxes: { name: string; top: number; bottom: number }[] = [];
    const visiblePart = (el: Element): { top: number; bottom: number } | null => {
      const r = el.getBoundingClientRect();
      let [top, bottom, left, right] = [r.top, r.bottom, r.left, r.right];
      for (let parent = el.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = parent.getBoundingClientRect();
        [top, bottom, left, right] = [Math.max(top, c.top), Math.min(bottom, c.bottom), Math.max(left, c.left), Math.min(right, c.right)];
      }
      [top, bottom, left, right] = [Math.max(top, 0), Math.min(bottom, window.innerHeight), Math.max(left, 0), Math.min(right, window.innerWidth)];
      return bottom - top > 0.5 && right - left > 0.5 ? { top, bottom } : null;
    };
    for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role="button"]')) {
      if (el.closest('[inert], [aria-hidden="true"]') || getComputedStyle(el).visibility === 'hidden') continue;
      const part = visiblePart(el);
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      if (part) boxes.push({ name, ...part });
    }
    const bridge = (window as unknown as { __voresStedTest: { debug: { map?: { screenMarkers(): { id: number; x: number; y: number }[] } } } }).__voresStedTest;
    const canvas = document.querySelector('canvas');
    const map = bridge.debug.map;
    if (map && canvas && !canvas.closest('[inert]')) {
      const c = (canvas.closest('[data-map-surface]') ?? canvas).getBoundingClientRect(); // markers are in the map's box
      for (const marker of map.screenMarkers()) {
        const [x, y] = [c.left + marker.x, c.top + marker.y];
        if (x >= c.left && x <= c.right && y >= c.top && y <= c.bottom) boxes.push({ name: `village dot ${marker.id}`, top: y, bottom: y });
      }
    }
    return boxes;
  });
}

/** Scrolls every scrolling area to its end, so the controls below the first view are measured too. */
async function scrollToEnd(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('*')) {
      const overflow = getComputedStyle(el).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight) el.scrollTop = el.scrollHeight;
    }
  });
}

interface Row {
  screen: string;
  controls: number;
  lowestMm: number;
  highestMm: number;
  outside: string[];
}

/** The controls in view, in millimetres above the floor. */
async function measure(page: Page, wall: Wall, screen: string): Promise<Row> {
  const boxes = await visibleControls(page);
  const span = boxes.map((box) => ({
    name: box.name,
    from: heightAboveFloorMm(wall.mounting, wall.viewport, box.bottom),
    to: heightAboveFloorMm(wall.mounting, wall.viewport, box.top),
  }));
  const outside = span
    .filter((c) => c.from < REACH_RANGE_MM.low - TOLERANCE_MM || c.to > REACH_RANGE_MM.high + TOLERANCE_MM)
    .map((c) => `${c.name} (${Math.round(c.from)}–${Math.round(c.to)} mm)`);
  return {
    screen,
    controls: span.length,
    lowestMm: Math.min(...span.map((c) => c.from)),
    highestMm: Math.max(...span.map((c) => c.to)),
    outside,
  };
}

function printTable(wall: Wall, rows: Row[]): void {
  const total = rows.reduce((sum, r) => sum + r.controls, 0);
  const within = rows.reduce((sum, r) => sum + r.controls - r.outside.length, 0);
  const line = (screen: string, controls: string, lowest: string, highest: string, inRange: string): string =>
    `${screen.padEnd(48)} ${controls.padStart(8)} ${lowest.padStart(7)} ${highest.padStart(7)}  ${inRange}`;
  const lines = [
    `Low reach, ${wall.label} (${wall.viewport.width}×${wall.viewport.height}): controls in mm above the floor, allowed ${REACH_RANGE_MM.low}–${REACH_RANGE_MM.high}`,
    line('screen', 'controls', 'lowest', 'highest', 'within'),
    ...rows.map((r) => line(r.screen, String(r.controls), r.lowestMm.toFixed(0), r.highestMm.toFixed(0), `${r.controls - r.outside.length}/${r.controls}`)),
    line('all', String(total), '', '', `${within}/${total} (${total === 0 ? 100 : Math.floor((within / total) * 100)} %)`),
  ];
  console.log(lines.join('\n'));
}

for (const wall of WALLS) {
  test(`low reach puts every control on every screen within reach: ${wall.label}`, async ({ page }) => {
    const { kiosk, cleanup } = await startConfiguredKiosk({ mounting: mountingConfig(wall.mounting) });
    const rows: Row[] = [];
    const check = async (screen: string, shot: string): Promise<void> => {
      rows.push(await measure(page, wall, screen));
      await screenshot(page, `low-reach-${shot}`);
      await scrollToEnd(page);
      rows.push(await measure(page, wall, `${screen}, scrolled to the end`));
    };
    try {
      await page.setViewportSize(wall.viewport);
      await openKiosk(page, kiosk.url);
      // Without low reach the top bar is out of reach, so the switch waits in a strip within reach.
      await expect(page.locator('html')).toHaveAttribute('data-reach', 'strip');
      const normal = await measure(page, wall, 'attract, before low reach');
      expect(normal.outside.length, 'the top of this screen must be out of reach, or the test proves nothing').toBeGreaterThan(0);
      const strip = page.getByRole('button', { name: 'Alt inden for rækkevidde' });
      const stripBox = await strip.boundingBox();
      expect(heightAboveFloorMm(wall.mounting, wall.viewport, stripBox?.y ?? 0)).toBeLessThanOrEqual(REACH_RANGE_MM.high);

      // The switch on the attract screen also starts the visit.
      await strip.click();
      await waitForScreen(page, 'map');
      await waitForAppEvent(page, 'map-ready');
      await expect(page.locator('html')).toHaveAttribute('data-reach', 'low');
      await check('map', 'map');

      await page.getByRole('button', { name: 'Alle byer A–Å' }).click();
      await waitForScreen(page, 'places');
      await check('places (A–Å)', 'places');

      await page.locator(`button.place[data-village="${villageWithStory}"]`).click();
      await waitForAppEvent(page, 'village-opened');
      await check('map with a village card', 'village');

      await page.locator('article.card button[data-story]').first().click();
      await waitForScreen(page, 'story');
      await check('story', 'story');

      await page.getByRole('button', { name: 'Visning', exact: true }).click();
      await check('story with the display panel', 'panel');
      await page.getByRole('button', { name: 'Færdig' }).click();

      await page.locator('nav.more button').last().click();
      await waitForScreen(page, 'task');
      await check('task', 'task');

      await page.getByRole('button', { name: 'Kilder og tak' }).click();
      await waitForScreen(page, 'credits');
      await check('credits', 'credits');

      printTable(wall, rows);
      expect(rows.flatMap((r) => r.outside.map((o) => `${r.screen}: ${o}`))).toEqual([]);
      expect(rows.every((r) => r.controls > 0)).toBe(true);
    } finally {
      await cleanup();
    }
  });
}

test('low reach by default: every session starts within reach, the attract screen too; the closed screen has nothing to reach', async ({ page }) => {
  const wall = WALLS[0] as Wall;
  // A short idle timeout (its countdown takes the last 10 s): the visit below ends by itself, and the next
  // one starts in low reach again.
  const { kiosk, cleanup } = await startConfiguredKiosk({ mounting: mountingConfig({ ...wall.mounting, lowReachByDefault: true }) }, { idleSeconds: 15 });
  try {
    await page.setViewportSize(wall.viewport);
    await openKiosk(page, kiosk.url);
    await expect(page.locator('html')).toHaveAttribute('data-reach', 'low');
    await expect(page.getByText('Alt er rykket ned, så det kan nås siddende')).toBeVisible();
    const attract = await measure(page, wall, 'attract');
    printTable(wall, [attract]);
    expect(attract.outside).toEqual([]);
    await expectNoAxeViolations(page, 'attract in low reach');
    await screenshot(page, 'low-reach-attract');

    // Switched off during a visit, it is back for the next visitor.
    await page.locator('button.wake').click();
    await waitForScreen(page, 'map');
    await page.getByRole('button', { name: 'Visning', exact: true }).click();
    await page.getByRole('button', { name: 'Alt inden for rækkevidde' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-reach', 'strip');
    await page.getByRole('button', { name: 'Færdig' }).click();
    const reset = await waitForAppEvent(page, 'session-reset', 30_000);
    expect(reset.detail['reason']).toBe('idle');
    await expect(page.locator('html')).toHaveAttribute('data-reach', 'low');
  } finally {
    await cleanup();
  }
  const closedDay = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', weekday: 'long' }).format(new Date(Date.now() + 2 * 86_400_000)).toLowerCase();
  const closed = await startConfiguredKiosk({ mounting: mountingConfig({ ...wall.mounting, lowReachByDefault: true }), openingHours: { weekly: { [closedDay]: ['10:00-16:00'] } } });
  try {
    await openKiosk(page, closed.kiosk.url);
    await expect(page.locator('main.closed')).toBeVisible();
    expect((await measure(page, wall, 'closed')).controls).toBe(0);
  } finally {
    await closed.cleanup();
  }
});

test('a screen hung out of reach offers no low reach, and the log and the staff screen say why', async ({ page }) => {
  const wall = WALLS[1] as Wall;
  const { kiosk, log, cleanup } = await startConfiguredKiosk({ mounting: mountingConfig({ ...wall.mounting, lowerEdgeMm: 1300 }), staffPin: STAFF_PIN });
  try {
    await page.setViewportSize(wall.viewport);
    await openKiosk(page, kiosk.url);
    await expect.poll(log).toContain('nothing on it is within reach from a wheelchair');
    await expect(page.locator('html')).toHaveAttribute('data-reach', 'off');
    await page.locator('button.wake').click();
    await waitForScreen(page, 'map');
    await page.getByRole('button', { name: 'Visning', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Stor tekst' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Alt inden for rækkevidde' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Færdig' }).click();

    await openStaffHealth(page, STAFF_PIN);
    await expect(page.locator('[data-staff-screen] .warnings')).toContainText('nederste kant 1300 mm over gulvet');
  } finally {
    await cleanup();
  }
});
