import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, openKiosk, screenshot, wakeToMap, waitForScreen } from './support/app';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';

// Large text (200 %) and high contrast, one tap from every screen: nothing clipped, nothing overlapping.

let kiosk: RunningKiosk;
test.beforeAll(async () => {
  kiosk = await startKioskServer();
});
test.afterAll(async () => {
  await kiosk.stop();
});

/** Every visible control and heading: text not cut off inside its box, and no two controls overlapping. */
async function layoutProblems(page: Page): Promise<string[]> {
  return await page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !el.closest('[inert]');
    };
    const elements = [...document.querySelectorAll('button, h1, h2, h3, p, li.label')].filter(visible);
    for (const el of elements) {
      const h = el as HTMLElement;
      const box = h.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 || box.left < -1) problems.push(`off screen: ${h.tagName} "${h.textContent?.trim().slice(0, 40)}"`);
      const clipsX = getComputedStyle(h).overflowX !== 'visible' || getComputedStyle(h).textOverflow === 'ellipsis';
      if (clipsX && h.scrollWidth > h.clientWidth + 1) problems.push(`clipped: ${h.tagName} "${h.textContent?.trim().slice(0, 40)}"`);
    }
    const buttons = [...document.querySelectorAll('button')].filter(visible).filter((b) => !b.classList.contains('wake'));
    for (let i = 0; i < buttons.length; i++) {
      for (let j = i + 1; j < buttons.length; j++) {
        const a = buttons[i]?.getBoundingClientRect();
        const b = buttons[j]?.getBoundingClientRect();
        if (!a || !b) continue;
        // Buttons inside one fixed layer (a dialog) are compared with each other only.
        if (buttons[i]?.closest('[role="dialog"]') !== buttons[j]?.closest('[role="dialog"]')) continue;
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        if (overlap) problems.push(`overlap: "${buttons[i]?.textContent?.trim().slice(0, 30)}" × "${buttons[j]?.textContent?.trim().slice(0, 30)}"`);
      }
    }
    return problems;
  });
}

for (const viewport of [{ width: 1920, height: 1080 }, { width: 1080, height: 1920 }]) {
  test(`large text at 200 % clips and overlaps nothing (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openKiosk(page, kiosk.url);
    await wakeToMap(page);
    await page.getByRole('button', { name: 'Visning', exact: true }).click();
    await page.getByRole('button', { name: 'Stor tekst' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');
    await page.getByRole('button', { name: 'Færdig' }).click();
    expect(await layoutProblems(page)).toEqual([]);
    await screenshot(page, 'large-text-map');
    for (const screen of ['task', 'credits'] as const) {
      if (screen === 'task') await page.locator('button[data-task="trivsel-og-laering"]').click();
      else await page.getByRole('button', { name: 'Kilder og tak' }).click();
      await waitForScreen(page, screen);
      expect(await layoutProblems(page), screen).toEqual([]);
      await expectNoAxeViolations(page, `${screen} with large text`);
      await screenshot(page, `large-text-${screen}`);
    }
  });
}

test('high contrast switches every colour token to black and white, and passes axe', async ({ page }) => {
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
  await expectNoAxeViolations(page, 'map in high contrast');
  await page.locator('button[data-task="baeredygtig-vaekst"]').click();
  await waitForScreen(page, 'task');
  await expectNoAxeViolations(page, 'task in high contrast');
  await screenshot(page, 'high-contrast-task');
});
