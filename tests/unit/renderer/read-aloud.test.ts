import { describe, expect, it } from 'vitest';
import { NO_SPEECH, type ApiMethod, type ApiRequest, type ApiResponse, type HostEvent, type SpeechOffer } from '../../../contract/api';
import { loadContent } from '../../../electron/core/content/load-content.js';
import type { Sounds } from '../../../renderer/src/lib/countdown-sound';
import { CATALOGUE } from '../../../renderer/src/lib/i18n/catalogue';
import { KioskState } from '../../../renderer/src/lib/state/kiosk.svelte';
import { htmlParts, type ExploreTarget } from '../../../renderer/src/lib/state/read-aloud.svelte';
import { ReadAloudGestures } from '../../../renderer/src/lib/state/read-aloud-gestures';
import type { Transport } from '../../../renderer/src/lib/transport/transport';
import { builtInContent } from '../host/support.js';
import { FakeClock } from './fake-clock';

// Read-aloud in the renderer (issue 10), on a fake host and a fake clock: what is said and when, what a
// touch in read-aloud mode does (the first says, the second chooses), the attract screen's announcement,
// the longer idle timeout and the countdown that is shown, heard and said.

const content = await loadContent(builtInContent);
if (!content.ok) throw new Error('the built-in content must load');
const snapshot = content.snapshot;

const SPEECH: SpeechOffer = { available: true, languages: ['da', 'en'], announceEveryMinutes: 1, idleTimeoutSeconds: 180, toggleKey: null };

class FakeHost implements Transport {
  readonly kind = 'http';
  readonly calls: { method: ApiMethod; request: unknown }[] = [];
  speech: SpeechOffer = SPEECH;

  async invoke<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    this.calls.push({ method, request });
    if (method === 'bootstrap') {
      const config = { kioskId: 'test', idleTimeoutSeconds: 60, maxDevicePixelRatio: 1, reducedMotion: false, testBridge: false, preview: false, staffScreen: false };
      const opening = { open: true, clockTrusted: true, messageDa: null, messageEn: null };
      return { config, content: { ok: true, snapshot }, generation: 1, opening, speech: this.speech } as ApiResponse<M>;
    }
    if (method === 'heartbeat') return { ok: true, generation: 1 } as ApiResponse<M>;
    return { ok: true } as ApiResponse<M>;
  }

  onEvent(_listener: (event: HostEvent) => void): () => void {
    return () => undefined;
  }

  /** What the kiosk asked the host to say, in order, since the last call. */
  spoken(): ApiRequest<'speak'>[] {
    const said = this.calls.filter((call) => call.method === 'speak').map((call) => call.request as ApiRequest<'speak'>);
    this.calls.length = 0;
    return said;
  }

  sent(method: ApiMethod): number {
    return this.calls.filter((call) => call.method === method).length;
  }
}

/** Lets the kiosk's fire-and-forget requests reach the fake host. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function booted(speech: SpeechOffer = SPEECH) {
  const host = new FakeHost();
  host.speech = speech;
  const clock = new FakeClock();
  const beeps: number[] = [];
  const sounds: Sounds = { countdown: () => beeps.push(clock.now()) };
  const kiosk = new KioskState(host, clock, sounds);
  await kiosk.boot();
  await flush();
  host.calls.length = 0;
  return { kiosk, host, clock, beeps };
}

const texts = (said: ApiRequest<'speak'>[]): string[] => said.map((request) => request.text);
const da = CATALOGUE.da;
const en = CATALOGUE.en;

function button(text: string, lang: 'da' | 'en' = 'da'): ExploreTarget {
  return { key: { element: text }, text, lang, activatable: true };
}

describe('turning read-aloud on and off', () => {
  it('the control says what it did, and read-aloud mode ends with the visit', async () => {
    const { kiosk, host, clock } = await booted();
    kiosk.wake();
    kiosk.toggleReadAloud();
    await flush();
    expect(kiosk.readAloud.on).toBe(true);
    expect(texts(host.spoken())).toEqual([da['readAloud.on']]);
    kiosk.toggleReadAloud();
    await flush();
    expect(texts(host.spoken())).toEqual([da['readAloud.off']]);

    kiosk.toggleReadAloud();
    clock.advance(180_000);
    await flush();
    expect(kiosk.screen.name).toBe('attract');
    expect(kiosk.readAloud.on).toBe(false);
    // Whatever was being said is silenced for the next visitor.
    expect(host.sent('stopSpeaking')).toBeGreaterThan(0);
  });

  it('where the host cannot speak there is nothing to turn on, and nothing is sent', async () => {
    const { kiosk, host } = await booted(NO_SPEECH);
    expect(kiosk.readAloud.available).toBe(false);
    kiosk.wake();
    kiosk.toggleReadAloud();
    await flush();
    expect(kiosk.readAloud.on).toBe(false);
    expect(host.calls.filter((call) => ['speak', 'prewarmSpeech', 'stopSpeaking'].includes(call.method))).toEqual([]);
  });

  it("the kiosk's physical key (from the config) turns read-aloud on and off; other keys do nothing", async () => {
    const { kiosk } = await booted({ ...SPEECH, toggleKey: 'F9' });
    expect(kiosk.readAloud.physicalKey('F8')).toBe(false);
    expect(kiosk.readAloud.on).toBe(false);
    expect(kiosk.readAloud.physicalKey('F9')).toBe(true);
    expect(kiosk.readAloud.on).toBe(true);
    kiosk.readAloud.physicalKey('F9');
    expect(kiosk.readAloud.on).toBe(false);
    // Without a key in the config, no key does it.
    const plain = await booted(SPEECH);
    expect(plain.kiosk.readAloud.physicalKey('F9')).toBe(false);
  });

  it('the kiosk sends its own words once at start, to be made ahead of the first touch (never the staff screen)', async () => {
    const host = new FakeHost();
    const kiosk = new KioskState(host, new FakeClock(), { countdown: () => undefined });
    await kiosk.boot();
    await flush();
    const prewarm = host.calls.filter((call) => call.method === 'prewarmSpeech').map((call) => (call.request as ApiRequest<'prewarmSpeech'>).items);
    expect(prewarm).toHaveLength(1);
    const items = prewarm[0] ?? [];
    expect(items).toContainEqual({ text: 'Læs højt', lang: 'da' });
    expect(items).toContainEqual({ text: 'Read aloud', lang: 'en' });
    expect(items.some((item) => item.text.includes('{'))).toBe(false);
    expect(items.some((item) => item.text === da['staff.pinTitle'])).toBe(false);
  });
});

describe('explore by touch', () => {
  it('the first touch on a control says it and keeps it from the page; the second on the same control chooses it', async () => {
    const { kiosk, host } = await booted();
    kiosk.wake();
    kiosk.toggleReadAloud();
    await flush();
    host.spoken();
    const back = button('Tilbage');
    expect(kiosk.readAloud.explore(back)).toBe('speak');
    expect(kiosk.readAloud.focused).toBe(back.key);
    expect(kiosk.readAloud.explore(back)).toBe('activate');
    await flush();
    expect(texts(host.spoken())).toEqual(['Tilbage']);
  });

  it('a touch on another control in between starts over: each is said before it can be chosen', async () => {
    const { kiosk, host } = await booted();
    kiosk.wake();
    kiosk.toggleReadAloud();
    const back = button('Tilbage');
    const home = button('Hjem');
    expect(kiosk.readAloud.explore(back)).toBe('speak');
    expect(kiosk.readAloud.explore(home)).toBe('speak');
    expect(kiosk.readAloud.explore(back)).toBe('speak');
    expect(kiosk.readAloud.explore(back)).toBe('activate');
    await flush();
    expect(texts(host.spoken()).slice(1)).toEqual(['Tilbage', 'Hjem', 'Tilbage']);
  });

  it('a text is said at every touch and is never chosen', async () => {
    const { kiosk, host } = await booted();
    kiosk.wake();
    kiosk.toggleReadAloud();
    const paragraph: ExploreTarget = { key: {}, text: 'Lejre Kommune har 29.000 indbyggere.', lang: 'da', activatable: false };
    expect(kiosk.readAloud.explore(paragraph)).toBe('speak');
    expect(kiosk.readAloud.explore(paragraph)).toBe('speak');
    await flush();
    expect(texts(host.spoken()).slice(1)).toEqual([paragraph.text, paragraph.text]);
  });

  it('an English text is read by the English voice, or by the Danish one where there is none', async () => {
    for (const [languages, voice] of [[['da', 'en'], 'en'], [['da'], 'da']] as const) {
      const { kiosk, host } = await booted({ ...SPEECH, languages: [...languages] });
      kiosk.wake();
      kiosk.toggleReadAloud();
      kiosk.readAloud.explore(button('Switch to English', 'en'));
      await flush();
      expect(host.spoken().at(-1)).toEqual({ text: 'Switch to English', lang: voice });
    }
  });

  it('without read-aloud mode every touch does what it always did, and nothing is said', async () => {
    const { kiosk, host } = await booted();
    kiosk.wake();
    expect(kiosk.readAloud.explore(button('Tilbage'))).toBe('activate');
    await flush();
    expect(host.spoken()).toEqual([]);
  });

  it('a new screen says its title and forgets the marked control', async () => {
    const { kiosk, host } = await booted();
    kiosk.wake();
    kiosk.toggleReadAloud();
    kiosk.readAloud.explore(button('Aktivt og selvstændigt liv'));
    kiosk.openTask('aktivt-og-selvstaendigt-liv');
    expect(kiosk.readAloud.focused).toBeNull();
    kiosk.go({ name: 'credits' });
    kiosk.toggleLanguage();
    kiosk.go({ name: 'places' });
    kiosk.home();
    await flush();
    expect(host.spoken().slice(2)).toEqual([
      { text: 'Aktivt og selvstændigt liv', lang: 'da' },
      { text: da['credits.title'], lang: 'da' },
      // The language changed: the same title again, in English.
      { text: en['credits.title'], lang: 'en' },
      { text: en['places.title'], lang: 'en' },
      { text: en['map.title'], lang: 'en' },
    ]);
  });

  it('a village opened on the map (which is not explored by touch) says its name', async () => {
    const { kiosk, host } = await booted();
    kiosk.wake();
    kiosk.toggleReadAloud();
    const village = snapshot.villages[0];
    kiosk.openVillage(village?.id ?? 0);
    await flush();
    expect(host.spoken().at(-1)).toEqual({ text: village?.name, lang: 'da' });
  });
});

describe('the attract screen says how to start read-aloud', () => {
  const howTo = [
    { text: da['readAloud.howTo'], lang: 'da' },
    { text: en['readAloud.howTo'], lang: 'en', queue: true },
  ];

  it('every configured minute while it shows, in Danish and then English, never sooner', async () => {
    const { host, clock } = await booted();
    clock.advance(59_999);
    await flush();
    expect(host.spoken()).toEqual([]);
    clock.advance(1);
    await flush();
    expect(host.spoken()).toEqual(howTo);
    clock.advance(60_000);
    await flush();
    expect(host.spoken()).toEqual(howTo);
  });

  it('not while a visit is on, and a full interval after the attract screen comes back', async () => {
    const { kiosk, host, clock } = await booted({ ...SPEECH, announceEveryMinutes: 2 });
    clock.advance(100_000);
    kiosk.wake();
    clock.advance(50_000);
    await flush();
    expect(host.spoken()).toEqual([]);
    kiosk.resetSession('idle');
    clock.advance(119_999);
    await flush();
    expect(host.spoken()).toEqual([]);
    clock.advance(1);
    await flush();
    expect(host.spoken()).toEqual(howTo);
  });

  it('not at all with announceEveryMinutes 0, nor without speech', async () => {
    for (const speech of [{ ...SPEECH, announceEveryMinutes: 0 }, NO_SPEECH]) {
      const { host, clock } = await booted(speech);
      clock.advance(3_600_000);
      await flush();
      expect(host.spoken()).toEqual([]);
    }
  });
});

describe('more time', () => {
  it('read-aloud mode has the longer idle timeout of the config, and the next visit the normal one again', async () => {
    const { kiosk, clock } = await booted();
    kiosk.wake();
    kiosk.toggleReadAloud();
    clock.advance(170_000);
    expect(kiosk.screen.name).toBe('map');
    expect(kiosk.idleWarning).toBe(10);
    clock.advance(10_000);
    expect(kiosk.screen.name).toBe('attract');
    kiosk.wake();
    clock.advance(60_000);
    expect(kiosk.screen.name).toBe('attract');
  });

  it('turned on at the attract screen, before any visit, it still ends with the idle reset', async () => {
    const { kiosk, clock } = await booted();
    kiosk.toggleReadAloud();
    expect(kiosk.screen.name).toBe('attract');
    clock.advance(180_000);
    expect(kiosk.readAloud.on).toBe(false);
  });

  it('the countdown is heard once when it starts, said in read-aloud mode, and "Mere tid" gives the whole time again', async () => {
    const { kiosk, host, clock, beeps } = await booted();
    kiosk.wake();
    clock.advance(50_000);
    await flush();
    expect(kiosk.idleWarning).toBe(10);
    expect(beeps).toEqual([50_000]);
    // Not in read-aloud mode: shown and heard, not said.
    expect(host.spoken()).toEqual([]);
    kiosk.moreTime();
    expect(kiosk.idleWarning).toBeNull();
    kiosk.toggleReadAloud();
    clock.advance(170_000);
    await flush();
    expect(beeps).toEqual([50_000, 220_000]);
    expect(host.spoken().at(-1)).toEqual({ text: 'Om 10 sekunder starter kiosken forfra. Rør skærmen for at få mere tid.', lang: 'da' });
    kiosk.moreTime();
    clock.advance(179_999);
    expect(kiosk.screen.name).toBe('map');
    clock.advance(1);
    expect(kiosk.screen.name).toBe('attract');
  });

  it('a touch during the countdown takes the countdown away at once, and in read-aloud mode says the visit got more time', async () => {
    const { kiosk, host, clock } = await booted();
    kiosk.wake();
    kiosk.toggleReadAloud();
    await flush();
    host.spoken();
    // A touch outside the countdown says nothing of the kind.
    kiosk.userActivity();
    await flush();
    expect(host.spoken()).toEqual([]);
    clock.advance(175_000);
    kiosk.userActivity();
    expect(kiosk.idleWarning).toBeNull();
    await flush();
    expect(host.spoken().at(-1)).toEqual({ text: 'Du har fået mere tid.', lang: 'da' });
    clock.advance(179_999);
    expect(kiosk.screen.name).toBe('map');
  });
});

describe('reading a story', () => {
  const heading = { text: 'Fælles plantedag\n\nNaboerne planter træer.', lang: 'da' as const };

  it('says title and summary, then the body in pieces the host takes, one after the other', async () => {
    const { kiosk, host } = await booted();
    const paragraph = `<p>${'Træerne blev plantet langs vejen. '.repeat(40)}</p>`;
    kiosk.readAloud.readStory({ heading, body: { html: paragraph.repeat(4), lang: 'da' }, narration: null });
    expect(kiosk.readAloud.readingStory).toBe(true);
    await flush();
    const said = host.spoken();
    expect(said[0]).toEqual(heading);
    expect(said.slice(1).every((request) => request.queue === true && request.format === 'html' && request.text.length <= 3000)).toBe(true);
    expect(said.slice(1).map((request) => request.text).join('')).toBe(paragraph.repeat(4));
  });

  it('plays the story’s own recording instead when it is read in Danish, and silences speech for it', async () => {
    const { kiosk, host } = await booted();
    kiosk.readAloud.readStory({ heading, body: { html: '<p>Tekst.</p>', lang: 'da' }, narration: 'media/plantedag.mp3' });
    await flush();
    expect(kiosk.readAloud.narration).toBe('media/plantedag.mp3');
    expect(host.spoken()).toEqual([]);
    kiosk.readAloud.narrationEnded();
    expect(kiosk.readAloud.narration).toBeNull();
    // The recording is Danish: an English reader hears the English text.
    kiosk.readAloud.readStory({ heading: { text: 'Planting day', lang: 'en' }, body: { html: '<p>Text.</p>', lang: 'en' }, narration: 'media/plantedag.mp3' });
    await flush();
    expect(kiosk.readAloud.narration).toBeNull();
    expect(texts(host.spoken())).toEqual(['Planting day', '<p>Text.</p>']);
  });

  it('leaving the screen stops the reading', async () => {
    const { kiosk, host } = await booted();
    kiosk.wake();
    kiosk.readAloud.readStory({ heading, body: { html: '<p>Tekst.</p>', lang: 'da' }, narration: 'media/plantedag.mp3' });
    await flush();
    host.calls.length = 0;
    kiosk.go({ name: 'credits' });
    await flush();
    expect(kiosk.readAloud.narration).toBeNull();
    expect(kiosk.readAloud.readingStory).toBe(false);
    expect(host.sent('stopSpeaking')).toBe(1);
  });

  it('cuts a body between paragraphs, and a paragraph longer than a piece where it must', () => {
    expect(htmlParts('<p>a</p><p>b</p><p>c</p>', 16)).toEqual(['<p>a</p><p>b</p>', '<p>c</p>']);
    expect(htmlParts(`<p>${'x'.repeat(20)}</p>`, 10)).toEqual(['<p>xxxxxxx', 'xxxxxxxxxx', 'xxx</p>']);
    expect(htmlParts('', 10)).toEqual([]);
  });
});

describe('the requests reach the host in the order they were made', () => {
  it('the next is sent only when the host has answered the one before', async () => {
    const { kiosk, host } = await booted();
    let answer: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (answer = resolve));
    const arrived: string[] = [];
    const invoke = host.invoke.bind(host);
    host.invoke = (async (method: ApiMethod, request: unknown) => {
      if (method === 'speak') arrived.push((request as { text: string }).text);
      if (method === 'speak' && arrived.length === 1) await slow;
      return invoke(method, request as never);
    }) as typeof host.invoke;
    kiosk.readAloud.say({ text: 'Titel', lang: 'da' });
    kiosk.readAloud.say({ text: 'Afsnit', lang: 'da' }, { queue: true });
    await flush();
    expect(arrived).toEqual(['Titel']);
    answer();
    await flush();
    expect(arrived).toEqual(['Titel', 'Afsnit']);
  });
});

describe('starting read-aloud without sight', () => {
  function gestures() {
    const clock = new FakeClock();
    const fired: string[] = [];
    return { clock, fired, gestures: new ReadAloudGestures(clock, (kind) => fired.push(kind)) };
  }

  it('a finger held still for 2 s on the attract screen, and the click that ends it presses nothing', () => {
    const { clock, fired, gestures: g } = gestures();
    g.down(1, 600, 500, true, true);
    clock.advance(1_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['long-press']);
    g.up(1);
    expect(g.takeClick()).toBe(true);
    expect(g.takeClick()).toBe(false);
  });

  it('not on other screens, not in the staff corner, not when the finger moves', () => {
    const { clock, fired, gestures: g } = gestures();
    g.down(1, 600, 500, true, false);
    clock.advance(5_000);
    g.up(1);
    g.down(2, 30, 30, true, true);
    clock.advance(5_000);
    g.up(2);
    g.down(3, 600, 500, true, true);
    g.move(3, 700, 500);
    clock.advance(5_000);
    g.up(3);
    expect(fired).toEqual([]);
    expect(g.takeClick()).toBe(false);
  });

  it('a quick tap with three fingers, on any screen', () => {
    const { clock, fired, gestures: g } = gestures();
    g.down(1, 500, 500, true, false);
    clock.advance(50);
    g.down(2, 600, 500, false, false);
    g.down(3, 700, 500, false, false);
    clock.advance(150);
    g.up(1);
    g.up(2);
    expect(fired).toEqual([]);
    g.up(3);
    expect(fired).toEqual(['three-finger-tap']);
    expect(g.takeClick()).toBe(true);
  });

  it('not two fingers, not a slow three-finger hold, not a three-finger swipe', () => {
    const { clock, fired, gestures: g } = gestures();
    g.down(1, 500, 500, true, false);
    g.down(2, 600, 500, false, false);
    g.up(1);
    g.up(2);
    g.down(1, 500, 500, true, false);
    g.down(2, 600, 500, false, false);
    g.down(3, 700, 500, false, false);
    clock.advance(1_000);
    g.up(1);
    g.up(2);
    g.up(3);
    g.down(1, 500, 500, true, false);
    g.down(2, 600, 500, false, false);
    g.down(3, 700, 500, false, false);
    g.move(2, 600, 700);
    g.up(1);
    g.up(2);
    g.up(3);
    expect(fired).toEqual([]);
  });

  it('the long press turns read-aloud on in the kiosk, which says so', async () => {
    const { kiosk, host, clock } = await booted();
    kiosk.readAloudGestures.down(1, 900, 500, true, true);
    clock.advance(2_000);
    await flush();
    expect(kiosk.readAloud.on).toBe(true);
    expect(texts(host.spoken())).toEqual([da['readAloud.on']]);
  });
});
