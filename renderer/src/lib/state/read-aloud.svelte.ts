import { MAX_SPEAK_CHARS, NO_SPEECH, type SpeechLanguage, type SpeechOffer } from '../../../../contract/api';
import type { Language } from '../../../../contract/content';
import { CATALOGUE, type MessageKey } from '../i18n/catalogue';
import type { Locale } from '../i18n/locale.svelte';
import { appEvent } from '../test-bridge';
import type { Transport } from '../transport/transport';
import type { Clock } from './idle-timer';

// "Læs højt" (issue 10): the kiosk reads itself aloud for a visitor who cannot see it well, or at all. The
// host makes the speech (espeak-ng) and plays it; the renderer only says what to say, fire and forget, so
// a touch never waits for speech and speech never holds up a frame.
//
// In read-aloud mode a visitor explores by touch, as with a phone's screen reader: the first touch on a
// control or a text says what it is and marks it; touching the same control again chooses it. Nothing is
// ever chosen by the first touch.

/** Something said aloud, in the language of the text itself. */
export interface Spoken {
  text: string;
  lang: Language;
}

/** What a finger touched in read-aloud mode. */
export interface ExploreTarget extends Spoken {
  /** The element itself (opaque here): a second touch on the same one chooses it. */
  key: object;
  /** A control (a button) rather than a text, which only ever speaks. */
  activatable: boolean;
}

/** Let the touch do what it does, or keep it from the page because it was only to hear what is there. */
export type ExploreDecision = 'activate' | 'speak';

/** A story as shown, to be read from the top. */
export interface StoryToRead {
  /** Title and summary. */
  heading: Spoken;
  /** The story's sanitised HTML body. */
  body: { html: string; lang: Language };
  /**
   * The story's own recording (its first audio) or null. Played instead of speech when the story is read
   * in Danish: recordings carry no language, and a story's recordings are Danish-first like its text.
   */
  narration: string | null;
}

export class ReadAloud {
  /** Read-aloud mode: explore by touch, screen titles said aloud, a longer idle timeout. */
  on = $state(false);
  offer = $state.raw<SpeechOffer>(NO_SPEECH);
  /** The control or text the last touch spoke: it carries the focus ring until the next. */
  focused = $state.raw<object | null>(null);
  /** A story's own recording being played (its media file), or null. */
  narration = $state<string | null>(null);
  /** A story is being read from the "Læs historien højt" button. */
  readingStory = $state(false);
  #announceTimer: number | null = null;
  /** Requests go one after the other, so the host gets them in the order they were made (a queued part never overtakes its heading). */
  #sending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    private readonly clock: Clock,
    /** The visitor's language, for the kiosk's own words. */
    private readonly locale: Locale,
  ) {}

  /** The read-aloud control is shown, and the gestures work, only when the host can speak. */
  get available(): boolean {
    return this.offer.available;
  }

  /** What the host found at start; missing (an old host) means no read-aloud. */
  configure(offer: SpeechOffer | undefined): void {
    this.offer = offer ?? NO_SPEECH;
    if (!this.available) this.on = false;
  }

  /** The host makes the speech for the kiosk's own words ahead of the first touch (its content titles it does itself). */
  prewarm(): void {
    if (!this.available) return;
    const items = this.offer.languages.flatMap((lang) =>
      Object.entries(CATALOGUE[lang])
        // Placeholders are filled in when said; the staff screen is never read aloud (PIN digits!).
        .filter(([key, text]) => !text.includes('{') && !key.startsWith('staff.'))
        .map(([, text]) => ({ text, lang })),
    );
    void this.transport.invoke('prewarmSpeech', { items }).catch(() => undefined);
  }

  /** The kiosk's physical read-aloud key (config), if it has one: true when `key` was it and it acted. */
  physicalKey(key: string): boolean {
    if (!this.available || this.offer.toggleKey === null || key !== this.offer.toggleKey) return false;
    this.toggle();
    return true;
  }

  /** The control and the gestures: on ↔ off, and said aloud either way. */
  toggle(): void {
    if (!this.available) return;
    this.on = !this.on;
    this.focused = null;
    this.say(this.#own(this.on ? 'readAloud.on' : 'readAloud.off'));
    appEvent('read-aloud', { on: this.on });
  }

  /**
   * Says `text`, silencing what was being said; `queue` says it after that instead. Fire and forget: the
   * host answers at once and the speech follows.
   */
  say({ text, lang }: Spoken, options: { format?: 'plain' | 'html'; queue?: boolean } = {}): void {
    const said = text.trim().slice(0, MAX_SPEAK_CHARS);
    if (!this.available || said === '') return;
    const request = { text: said, lang: this.#voiceFor(lang), ...(options.format ? { format: options.format } : {}), ...(options.queue ? { queue: true } : {}) };
    this.#send(() => this.transport.invoke('speak', request));
    appEvent('speech-requested', { text: said, lang: request.lang, queue: options.queue === true });
  }

  /** Silence: the host stops speaking, a story's recording stops. */
  stop(): void {
    this.#storyDone();
    if (this.available) this.#send(() => this.transport.invoke('stopSpeaking', {}));
  }

  /** A touch in read-aloud mode: the first on a control says it, the next on the same control chooses it. */
  explore(target: ExploreTarget): ExploreDecision {
    if (!this.on) return 'activate';
    if (target.activatable && target.key === this.focused) {
      this.focused = null;
      return 'activate';
    }
    this.focused = target.key;
    this.say(target);
    appEvent('explore', { text: target.text, activatable: target.activatable });
    return 'speak';
  }

  /** Every screen change: its title in read-aloud mode; the attract screen's announcements only while it shows. */
  screenShown(title: Spoken | null, attract: boolean): void {
    this.focused = null;
    const reading = this.readingStory;
    this.#storyDone();
    // The title silences a story being read; without one, the story is silenced on its own.
    if (this.on && title) this.say(title);
    else if (reading) this.stop();
    this.#stopAnnouncing();
    if (attract) this.#announceLater();
  }

  /** Something the visitor did not touch has appeared or changed (a village card, a new language): said in read-aloud mode. */
  announce(spoken: Spoken | null): void {
    if (this.on && spoken) this.say(spoken);
  }

  /** The countdown to the idle reset has begun: said aloud in read-aloud mode (it is shown and sounded anyway). */
  countdownStarted(seconds: number): void {
    this.announce(this.#own('readAloud.countdown', { seconds }));
  }

  /** A touch during the countdown gave the visit its time again (the countdown is gone from under the finger). */
  countdownStopped(): void {
    this.announce(this.#own('readAloud.moreTime'));
  }

  /** "Læs historien højt": the story's own recording when it has one, otherwise its text, from the top. */
  readStory(story: StoryToRead): void {
    if (!this.available) return;
    if (story.narration !== null && story.body.lang === 'da') {
      // The recording plays in the page: what the host may still be saying must not talk over it.
      this.stop();
      this.narration = story.narration;
      this.readingStory = true;
      appEvent('narration', { file: story.narration });
      return;
    }
    this.readingStory = true;
    this.narration = null;
    this.say(story.heading);
    for (const part of htmlParts(story.body.html, MAX_SPEAK_CHARS)) this.say({ text: part, lang: story.body.lang }, { format: 'html', queue: true });
  }

  /** The recording has played to its end (or could not be played). */
  narrationEnded(): void {
    this.#storyDone();
  }

  /** The visit is over: read-aloud mode ends with it and nothing goes on speaking to the next visitor. */
  reset(): void {
    const wasOn = this.on;
    this.on = false;
    this.focused = null;
    this.stop();
    if (wasOn) appEvent('read-aloud', { on: false });
  }

  /** An English text without an English voice is read by the Danish one rather than not at all. */
  #voiceFor(lang: Language): SpeechLanguage {
    return this.offer.languages.includes(lang) ? lang : 'da';
  }

  #own(key: MessageKey, params: Record<string, string | number> = {}, lang: Language = this.locale.lang): Spoken {
    return { text: this.locale.tIn(lang, key, params), lang };
  }

  #storyDone(): void {
    this.narration = null;
    this.readingStory = false;
  }

  #send(request: () => Promise<unknown>): void {
    this.#sending = this.#sending.then(request).catch(() => undefined);
  }

  /**
   * The attract screen says how to start read-aloud, every `announceEveryMinutes` while it shows: the first
   * time one interval after it appears, so it is never said more often than that.
   */
  #announceLater(): void {
    const minutes = this.offer.announceEveryMinutes;
    if (!this.available || minutes <= 0) return;
    this.#announceTimer = this.clock.setTimeout(() => {
      this.#announceTimer = null;
      if (!this.on) {
        this.say(this.#own('readAloud.howTo', {}, 'da'));
        if (this.offer.languages.includes('en')) this.say(this.#own('readAloud.howTo', {}, 'en'), { queue: true });
        appEvent('read-aloud-announced', {});
      }
      this.#announceLater();
    }, minutes * 60_000);
  }

  #stopAnnouncing(): void {
    if (this.#announceTimer !== null) this.clock.clearTimeout(this.#announceTimer);
    this.#announceTimer = null;
  }
}

const BLOCK_END = /(?<=<\/(?:p|h[1-6]|ul|ol|li|blockquote|figure|table|div|section)>)/i;

/**
 * A story body in pieces the host takes (at most `max` characters each), cut between blocks so each piece
 * is whole paragraphs; a single block longer than that is cut where it must be.
 */
export function htmlParts(html: string, max: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const block of html.split(BLOCK_END)) {
    if (current.length + block.length <= max) {
      current += block;
      continue;
    }
    if (current.trim() !== '') parts.push(current);
    let rest = block;
    while (rest.length > max) {
      parts.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = rest;
  }
  if (current.trim() !== '') parts.push(current);
  return parts;
}
