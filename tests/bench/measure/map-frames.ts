import type { Page } from '@playwright/test';
import { mapStats, waitForMapRest } from '../support/page-probes';
import type { BenchWindow, MapStats } from '../support/page-types';

// Frame time under SwiftShader is the interval between consecutive animation frames while something is
// drawn every frame: render() only queues work, the GPU process does it afterwards and rAF waits for it.

/** One animation frame of the flight window. */
export interface FlightSample {
  /** ms since the window began. */
  at: number;
  /** rAF-to-rAF interval ending at this frame. */
  intervalMs: number;
  /** Map frames rendered in that interval (1 while flying; 0 would mean the map stopped). */
  rendered: number;
  renderScale: number;
}

export interface FlightWindow {
  samples: FlightSample[];
  flights: number;
  finalStats: MapStats;
  canvas: { cssWidth: number; cssHeight: number; bufferWidth: number; bufferHeight: number };
}

/**
 * The empty-scene floor: a bare WebGL2 canvas covering the 1920×1080 viewport (so it is composited like
 * the map), cleared every frame. Same context attributes as the map's renderer. Returns the intervals.
 */
export async function measureFloor(page: Page, windowMs = 3_000): Promise<number[]> {
  return await page.evaluate(async (duration) => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(window.innerWidth * devicePixelRatio);
    canvas.height = Math.round(window.innerHeight * devicePixelRatio);
    canvas.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;z-index:2147483647';
    document.body.append(canvas);
    const gl = canvas.getContext('webgl2', { antialias: false, alpha: false, depth: true, stencil: false, powerPreference: 'high-performance' });
    if (!gl) throw new Error('no WebGL2 for the floor canvas');
    const intervals: number[] = [];
    await new Promise<void>((resolve) => {
      let last: number | null = null;
      let start: number | null = null;
      const tick = (now: number): void => {
        start ??= now;
        // A changing colour, so no layer of the stack can skip the frame as unchanged.
        gl.clearColor((intervals.length % 2) * 0.2, 0.4, 0.6, 1);
        gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
        if (last !== null) intervals.push(now - last);
        last = now;
        if (now - start < duration) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    canvas.remove();
    return intervals;
  }, windowMs);
}

export interface TourLength {
  /** At least this long… */
  minMs: number;
  /** …and until the render scale has not changed for `settledMs` and `settledFrames` frames… */
  settledMs: number;
  settledFrames: number;
  /** …but never longer than this (the settled figure then says how few frames it has). */
  maxMs: number;
}

const TOUR: TourLength = { minMs: 5_000, settledMs: 1_500, settledFrames: 15, maxMs: 12_000 };

/**
 * Chained camera flights: a new flyToVillage every `hopEveryMs` (shorter than the shortest flight, 800 ms),
 * so the camera never lands and the map renders every frame, as during a long tour. Runs long enough for
 * the adaptive scale to settle, so the settled figure has frames behind it even on a loaded machine.
 */
export async function measureFlightWindow(page: Page, villageIds: number[], hopEveryMs = 700, length: TourLength = TOUR): Promise<FlightWindow> {
  return await page.evaluate(
    async ([ids, hopEvery, tour]) => {
      const map = (window as unknown as BenchWindow).__voresStedTest?.debug.map;
      const canvas = document.querySelector('canvas');
      if (!map || !canvas) throw new Error('debug.map or canvas missing');
      const samples: { at: number; intervalMs: number; rendered: number; renderScale: number }[] = [];
      let flights = 0;
      await new Promise<void>((resolve) => {
        let start: number | null = null;
        let last: number | null = null;
        let lastFrames = map.stats().frames;
        let nextHopAt = 0;
        let scale = map.stats().renderScale;
        let scaleSince = 0;
        let framesAtScale = 0;
        const tick = (now: number): void => {
          start ??= now;
          const elapsed = now - start;
          if (elapsed >= nextHopAt) {
            map.flyToVillage(ids[flights % ids.length] as number);
            flights++;
            nextHopAt += hopEvery;
          }
          const stats = map.stats();
          if (last !== null) samples.push({ at: elapsed, intervalMs: now - last, rendered: stats.frames - lastFrames, renderScale: stats.renderScale });
          if (stats.renderScale !== scale) {
            scale = stats.renderScale;
            scaleSince = elapsed;
            framesAtScale = 0;
          } else framesAtScale += stats.frames - lastFrames;
          last = now;
          lastFrames = stats.frames;
          const settled = elapsed - scaleSince >= tour.settledMs && framesAtScale >= tour.settledFrames;
          if ((elapsed >= tour.minMs && settled) || elapsed >= tour.maxMs) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      return {
        samples,
        flights,
        finalStats: map.stats(),
        canvas: { cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight, bufferWidth: canvas.width, bufferHeight: canvas.height },
      };
    },
    [villageIds, hopEveryMs, length] as const,
  );
}

/** One flight from rest to landing; returns the stats once the map is still again. */
export async function flyOnce(page: Page, villageId: number): Promise<MapStats> {
  await page.evaluate((id) => (window as unknown as BenchWindow).__voresStedTest?.debug.map?.flyToVillage(id), villageId);
  await waitForMapRest(page, 30);
  return await mapStats(page);
}

/**
 * `count` flights back to back, each allowed `framesEach` rendered frames before the next one replaces it:
 * a flight allocates (if it ever does) when it starts and when it draws, so this is enough without waiting
 * ~1 s for each to land.
 */
export async function rapidFlights(page: Page, villageIds: number[], count: number, framesEach: number): Promise<void> {
  await page.evaluate(
    async ([ids, total, each]) => {
      const map = (window as unknown as BenchWindow).__voresStedTest?.debug.map;
      if (!map) throw new Error('debug.map missing');
      for (let i = 0; i < total; i++) {
        map.flyToVillage(ids[i % ids.length] as number);
        const target = map.stats().frames + each;
        await new Promise<void>((resolve) => {
          const tick = (): void => (map.stats().frames >= target ? resolve() : void requestAnimationFrame(tick));
          requestAnimationFrame(tick);
        });
      }
    },
    [villageIds, count, framesEach] as const,
  );
  await waitForMapRest(page, 30);
}

export async function allVillageIds(page: Page): Promise<number[]> {
  return await page.evaluate(() => (window as unknown as BenchWindow).__voresStedTest?.debug.map?.screenMarkers().map((m) => m.id) ?? []);
}
