import { setTimeout as delay } from 'node:timers/promises';
import { CATALOGUE, type MessageKey } from '../../renderer/src/lib/i18n/catalogue';
import { tappableMarkers, waitForMapRest } from '../bench/support/page-probes';
import { clearAppEvents, waitForAppEvent, waitForScreen } from '../e2e/support/app';
import { SOAK_IDLE_SECONDS } from './options';
import type { Point, UnwatchedPage } from './unwatched-page';

// Scripted visitors at 10× real speed. Each visit wakes the kiosk, does a few random things a visitor
// does (tap villages, pan, zoom and pinch the map, open core tasks and stories, switch language, browse
// the A–Å list and the credits) and walks away, so the idle timeout takes the kiosk back to the attract
// loop. Every step waits for the app's own event; the only timed waits are the visitor's pauses.

export interface VisitorCounts {
  visits: number;
  villagesOpened: number;
  /** Taps on a dot that opened nothing (the map was still moving, or the dot went under the card). */
  villageMisses: number;
  tasks: number;
  stories: number;
  languageSwitches: number;
  pans: number;
  zooms: number;
  pinches: number;
  placeLists: number;
  credits: number;
  /** "Mere tid" tapped on the countdown. */
  moreTime: number;
  idleResets: number;
}

type Random = () => number;

/** Between two actions: 0.4–1.5 s real, 4–15 s simulated (≥ 0.32 s, so two taps are never a double tap). */
const PAUSE_MS: readonly [number, number] = [400, 1500];
/** On the attract screen between two visitors: 0.5–3 s real, 5–30 s simulated. */
const BETWEEN_VISITORS_MS: readonly [number, number] = [500, 3000];
const IDLE_WAIT_MS = (SOAK_IDLE_SECONDS + 15) * 1000;
/** The "Starter forfra om 10 s" countdown before an idle reset. */
const COUNTDOWN = '[role=alertdialog]';

/** Taps a button of the kiosk's own UI by its catalogue text, in whichever language is showing. */
async function tapUiButton(page: UnwatchedPage, key: MessageKey): Promise<void> {
  await page.tap('button', { names: [CATALOGUE.da[key], CATALOGUE.en[key]] });
}

export class ScriptedVisitor {
  readonly counts: VisitorCounts = {
    visits: 0,
    villagesOpened: 0,
    villageMisses: 0,
    tasks: 0,
    stories: 0,
    languageSwitches: 0,
    pans: 0,
    zooms: 0,
    pinches: 0,
    placeLists: 0,
    credits: 0,
    moreTime: 0,
    idleResets: 0,
  };
  #stopRequested = false;
  #resolveStop: () => void = () => undefined;
  readonly #stopped = new Promise<void>((resolve) => (this.#resolveStop = resolve));
  #resume: () => void = () => undefined;
  #resumed: Promise<void> = Promise.resolve();

  constructor(
    private readonly page: UnwatchedPage,
    private readonly taskIds: readonly string[],
    private readonly random: Random,
  ) {}

  /** Visits until `stop()`; rejects when the kiosk did not respond as a visitor expects. */
  async run(): Promise<void> {
    while (!this.#stopRequested) {
      await this.#resumed;
      if (this.#stopRequested) break;
      await this.#visit();
      await this.#untilStop(this.#pause(BETWEEN_VISITORS_MS));
    }
  }

  /** No new visitor comes after the current one has walked away, until `resume()` (a heap snapshot on the attract screen). */
  pause(): void {
    this.#resumed = new Promise<void>((resolve) => (this.#resume = resolve));
  }

  /** Pauses, and resolves once the current visitor has walked away and the attract screen shows (a heap snapshot's moment). */
  async pauseOnAttract(): Promise<void> {
    this.pause();
    await this.page.waitUntil('the attract screen', () => document.querySelector('button.wake') !== null, '', 120_000);
  }

  resume(): void {
    this.#resume();
  }

  /** Ends the run after the current step (a visitor waiting for the idle timeout stops waiting). */
  stop(): void {
    this.#stopRequested = true;
    this.#resolveStop();
    this.#resume();
  }

  async #visit(): Promise<void> {
    await clearAppEvents(this.page);
    await this.#toScreen('map', () => this.page.tap('button.wake'));
    this.counts.visits++;
    const steps = 3 + Math.floor(this.random() * 6);
    for (let step = 0; step < steps && !this.#stopRequested; step++) {
      await this.#pause(PAUSE_MS);
      await this.#randomAction();
    }
    if (!this.#stopRequested) await this.#walkAway();
  }

  async #randomAction(): Promise<void> {
    const roll = this.random() * 100;
    if (roll < 30) return await this.#villageVisit();
    if (roll < 50) return await this.#taskVisit();
    if (roll < 62) return await this.#pan();
    if (roll < 72) return await this.#wheelZoom();
    if (roll < 80) return await this.#pinch();
    if (roll < 88) return await this.#switchLanguage();
    if (roll < 95) return await this.#placesVisit();
    return await this.#creditsVisit();
  }

  #pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(this.random() * items.length)];
  }

  async #pause([min, max]: readonly [number, number]): Promise<void> {
    // The visitor's own reading time, not a wait for the app.
    await delay(min + this.random() * (max - min));
  }

  /** `work`, or nothing once the run is stopped (the abandoned wait ends when the browser closes). */
  async #untilStop(work: Promise<unknown>): Promise<void> {
    work.catch(() => undefined);
    await Promise.race([work, this.#stopped]);
  }

  async #toScreen(screen: string, tap: () => Promise<void>): Promise<void> {
    await this.#answerCountdown();
    await clearAppEvents(this.page, 'screen-shown');
    await tap();
    await waitForScreen(this.page, screen);
  }

  /** The map's box in page coordinates (not the canvas's: a lower render scale stretches the canvas past it). */
  async #canvasBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await this.page.evaluate(() => {
      const rect = document.querySelector('[data-map-surface]')?.getBoundingClientRect();
      return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
    });
    if (!box) throw new Error('the map is not on screen');
    return box;
  }

  /** A point in the middle part of the map, where a finger lands on the map and not on its edge. */
  async #pointOnMap(): Promise<Point> {
    const box = await this.#canvasBox();
    return { x: box.x + box.width * (0.25 + this.random() * 0.5), y: box.y + box.height * (0.25 + this.random() * 0.5) };
  }

  async #tapVillage(): Promise<boolean> {
    // A dot is only where it was read while the camera stands still.
    await waitForMapRest(this.page, 8, 20_000);
    const dot = this.#pick(await tappableMarkers(this.page));
    if (!dot) {
      this.counts.villageMisses++;
      return false;
    }
    await clearAppEvents(this.page, 'village-opened');
    await this.page.click(dot);
    try {
      await waitForAppEvent(this.page, 'village-opened', 3_000);
    } catch {
      this.counts.villageMisses++;
      return false;
    }
    this.counts.villagesOpened++;
    return true;
  }

  /** Maybe opens one of the story cards in `where` and reads it; `roll` decides what the visitor does instead. */
  async #maybeReadStory(where: string, chance: number): Promise<{ read: boolean; roll: number }> {
    await this.#pause(PAUSE_MS);
    const stories = `${where} button[data-story]`;
    const count = await this.page.count(stories);
    const roll = this.random();
    if (count === 0 || roll >= chance) return { read: false, roll };
    await this.#toScreen('story', () => this.page.tap(stories, { index: Math.floor(this.random() * count) }));
    this.counts.stories++;
    await this.#readStory();
    return { read: true, roll };
  }

  async #villageVisit(): Promise<void> {
    if (!(await this.#tapVillage())) return;
    const { read, roll } = await this.#maybeReadStory('article.card', 0.5);
    if (read) {
      await this.#toScreen('map', () => tapUiButton(this.page, 'nav.back'));
    } else if (roll < 0.75) {
      await tapUiButton(this.page, 'village.close');
      await this.page.waitForGone('article.card');
    }
    // Otherwise the card stays open for the next tap to replace.
  }

  async #taskVisit(): Promise<void> {
    const taskId = this.#pick(this.taskIds);
    if (taskId === undefined) throw new Error('no core tasks');
    await this.#toScreen('task', () => this.page.tap(`button[data-task="${taskId}"]`));
    this.counts.tasks++;
    const { read, roll } = await this.#maybeReadStory('main.story', 0.6);
    if (read) {
      await this.#toScreen('task', () => tapUiButton(this.page, 'nav.back'));
      await this.#pause(PAUSE_MS);
      await this.#toScreen('map', () => tapUiButton(this.page, 'nav.back'));
    } else if (roll < 0.8) {
      await this.#toScreen('map', () => tapUiButton(this.page, 'task.showOnMap'));
    } else {
      await this.#toScreen('map', () => tapUiButton(this.page, 'nav.home'));
    }
  }

  /** Reads a little, scrolls down, and now and then switches language on the way. */
  async #readStory(): Promise<void> {
    await this.#pause(PAUSE_MS);
    if (this.random() < 0.3) await this.#switchLanguage();
    await this.page.wheel({ x: 700, y: 700 }, 300 + this.random() * 900);
    await this.#pause(PAUSE_MS);
  }

  async #switchLanguage(): Promise<void> {
    await clearAppEvents(this.page, 'language-changed');
    await tapUiButton(this.page, 'nav.languageLabel');
    await waitForAppEvent(this.page, 'language-changed');
    this.counts.languageSwitches++;
  }

  /** One finger drags the map (a mouse drag: the same pointer events). */
  async #pan(): Promise<void> {
    const from = await this.#pointOnMap();
    const to = { x: from.x + (this.random() - 0.5) * 500, y: from.y + (this.random() - 0.5) * 400 };
    await this.page.move(from);
    await this.page.down(from);
    await this.page.move(to, 12, from);
    await this.page.up(to);
    this.counts.pans++;
  }

  async #wheelZoom(): Promise<void> {
    const at = await this.#pointOnMap();
    await this.page.move(at);
    await this.page.wheel(at, (this.random() - 0.5) * 800);
    this.counts.zooms++;
  }

  /** Two fingers apart or together, with a little twist: real touch points, so real pointer events. */
  async #pinch(): Promise<void> {
    const centre = await this.#pointOnMap();
    const spreading = this.random() < 0.5;
    const [startGap, endGap] = spreading ? [80, 260] : [260, 80];
    const twist = (this.random() - 0.5) * 0.6;
    const fingers = (progress: number): (Point & { id: number })[] => {
      const gap = (startGap + (endGap - startGap) * progress) / 2;
      const angle = twist * progress;
      const dx = Math.cos(angle) * gap;
      const dy = Math.sin(angle) * gap;
      return [
        { x: Math.round(centre.x - dx), y: Math.round(centre.y - dy), id: 1 },
        { x: Math.round(centre.x + dx), y: Math.round(centre.y + dy), id: 2 },
      ];
    };
    await this.page.touch('touchStart', fingers(0));
    for (let i = 1; i <= 10; i++) await this.page.touch('touchMove', fingers(i / 10));
    await this.page.touch('touchEnd', []);
    this.counts.pinches++;
  }

  async #placesVisit(): Promise<void> {
    await this.#toScreen('places', () => tapUiButton(this.page, 'places.open'));
    this.counts.placeLists++;
    await this.#pause(PAUSE_MS);
    const places = 'button.place[data-village]';
    const count = await this.page.count(places);
    if (count === 0) throw new Error('the A–Å list has no places');
    await clearAppEvents(this.page, 'village-opened');
    await this.#toScreen('map', () => this.page.tap(places, { index: Math.floor(this.random() * count) }));
    await waitForAppEvent(this.page, 'village-opened');
    this.counts.villagesOpened++;
  }

  async #creditsVisit(): Promise<void> {
    await this.#toScreen('credits', () => tapUiButton(this.page, 'nav.credits'));
    this.counts.credits++;
    await this.#pause(PAUSE_MS);
    await this.page.wheel({ x: 960, y: 700 }, 600);
    await this.#pause(PAUSE_MS);
    await this.#toScreen('map', () => tapUiButton(this.page, 'nav.home'));
  }

  /**
   * A slow step (a loaded machine) can let the countdown appear over what the visitor meant to tap: like a
   * visitor, ask for more time first, so the tap lands where it was aimed.
   */
  async #answerCountdown(): Promise<void> {
    if (!(await this.page.isVisible(COUNTDOWN))) return;
    await tapUiButton(this.page, 'idle.more');
    await this.page.waitForGone(COUNTDOWN);
    this.counts.moreTime++;
  }

  /**
   * The visitor leaves; the idle timeout takes the kiosk back to the attract loop. Now and then they are
   * still there when the countdown shows and ask for more time first.
   */
  async #walkAway(): Promise<void> {
    if (this.random() < 0.2) {
      await this.page.waitForVisible(COUNTDOWN, IDLE_WAIT_MS);
      await this.#answerCountdown();
    }
    await clearAppEvents(this.page, 'session-reset');
    await this.#untilStop(
      (async () => {
        const reset = await waitForAppEvent(this.page, 'session-reset', IDLE_WAIT_MS);
        if (reset.detail['reason'] !== 'idle') throw new Error(`the session ended by "${String(reset.detail['reason'])}", not the idle timeout`);
        await waitForScreen(this.page, 'attract');
        this.counts.idleResets++;
      })(),
    );
  }
}
