import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openKiosk, screenshot, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';

// Large text (200 %) and high contrast, one tap from every screen: nothing clipped, nothing overlapping,
// nothing left outside the screen, on every screen in both orientations (screenshots for the review in
// test-output/screenshots). axe in every mode: accessibility-matrix.spec.ts.

const stories = JSON.parse(readFileSync('content/stories.json', 'utf8')) as { id: string; villages: number[]; media?: { type: string }[] }[];
// The story with the most pictures: the longest row of gallery dots.
const gallery = [...stories].sort((a, b) => (b.media ?? []).length - (a.media ?? []).length).find((s) => s.villages.length > 0);

let kiosk: RunningKiosk;
test.beforeAll(async () => {
  kiosk = await startKioskServer();
});
test.afterAll(async () => {
  await kiosk.stop();
});

/**
 * What a visitor would see go wrong with bigger text, from element boxes:
 * - text cut off inside its own box (an ellipsis, or overflow hidden with more inside),
 * - text cut off by a box around it that clips, or outside the screen, where nothing scrolls it into view
 *   (a scroller only counts in the direction a finger can scroll it: its touch-action),
 * - boxes side by side in the flow that overlap, and buttons that overlap anywhere on one layer.
 * Covered (inert) screens do not count; positioned overlays (the map's hint, a card) may lie over the map.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return await page.evaluate(() => {
    const problems = new Set<string>();
    const name = (el: Element): string => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
    const shown = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert]');
    };
    const clips = (overflow: string): boolean => overflow !== 'visible';
    const swipes = (overflow: string, touchAction: string, axis: 'x' | 'y'): boolean =>
      (overflow === 'auto' || overflow === 'scroll') && (touchAction === 'auto' || touchAction === 'manipulation' || touchAction.includes(`pan-${axis}`));
    type Box = { left: number; top: number; right: number; bottom: number };
    const overlap = (a: Box, b: Box): boolean => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    // The part of a box not scrolled or clipped away: what a visitor sees of it.
    const seen = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      const box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      for (let parent = el.parentElement; parent; parent = parent.parentElement) {
        const p = getComputedStyle(parent);
        if (!clips(p.overflowX) && !clips(p.overflowY)) continue;
        const c = parent.getBoundingClientRect();
        [box.left, box.top, box.right, box.bottom] = [Math.max(box.left, c.left), Math.max(box.top, c.top), Math.min(box.right, c.right), Math.min(box.bottom, c.bottom)];
      }
      return box;
    };
    const elements = [...document.querySelectorAll('body *')].filter(shown);
    const ownText = (el: Element): boolean => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');

    for (const el of elements.filter((e) => ownText(e) || e.matches('button, a, input'))) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if ((clips(style.overflowX) || style.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1) problems.add(`clipped: ${name(el)}`);
      if (clips(style.overflowY) && !swipes(style.overflowY, style.touchAction, 'y') && el.scrollHeight > el.clientHeight + 1) problems.add(`clipped: ${name(el)}`);
      let [scrollsX, scrollsY] = [false, false];
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const p = getComputedStyle(parent);
        const c = parent.getBoundingClientRect();
        if (!scrollsX && clips(p.overflowX) && !swipes(p.overflowX, p.touchAction, 'x') && (box.left < c.left - 1 || box.right > c.right + 1)) problems.add(`cut off: ${name(el)}`);
        if (!scrollsY && clips(p.overflowY) && !swipes(p.overflowY, p.touchAction, 'y') && (box.top < c.top - 1 || box.bottom > c.bottom + 1)) problems.add(`cut off: ${name(el)}`);
        scrollsX ||= swipes(p.overflowX, p.touchAction, 'x');
        scrollsY ||= swipes(p.overflowY, p.touchAction, 'y');
      }
      if (!scrollsX && (box.left < -1 || box.right > window.innerWidth + 1)) problems.add(`off screen: ${name(el)}`);
      if (!scrollsY && (box.top < -1 || box.bottom > window.innerHeight + 1)) problems.add(`off screen: ${name(el)}`);
    }

    const inFlow = (el: Element): boolean => {
      const style = getComputedStyle(el);
      return ['static', 'relative', 'sticky'].includes(style.position) && style.display !== 'inline' && style.display !== 'contents';
    };
    for (const parent of elements) {
      const children = [...parent.children].filter((child) => shown(child) && inFlow(child));
      for (let i = 0; i < children.length; i++) {
        for (let j = i + 1; j < children.length; j++) {
          const [a, b] = [children[i] as Element, children[j] as Element];
          if (overlap(seen(a), seen(b))) problems.add(`overlap: ${name(a)} × ${name(b)}`);
        }
      }
    }

    const buttons = elements.filter((el) => el.matches('button') && !el.classList.contains('wake'));
    for (let i = 0; i < buttons.length; i++) {
      for (let j = i + 1; j < buttons.length; j++) {
        const [a, b] = [buttons[i] as Element, buttons[j] as Element];
        // Buttons inside one fixed layer (a dialog) are compared with each other only.
        if (a.closest('[role="dialog"]') !== b.closest('[role="dialog"]')) continue;
        if (overlap(seen(a), seen(b))) problems.add(`overlap: ${name(a)} × ${name(b)}`);
      }
    }
    return [...problems];
  });
}

for (const viewport of [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
]) {
  test(`large text at 200 % clips, overlaps and hides nothing on any screen (${viewport.width}×${viewport.height})`, async ({ page }) => {
    if (!gallery) throw new Error('the built-in content has no story with pictures and a village');
    await page.setViewportSize(viewport);
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);
    await page.getByRole('button', { name: 'Visning', exact: true }).click();
    await page.getByRole('button', { name: 'Stor tekst' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');
    const check = async (screen: string): Promise<void> => {
      // Polled: a change of text size reaches the map's labels with its next frame.
      await expect.poll(() => layoutProblems(page), { message: screen }).toEqual([]);
      await screenshot(page, `large-text-${screen}`);
    };
    await check('display-panel');
    await page.getByRole('button', { name: 'Færdig' }).click();
    await check('map');

    await page.getByRole('button', { name: 'Alle byer A–Å' }).click();
    await waitForScreen(page, 'places');
    await check('places');

    await page.locator(`button.place[data-village="${gallery.villages[0] ?? 0}"]`).click();
    await waitForAppEvent(page, 'village-opened');
    await check('village-card');

    await page.locator(`article.card button[data-story="${gallery.id}"]`).click();
    await waitForScreen(page, 'story');
    await check('story');
    const easyRead = page.locator('.story-view button.toggle');
    if ((await easyRead.count()) > 0) {
      await easyRead.click();
      await check('story-easy-read');
    }

    await page.locator('nav.more button').last().click();
    await waitForScreen(page, 'task');
    await check('task');

    await page.getByRole('button', { name: 'Kilder og tak' }).click();
    await waitForScreen(page, 'credits');
    await check('credits');
  });
}

test('high contrast switches every colour token to black and white', async ({ page }) => {
  await openKiosk(page, kiosk.url);
  await wakeToMap(page);
  await page.getByRole('button', { name: 'Visning', exact: true }).click();
  await page.getByRole('button', { name: 'Høj kontrast' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await page.getByRole('button', { name: 'Færdig' }).click();
  const colours = await page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return [style.getPropertyValue('--colour-ink').trim(), style.getPropertyValue('--colour-surface').trim()];
  });
  // The CSS minifier may shorten #000000 to #000.
  expect(colours.map((c) => c.replace(/^#(\w)\1(\w)\2(\w)\3$/, '#$1$2$3'))).toEqual(['#000', '#fff']);
  await page.locator('button[data-task="baeredygtig-vaekst"]').click();
  await waitForScreen(page, 'task');
  await screenshot(page, 'high-contrast-task');
});

test('"Letlæst" shows the easy-to-read summary on every story that has one, until the visit ends', async ({ page }) => {
  const easy = JSON.parse(readFileSync('content/stories.json', 'utf8')) as { id: string; coreTasks: string[]; summary: { da: string }; easySummary?: { da: string } }[];
  const [first, second] = easy.filter((s) => s.easySummary && s.coreTasks.includes('aktivt-og-selvstaendigt-liv'));
  if (!first?.easySummary || !second?.easySummary) throw new Error('the built-in content needs two easy-to-read stories about one core task');
  const kioskShort = await startKioskServer({ idleSeconds: 15 });
  try {
    await openKiosk(page, kioskShort.url);
    await wakeToMap(page);
    await page.locator('button[data-task="aktivt-og-selvstaendigt-liv"]').click();
    await waitForScreen(page, 'task');
    await page.locator(`button[data-story="${first.id}"]`).click();
    await waitForScreen(page, 'story');
    const summary = page.locator('.story-view .summary');
    const toggle = page.getByRole('button', { name: 'Letlæst' });
    await expect(summary).toHaveText(first.summary.da);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(summary).toHaveText(first.easySummary.da);

    // The choice holds for the next story of the visit.
    await page.getByRole('button', { name: 'Tilbage', exact: true }).click();
    await waitForScreen(page, 'task');
    await page.locator(`button[data-story="${second.id}"]`).click();
    await waitForScreen(page, 'story');
    await expect(summary).toHaveText(second.easySummary?.da ?? '');

    // The next visitor starts with the full summary.
    expect((await waitForAppEvent(page, 'session-reset', 30_000)).detail['reason']).toBe('idle');
    await page.locator('button.wake').click();
    await waitForScreen(page, 'map');
    await page.locator('button[data-task="aktivt-og-selvstaendigt-liv"]').click();
    await page.locator(`button[data-story="${first.id}"]`).click();
    await waitForScreen(page, 'story');
    await expect(summary).toHaveText(first.summary.da);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  } finally {
    await kioskShort.stop();
  }
});
