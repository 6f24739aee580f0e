import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, openKiosk, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { startConfiguredKiosk, type ConfiguredKiosk } from './support/configured-kiosk';

// axe-core (WCAG 2.2 A and AA) on every screen a visitor can reach, in every display mode: 0 violations.
// The kiosk's config says its screen hangs with the top out of reach, so low reach is one of the modes.

const stories = JSON.parse(readFileSync('content/stories.json', 'utf8')) as { id: string; villages: number[] }[];
const villageWithStory = stories.find((s) => s.villages.length > 0)?.villages[0] ?? 0;

/** How a visitor turns each mode on, from the map. */
const MODES: { name: string; turnOn: (page: Page) => Promise<void> }[] = [
  { name: 'normal', turnOn: async () => undefined },
  { name: 'high contrast', turnOn: (page) => displayToggle(page, 'Høj kontrast', 'data-contrast', 'high') },
  { name: 'large text', turnOn: (page) => displayToggle(page, 'Stor tekst', 'data-text', 'large') },
  {
    name: 'English',
    turnOn: async (page) => {
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await waitForAppEvent(page, 'language-changed');
    },
  },
  { name: 'low reach', turnOn: (page) => displayToggle(page, 'Alt inden for rækkevidde', 'data-reach', 'low') },
];

async function displayToggle(page: Page, name: string, attribute: string, value: string): Promise<void> {
  await page.locator('header button[aria-expanded]').click();
  await page.locator('.panel').getByRole('button', { name }).click();
  await expect(page.locator('html')).toHaveAttribute(attribute, value);
  await page.locator('.panel button.close').click();
}

/** Every screen of a visit, one after the other, checked where it stands (names work in both languages). */
async function visitEveryScreen(page: Page, mode: string): Promise<string[]> {
  const checked: string[] = [];
  const check = async (screen: string): Promise<void> => {
    await expectNoAxeViolations(page, `${screen} (${mode})`);
    checked.push(screen);
  };
  await check('map');
  await page.locator('header button[aria-expanded]').click();
  await check('display panel');
  await page.locator('.panel button.close').click();

  await page.locator('nav.tasks button.places').click();
  await waitForScreen(page, 'places');
  await check('places');

  await page.locator(`button.place[data-village="${villageWithStory}"]`).click();
  await waitForAppEvent(page, 'village-opened');
  await check('village card');

  await page.locator('article.card button[data-story]').first().click();
  await waitForScreen(page, 'story');
  await check('story');
  const easyRead = page.locator('.story-view button.toggle');
  if ((await easyRead.count()) > 0) {
    await easyRead.click();
    await expect(easyRead).toHaveAttribute('aria-pressed', 'true');
    await check('story, easy to read');
  }

  await page.locator('nav.more button').last().click();
  await waitForScreen(page, 'task');
  await check('task');

  await page.getByRole('button', { name: /^(Kilder og tak|Sources and credits)$/ }).click();
  await waitForScreen(page, 'credits');
  await check('credits');
  return checked;
}

let configured: ConfiguredKiosk;
test.beforeAll(async () => {
  // A 43" screen with its lower edge at 900 mm: its top is out of reach, so low reach is offered.
  configured = await startConfiguredKiosk({ mounting: { diagonalInches: 43, lowerEdgeMm: 900 } });
});
test.afterAll(async () => {
  await configured.cleanup();
});

test('axe finds nothing on any screen in any mode: normal, high contrast, large text, English, low reach', async ({ page }) => {
  test.setTimeout(150_000);
  const summary: string[] = [];
  await openKiosk(page, configured.kiosk.url);
  await expectNoAxeViolations(page, 'attract');
  summary.push('attract: normal');
  for (const mode of MODES) {
    // A fresh visit for each mode: every mode ends with the visitor's session anyway.
    await openKiosk(page, configured.kiosk.url);
    await wakeToMap(page);
    await mode.turnOn(page);
    summary.push(`${(await visitEveryScreen(page, mode.name)).join(', ')}: ${mode.name}`);
  }
  console.log(`axe, 0 violations on:\n  ${summary.join('\n  ')}`);
});
