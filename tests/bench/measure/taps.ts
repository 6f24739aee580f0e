import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { clearAppEvents, waitForScreen } from '../../e2e/support/app';
import { armResponse, awaitResponse, tappableMarkers, waitForMapRest } from '../support/page-probes';
import type { ResponseTiming } from '../support/page-types';
import { seededRandom } from '../support/stats';

export interface TapSamples {
  /** pointerup → first frame that paints the response (the goal's figure). */
  paintFrameMs: number[];
  /** pointerup → the frame after it (the painting frame has certainly been submitted). */
  nextFrameMs: number[];
  /** pointerup → the DOM holds the response. */
  domMs: number[];
  /** Event Timing: the tap → the frame with the response presented (16 when under the browser's threshold). */
  presentedMs: number[];
  /** Taps the browser reported no Event Timing for: faster than its 16 ms threshold. */
  presentedUnderThreshold: number;
}

function collect(samples: TapSamples, timing: ResponseTiming): void {
  samples.paintFrameMs.push(timing.frameAt - timing.upAt);
  samples.nextFrameMs.push(timing.nextFrameAt - timing.upAt);
  samples.domMs.push(timing.domAt - timing.upAt);
  samples.presentedMs.push(timing.presentedMs ?? 16);
  if (timing.presentedMs === null) samples.presentedUnderThreshold++;
}

const emptySamples = (): TapSamples => ({ paintFrameMs: [], nextFrameMs: [], domMs: [], presentedMs: [], presentedUnderThreshold: 0 });

/**
 * Taps `count` village dots on the map like a visitor: wait until the map is still (the previous flight
 * has landed, so the dot is where the finger lands), tap a dot that is on the canvas, and time the card.
 * Each tap also starts a flight, so the response competes with the first frames of that flight.
 */
export async function measureVillageTaps(page: Page, count: number): Promise<TapSamples> {
  const samples = emptySamples();
  const random = seededRandom(4);
  let current: number | null = null;
  for (let i = 0; i < count; i++) {
    await waitForMapRest(page);
    const candidates = (await tappableMarkers(page)).filter((m) => m.id !== current);
    const target = candidates[Math.floor(random() * candidates.length)];
    if (!target) throw new Error(`no village dot to tap on the canvas (tap ${i + 1})`);
    await armResponse(page, `article.card[data-village="${target.id}"]`);
    await page.mouse.click(target.x, target.y);
    collect(samples, await awaitResponse(page));
    current = target.id;
  }
  await waitForMapRest(page);
  return samples;
}

/**
 * Opens each core task in turn from a still map (`rounds` times over), timing the story screen; back
 * between. Waiting for the map to be still keeps the frame the map draws on returning out of the next tap.
 */
export async function measureTaskTaps(page: Page, rounds: number): Promise<TapSamples> {
  const samples = emptySamples();
  const taskIds = await page.locator('button[data-task]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-task') ?? ''));
  if (taskIds.length === 0) throw new Error('no core-task buttons on the map screen');
  for (let round = 0; round < rounds; round++) {
    for (const id of taskIds) {
      await waitForMapRest(page);
      await armResponse(page, `main.story[data-task="${id}"]`);
      // force: skip Playwright's wait for a stable box (animation frames); the timing starts at pointerup anyway.
      await page.locator(`button[data-task="${id}"]`).click({ force: true });
      collect(samples, await awaitResponse(page));
      await clearAppEvents(page, 'screen-shown');
      await page.getByRole('button', { name: 'Tilbage', exact: true }).click({ force: true });
      await waitForScreen(page, 'map');
    }
  }
  return samples;
}

/**
 * The story with the most pictures (ten in the built-in content), opened from its core task's screen
 * `count` times: tap on its card → first frame that paints the story (its text and first picture box; the
 * boxes have their size up front, so nothing moves when the pictures arrive).
 */
export async function measureStoryTaps(page: Page, count: number): Promise<TapSamples & { pictures: number }> {
  const samples = emptySamples();
  const stories = JSON.parse(await readFile('content/stories.json', 'utf8')) as {
    id: string;
    coreTasks: string[];
    media?: { type: string }[];
    validFrom?: string;
  }[];
  const today = new Date().toISOString().slice(0, 10);
  const story = stories
    .filter((s) => !s.validFrom || s.validFrom <= today)
    .sort((a, b) => (b.media?.length ?? 0) - (a.media?.length ?? 0))[0];
  if (!story) throw new Error('no story in the content');
  const pictures = story.media?.filter((m) => m.type === 'image').length ?? 0;
  for (let i = 0; i < count; i++) {
    await waitForMapRest(page);
    await page.locator(`button[data-task="${story.coreTasks[0] ?? ''}"]`).click({ force: true });
    await waitForScreen(page, 'task');
    await armResponse(page, `main.story-view[data-story="${story.id}"]`);
    await page.locator(`button[data-story="${story.id}"]`).first().click({ force: true });
    collect(samples, await awaitResponse(page));
    await clearAppEvents(page, 'screen-shown');
    await page.getByRole('button', { name: 'Hjem', exact: true }).click({ force: true });
    await waitForScreen(page, 'map');
  }
  return { ...samples, pictures };
}
