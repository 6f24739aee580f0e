import type { Browser, Page } from '@playwright/test';
import { openKiosk } from '../../e2e/support/app';
import { startKioskServer, type RunningKiosk } from '../../e2e/support/kiosk-server';
import { launchBrowser, newBenchPage } from '../support/browser';
import { rssMB } from '../support/process-memory';
import { armResponse, awaitResponse } from '../support/page-probes';
import type { BenchWindow } from '../support/page-types';

export interface LaunchFigures {
  /** Server process spawned → it prints its URL. */
  serverReadyMs: number;
  /** The bench's own Chromium launch (in the kiosk the host starts Chromium the same way). */
  browserLaunchMs: number;
  /** page.goto → first frame that paints the attract screen. */
  pageToAttractMs: number;
  /** Wake pointerup → first frame without the attract screen over the map. */
  wakeToMapMs: number;
  /** The same until presented, per Event Timing (null: under its 16 ms threshold). */
  wakeToMapPresentedMs: number | null;
  /** Spawn → map drawn and showing, minus the time the bench itself took to tap after the attract appeared. */
  firstInteractiveMs: number;
  /** The map's first frame (it renders once under the attract screen), relative to the page's navigation. */
  mapReadyAfterNavigationMs: number;
  mapReady: Record<string, unknown>;
  /** The kiosk server's resident memory once the map is up: the Lejre content read, checked and served. */
  serverRssMB: number | null;
}

export interface Launched {
  figures: LaunchFigures;
  kiosk: RunningKiosk;
  browser: Browser;
  page: Page;
}

/**
 * A cold start as a kiosk does it each morning: spawn the server, start Chromium, load the page, wake.
 * All timestamps are converted to wall-clock (epoch) ms so Node and page times line up.
 */
export async function measureLaunch(): Promise<Launched> {
  const spawnedAt = Date.now();
  const kiosk = await startKioskServer();
  const serverReadyAt = Date.now();
  let browser: Browser | null = null;
  try {
    browser = await launchBrowser();
    const browserReadyAt = Date.now();
    const page = await newBenchPage(browser);
    const figures = await coldStart(page, kiosk.url, { spawnedAt, serverReadyAt, browserReadyAt });
    return { kiosk, browser, page, figures: { ...figures, serverRssMB: await rssMB(kiosk.process.pid) } };
  } catch (error) {
    // Nobody else holds these yet: left open they would keep the bench process alive.
    await browser?.close();
    await kiosk.stop();
    throw error;
  }
}

async function coldStart(page: Page, url: string, at: { spawnedAt: number; serverReadyAt: number; browserReadyAt: number }): Promise<Omit<LaunchFigures, 'serverRssMB'>> {
  const navigatedAt = Date.now();
  await openKiosk(page, url);
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench?.attractShownAt !== null);

  await armResponse(page, 'main.attract, .map-screen[inert]', false);
  await page.locator('button.wake').click();
  const wake = await awaitResponse(page);
  const inPage = await page.evaluate(async () => {
    const w = window as unknown as BenchWindow;
    const bridge = w.__voresStedTest;
    if (!bridge) throw new Error('test bridge missing');
    const ready = await bridge.waitFor('map-ready', 20_000);
    return { timeOrigin: performance.timeOrigin, attractShownAt: w.__bench?.attractShownAt ?? 0, mapReadyAt: ready.at, mapReady: ready.detail };
  });

  const epoch = (pageMs: number): number => inPage.timeOrigin + pageMs;
  // The bench taps as soon as it can; a visitor's thinking time is not the kiosk's launch time.
  const benchTapDelay = Math.max(0, epoch(wake.upAt) - epoch(inPage.attractShownAt));
  const interactiveAt = Math.max(epoch(inPage.mapReadyAt), epoch(wake.frameAt) - benchTapDelay);
  return {
    serverReadyMs: at.serverReadyAt - at.spawnedAt,
    browserLaunchMs: at.browserReadyAt - at.serverReadyAt,
    pageToAttractMs: epoch(inPage.attractShownAt) - navigatedAt,
    wakeToMapMs: wake.frameAt - wake.upAt,
    wakeToMapPresentedMs: wake.presentedMs,
    firstInteractiveMs: interactiveAt - at.spawnedAt,
    mapReadyAfterNavigationMs: inPage.mapReadyAt,
    mapReady: inPage.mapReady,
  };
}
