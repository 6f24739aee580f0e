import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, openKiosk, screenshot, waitForAppEvent, waitForScreen } from './support/app';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';

// The attract screen while nobody is there: highlighted stories take turns on a card, and a tap on the
// card starts the visit with that story. Driven by the app's `attract-story-shown` event, never by time.

interface StoryFile {
  id: string;
  title: { da: string };
  example: boolean;
  highlight?: boolean;
}
const highlighted = (JSON.parse(readFileSync('content/stories.json', 'utf8')) as StoryFile[]).filter((story) => story.highlight === true);

let kiosk: RunningKiosk;
test.beforeAll(async () => {
  kiosk = await startKioskServer();
});
test.afterAll(async () => {
  await kiosk.stop();
});

/** Waits in the page for the next story on the card and says which properties its arrival animates. */
async function nextStoryAnimates(page: Page): Promise<{ storyId: string; animated: string[] }> {
  return await page.evaluate(async () => {
    const bridge = (window as unknown as { __voresStedTest: { waitFor(name: string, timeoutMs: number): Promise<{ detail: Record<string, unknown> }> } }).__voresStedTest;
    const event = await bridge.waitFor('attract-story-shown', 30_000);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const animated = document
      .getAnimations()
      .filter((animation) => animation.effect instanceof KeyframeEffect && animation.effect.target?.matches('.highlight .slot'))
      .flatMap((animation) => (animation.effect as KeyframeEffect).getKeyframes().flatMap((frame) => Object.keys(frame)));
    return { storyId: String(event.detail['storyId']), animated: [...new Set(animated)].filter((key) => !['offset', 'easing', 'composite', 'computedOffset'].includes(key)).sort() };
  });
}

test('highlighted stories take turns on the attract screen, never the same twice, and a tap opens the one shown', async ({ page }) => {
  expect(highlighted.length).toBeGreaterThanOrEqual(2);
  await openKiosk(page, kiosk.url);
  const first = String((await waitForAppEvent(page, 'attract-story-shown')).detail['storyId']);
  const second = await nextStoryAnimates(page);
  expect(highlighted.map((story) => story.id)).toContain(first);
  expect(highlighted.map((story) => story.id)).toContain(second.storyId);
  expect(second.storyId).not.toBe(first);
  // It slides a little as it fades in.
  expect(second.animated).toContain('transform');

  const story = highlighted.find((s) => s.id === second.storyId) as StoryFile;
  const card = page.locator(`button.highlight-card[data-story="${story.id}"]`);
  await expect(card).toContainText(story.title.da);
  await expect(card.locator('.badge')).toHaveCount(story.example ? 1 : 0);
  await card.click();
  await waitForScreen(page, 'story');
  expect((await waitForAppEvent(page, 'story-opened')).detail['storyId']).toBe(story.id);
  await expect(page.locator(`main.story-view[data-story="${story.id}"]`).getByRole('heading', { level: 2, name: story.title.da })).toBeVisible();
  // The visit started with the story: back leads to the map, not to the attract screen.
  await page.getByRole('button', { name: 'Tilbage' }).click();
  await waitForScreen(page, 'map');
});

test('with reduced motion the stories only cross-fade, nothing moves', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openKiosk(page, kiosk.url);
  const first = String((await waitForAppEvent(page, 'attract-story-shown')).detail['storyId']);
  const second = await nextStoryAnimates(page);
  expect(second.storyId).not.toBe(first);
  expect(second.animated).toEqual(['opacity']);
  // Once the fade is over there is one card, readable by everyone (the next turn is seconds away).
  await page.evaluate(() => Promise.all([...document.querySelectorAll('.highlight .slot')].flatMap((slot) => slot.getAnimations().map((animation) => animation.finished))));
  await expect(page.locator('button.highlight-card')).toHaveCount(1);
  await expectNoAxeViolations(page, 'attract with a highlighted story');
  await screenshot(page, 'attract-story');
});
