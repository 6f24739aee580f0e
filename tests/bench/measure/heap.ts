import type { Browser, CDPSession, Page } from '@playwright/test';
import { clearAppEvents, openKiosk, waitForAppEvent, waitForScreen } from '../../e2e/support/app';
import { newBenchPage } from '../support/browser';
import { deliverHostEvent } from '../support/host-events';
import { tappableMarkers } from '../support/page-probes';
import type { BenchWindow } from '../support/page-types';
import { seededRandom } from '../support/stats';

export interface HeapSnapshot {
  visits: number;
  usedMB: number;
  totalMB: number;
  domNodes: number;
  jsEventListeners: number;
}

export interface HeapFigures {
  warmUp: HeapSnapshot;
  /** Halfway: tells a heap still filling up (growth slows) from a leak (growth per visit stays). */
  middle: HeapSnapshot;
  end: HeapSnapshot;
  growthPercent: number;
  visitMs: number;
}

/** What one scripted visit does, printed with the results so the figure can be read. */
export const VISIT_STEPS =
  'wake → tap a village dot (card, flight) → open a core task → Tilbage → Switch to English → Home → host "return-to-attract" (same resetSession as the idle timer)';

/** Taken on the attract screen, where the map keeps turning slowly by design: no waiting for it to rest. */
async function heapSnapshot(cdp: CDPSession, visits: number): Promise<HeapSnapshot> {
  // Twice: the first pass can leave objects whose finalizers free more on the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const mb = (bytes: number): number => bytes / (1024 * 1024);
  return { visits, usedMB: mb(heap.usedSize), totalMB: mb(heap.totalSize), domNodes: dom.nodes, jsEventListeners: dom.jsEventListeners };
}

/**
 * The map may still be gliding home from the last visit's "Home", so a dot can move between reading its
 * position and the tap landing: a miss opens nothing, and the visitor taps again.
 */
async function tapVillage(page: Page, random: () => number, index: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const markers = await tappableMarkers(page);
    const dot = markers[Math.floor(random() * markers.length)];
    if (!dot) throw new Error(`visit ${index + 1}: no village dot on the canvas`);
    await page.mouse.click(dot.x, dot.y);
    try {
      await waitForAppEvent(page, 'village-opened', 3_000);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

// Clicks use force: Playwright's "stable" check waits for animation frames, which under SwiftShader with a
// flight in progress cost ~100 ms each. Every step waits for the app's own event instead.
const FORCE = { force: true } as const;

async function visit(page: Page, taskIds: string[], index: number, random: () => number): Promise<void> {
  await clearAppEvents(page);
  await page.locator('button.wake').click(FORCE);
  await waitForScreen(page, 'map');

  await tapVillage(page, random, index);

  await page.locator(`button[data-task="${taskIds[index % taskIds.length]}"]`).click(FORCE);
  await waitForScreen(page, 'task');
  await page.getByRole('button', { name: 'Tilbage', exact: true }).click(FORCE);
  await waitForScreen(page, 'map');

  await page.getByRole('button', { name: 'Switch to English', exact: true }).click(FORCE);
  await waitForAppEvent(page, 'language-changed');
  await page.getByRole('button', { name: 'Home', exact: true }).click(FORCE);

  await deliverHostEvent(page, { type: 'return-to-attract', reason: 'bench' });
  await waitForAppEvent(page, 'session-reset');
  await waitForScreen(page, 'attract');
}

/**
 * `totalVisits` visits on a fresh page (its own context, so nothing from the other measurements is on its
 * heap); heap measured after forced GC at `warmUpVisits` (caches, JIT and pools filled) and at the end.
 */
export async function measureHeap(browser: Browser, url: string, totalVisits = 100, warmUpVisits = 10): Promise<HeapFigures> {
  const page = await newBenchPage(browser);
  try {
    await openKiosk(page, url);
    await page.waitForFunction(() => (window as unknown as BenchWindow).__bench?.attractShownAt !== null);
    await waitForAppEvent(page, 'map-ready');
    const cdp = await page.context().newCDPSession(page);
    const taskIds = await page.locator('button[data-task]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-task') ?? ''));
    if (taskIds.length === 0) {
      // The task list is on the (covered) map screen; it is in the DOM from the start.
      throw new Error('no core-task buttons found');
    }
    const random = seededRandom(11);
    const middleVisits = Math.round((warmUpVisits + totalVisits) / 2);
    const snapshots = new Map<number, HeapSnapshot>();
    const started = performance.now();
    for (let i = 0; i < totalVisits; i++) {
      await visit(page, taskIds, i, random);
      if (i + 1 === warmUpVisits || i + 1 === middleVisits) snapshots.set(i + 1, await heapSnapshot(cdp, i + 1));
    }
    const visitMs = (performance.now() - started) / totalVisits;
    const end = await heapSnapshot(cdp, totalVisits);
    const warmUp = snapshots.get(warmUpVisits);
    const middle = snapshots.get(middleVisits);
    if (!warmUp || !middle) throw new Error('fewer visits than the warm-up');
    return { warmUp, middle, end, growthPercent: ((end.usedMB - warmUp.usedMB) / warmUp.usedMB) * 100, visitMs };
  } finally {
    await page.context().close();
  }
}
