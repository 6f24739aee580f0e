import { chromium, type Browser, type Page } from '@playwright/test';
import { SOFTWARE_GL_ARGS } from '../../../electron/kiosk/software-gl';
import { benchInitScript } from './page-probes';

// The same browser as the end-to-end tests (playwright.config.ts): the system Chromium, never a
// downloaded one, configured as the kiosk configures it on a machine without a GPU.
const CHROMIUM_ARGS = [...SOFTWARE_GL_ARGS, '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export const VIEWPORT = { width: 1920, height: 1080 } as const;

export async function launchBrowser(): Promise<Browser> {
  return await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * tsx compiles this code with esbuild's keepNames, which wraps named inner functions in `__name(fn, "…")`.
 * Functions handed to page.evaluate carry those calls into the page, where the helper does not exist.
 */
export const NAME_HELPER_SHIM = 'globalThis.__name = (fn) => fn;';

/** A fresh context (no cache, no storage) with the bench's probes installed before the app runs. */
export async function newBenchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: NAME_HELPER_SHIM });
  await context.addInitScript(benchInitScript);
  return await context.newPage();
}
