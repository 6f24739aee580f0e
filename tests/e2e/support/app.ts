import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

// Helpers that talk to the kiosk through its test bridge: tests wait on named app events, never on time.

interface AppEvent {
  name: string;
  detail: Record<string, unknown>;
}

interface BridgeWindow {
  __voresStedTest?: {
    waitFor(name: string, timeoutMs?: number): Promise<AppEvent>;
    clear(name?: string): void;
    debug: Record<string, unknown>;
  };
}

/** What the helpers below need of a page: Playwright's, or the soak's unwatched one. */
export type PageScripts = Pick<Page, 'evaluate'>;

export async function openKiosk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => Boolean((window as unknown as BridgeWindow).__voresStedTest));
}

export async function waitForAppEvent(page: PageScripts, name: string, timeoutMs = 20_000): Promise<AppEvent> {
  return await page.evaluate(
    async ([eventName, timeout]) => {
      const bridge = (window as unknown as BridgeWindow).__voresStedTest;
      if (!bridge) throw new Error('test bridge missing');
      const event = await bridge.waitFor(eventName, timeout);
      return { name: event.name, detail: event.detail };
    },
    [name, timeoutMs] as const,
  );
}

export async function clearAppEvents(page: PageScripts, name?: string): Promise<void> {
  await page.evaluate((eventName) => (window as unknown as BridgeWindow).__voresStedTest?.clear(eventName), name);
}

/** Until `screen-shown` says the named screen is up. */
export async function waitForScreen(page: PageScripts, screen: string): Promise<void> {
  for (;;) {
    const event = await waitForAppEvent(page, 'screen-shown');
    if (event.detail['screen'] === screen) return;
  }
}

/** Wakes the attract screen and waits until the map has drawn its first frame. */
export async function wakeToMap(page: Page): Promise<AppEvent> {
  await page.locator('button.wake').click();
  await waitForScreen(page, 'map');
  return await waitForAppEvent(page, 'map-ready');
}

export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export const SCREENSHOT_DIR = join('test-output', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size?.width ?? 0}x${size?.height ?? 0}.png`) });
}
