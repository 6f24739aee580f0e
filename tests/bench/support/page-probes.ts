import type { Page } from '@playwright/test';
import type { PageScripts } from '../../e2e/support/app';
import type { BenchWindow, EventTimingRecord, MapHandle, MapStats, ResponseTiming, ScreenMarker } from './page-types';

// Everything that runs inside the page. Functions passed to page.evaluate/addInitScript are serialised, so
// each one is self-contained: no helpers from this module are visible inside them.

/**
 * Init script for every bench page, installed before the app's own scripts run: remembers the last
 * pointerup (the start of every tap measurement), the browser's Event Timing entries (when each tap's
 * frame was presented), the frame in which the attract screen first appears, and the page's EventSources
 * (so host events can be delivered without a host that sends them).
 */
export function benchInitScript(): void {
  const w = window as unknown as BenchWindow;
  const probes = { lastPointerUp: 0, attractShownAt: null as number | null, eventSources: [] as EventSource[], eventTimings: [] as EventTimingRecord[], pendingResponse: null };
  w.__bench = probes;
  window.addEventListener('pointerup', (event) => (probes.lastPointerUp = event.timeStamp), { capture: true });

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceEventTiming[]) {
      probes.eventTimings.push({ name: entry.name, startTime: entry.startTime, duration: entry.duration, interactionId: entry.interactionId });
    }
    if (probes.eventTimings.length > 200) probes.eventTimings.splice(0, probes.eventTimings.length - 200);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);

  const NativeEventSource = window.EventSource;
  window.EventSource = class extends NativeEventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      probes.eventSources.push(this);
    }
  };

  const observer = new MutationObserver(() => {
    if (!document.querySelector('button.wake')) return;
    observer.disconnect();
    requestAnimationFrame(() => (probes.attractShownAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Arms a watcher for the visible response to the next tap: `selector` matching something (or, with
 * present=false, nothing). Arm before the tap, then `awaitResponse` after it.
 */
export async function armResponse(page: Page, selector: string, present = true): Promise<void> {
  await page.evaluate(
    ([sel, wantPresent]) => {
      const probes = (window as unknown as BenchWindow).__bench;
      if (!probes) throw new Error('bench init script missing');
      const seen = (): boolean => (document.querySelector(sel) !== null) === wantPresent;
      if (seen()) throw new Error(`"${sel}" is already ${wantPresent ? 'present' : 'absent'} before the tap`);
      probes.pendingResponse = new Promise<ResponseTiming>((resolve, reject) => {
        const timer = window.setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no response "${sel}" within 10 s`));
        }, 10_000);
        const observer = new MutationObserver(() => {
          if (!seen()) return;
          const domAt = performance.now();
          observer.disconnect();
          window.clearTimeout(timer);
          const upAt = probes.lastPointerUp;
          requestAnimationFrame(() => {
            const frameAt = performance.now();
            requestAnimationFrame(() => {
              const nextFrameAt = performance.now();
              // Event Timing entries arrive once their frame has been presented: give them a few frames.
              let waited = 0;
              const lookForEventTiming = (): void => {
                const up = probes.eventTimings.find((e) => e.name === 'pointerup' && Math.abs(e.startTime - upAt) < 1);
                if (up || waited++ >= 6) {
                  const sameTap = probes.eventTimings.filter((e) => (up && up.interactionId !== 0 ? e.interactionId === up.interactionId : e === up));
                  const presentedMs = sameTap.length > 0 ? Math.max(...sameTap.map((e) => e.duration)) : null;
                  resolve({ upAt, domAt, frameAt, nextFrameAt, presentedMs });
                } else requestAnimationFrame(lookForEventTiming);
              };
              lookForEventTiming();
            });
          });
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      });
    },
    [selector, present] as const,
  );
}

export async function awaitResponse(page: Page): Promise<ResponseTiming> {
  return await page.evaluate(async () => {
    const pending = (window as unknown as BenchWindow).__bench?.pendingResponse;
    if (!pending) throw new Error('armResponse was not called');
    return await pending;
  });
}

export async function mapStats(page: PageScripts): Promise<MapStats> {
  return await page.evaluate(() => {
    const map = (window as unknown as BenchWindow).__voresStedTest?.debug.map;
    if (!map) throw new Error('debug.map missing: is the test bridge on and the map mounted?');
    return map.stats();
  });
}

/**
 * Until the map has rendered no frame for `quietFrames` animation frames in a row (a flight or the
 * adaptive scale's restore frame has finished). Resolves with how long that took.
 */
export async function waitForMapRest(page: PageScripts, quietFrames = 8, timeoutMs = 15_000): Promise<number> {
  return await page.evaluate(
    ([quiet, timeout]) => {
      const map = (window as unknown as BenchWindow).__voresStedTest?.debug.map;
      if (!map) throw new Error('debug.map missing');
      const start = performance.now();
      return new Promise<number>((resolve, reject) => {
        let frames = map.stats().frames;
        let still = 0;
        const tick = (now: number): void => {
          const current = map.stats().frames;
          still = current === frames ? still + 1 : 0;
          frames = current;
          if (still >= quiet) resolve(now - start);
          else if (now - start > timeout) reject(new Error(`map still rendering after ${timeout} ms`));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
    [quietFrames, timeoutMs] as const,
  );
}

/** Markers a finger could tap right now: on the canvas itself (not under the card, hint or task list). */
export async function tappableMarkers(page: PageScripts): Promise<ScreenMarker[]> {
  return await page.evaluate(() => {
    const map = (window as unknown as BenchWindow).__voresStedTest?.debug.map as MapHandle | undefined;
    const canvas = document.querySelector('canvas');
    if (!map || !canvas) throw new Error('map or canvas missing');
    // Markers are in the map's box; the canvas itself may still be stretched by a lower render scale.
    const rect = (canvas.closest('[data-map-surface]') ?? canvas).getBoundingClientRect();
    const margin = 48;
    return map
      .screenMarkers()
      .filter((m) => m.x > margin && m.y > margin && m.x < rect.width - margin && m.y < rect.height - margin)
      .filter((m) => document.elementFromPoint(rect.left + m.x, rect.top + m.y) === canvas)
      .map((m) => ({ id: m.id, x: rect.left + m.x, y: rect.top + m.y }));
  });
}
