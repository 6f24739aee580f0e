import type { Page } from '@playwright/test';
import type { BenchWindow } from '../support/page-types';
import { waitForMapRest } from '../support/page-probes';

export interface IdleFigures {
  windowMs: number;
  framesRendered: number;
  framesPerSecond: number;
}

/**
 * The map screen with nothing moving: after a second of stillness (so a landing flight and the adaptive
 * scale's restore frame are done), count the frames the map renders in the next `windowMs`.
 */
export async function measureIdleFrames(page: Page, windowMs = 5_000): Promise<IdleFigures> {
  await waitForMapRest(page, 60);
  // The fixed window is the measurement itself, not a wait for the app.
  const frames = await page.evaluate(async (duration) => {
    const map = (window as unknown as BenchWindow).__voresStedTest?.debug.map;
    if (!map) throw new Error('debug.map missing');
    const before = map.stats().frames;
    await new Promise((resolve) => window.setTimeout(resolve, duration));
    return map.stats().frames - before;
  }, windowMs);
  return { windowMs, framesRendered: frames, framesPerSecond: frames / (windowMs / 1000) };
}
