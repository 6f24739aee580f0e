import { NO_SPEECH, SPEECH_LANGUAGES, type ApiRequest, type SpeechOffer } from '../../contract/api.js';
import type { ContentSnapshot, LocalizedText } from '../../contract/content.js';
import { createLogger } from './logger.js';
import { SpeechService, type SpeakOutcome, type SpeechItem, type SpeechSettings, type SpokenEntry } from './speech/index.js';
import type { ReadAloudHealth } from './unattended/health.js';

// Read-aloud as the kiosk host offers it to the renderer (issue 10): the contract's speak / stopSpeaking /
// prewarmSpeech on top of the SpeechService. The host API answers synchronously, so every request here is
// fire and forget: the speech follows, and what came of it is logged in English (never the text itself:
// it is UI and content text, but a log is no place for paragraphs).

const log = createLogger('read-aloud');

export class ReadAloudHost {
  /** Bumped by every speak that silences and by stop: a queued speak from before it is dropped. */
  #generation = 0;
  /** Settles when the last speak requested has been said (or not). */
  #last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly service: SpeechService,
    private readonly settings: SpeechSettings,
  ) {}

  /** Checks the machine (espeak-ng, voices, the audio device) and opens the cache; never throws. */
  static async start(settings: SpeechSettings, dataDir: string): Promise<ReadAloudHost> {
    return new ReadAloudHost(await SpeechService.start({ settings, dataDir }), settings);
  }

  offer(): SpeechOffer {
    const { probe } = this.service;
    if (!probe.available) return { ...NO_SPEECH, idleTimeoutSeconds: this.settings.idleTimeoutSeconds };
    return {
      available: true,
      languages: SPEECH_LANGUAGES.filter((lang) => probe.voices[lang] !== null),
      announceEveryMinutes: this.settings.announceEveryMinutes,
      idleTimeoutSeconds: this.settings.idleTimeoutSeconds,
      toggleKey: this.settings.toggleKey ?? null,
    };
  }

  speak(request: ApiRequest<'speak'>): void {
    const generation = request.queue ? this.#generation : ++this.#generation;
    const before = this.#last;
    const said = (async (): Promise<SpeakOutcome | null> => {
      if (request.queue) await before;
      // A later speak or a stop came while this one waited its turn.
      if (generation !== this.#generation) return null;
      return await this.service.speak(request.text, request.lang, { format: request.format ?? 'plain' });
    })();
    this.#last = said.then(
      (outcome) => this.#logOutcome(outcome, request),
      (error: unknown) => log.error({ err: error }, 'read-aloud request failed'),
    );
  }

  stop(): void {
    this.#generation += 1;
    this.service.stop();
  }

  /** Settles once everything asked for so far has been said, silenced or dropped. */
  async whenSaid(): Promise<void> {
    await this.#last;
  }

  /** Makes the speech for these texts ahead of time, behind any visitor's speech. */
  prewarm(items: readonly SpeechItem[]): void {
    if (!this.service.probe.available || items.length === 0) return;
    this.service.prewarm(items).catch((error: unknown) => log.warn({ err: error }, 'read-aloud pre-warming failed'));
  }

  /** The content's names and titles in both languages: what screen changes and the first touches say. */
  prewarmContent(snapshot: ContentSnapshot): void {
    this.prewarm(contentSpeechItems(snapshot));
  }

  health(): ReadAloudHealth {
    const { probe, failures } = this.service.status();
    return {
      available: probe.available,
      problemDa: probe.problemDa,
      languages: this.offer().languages,
      playbackFailures: failures.playback,
      synthesisFailures: failures.synthesis,
    };
  }

  /** What was said, oldest first: for the end-to-end tests only (behind the config's testBridge). */
  spokenLog(): readonly SpokenEntry[] {
    return this.service.spokenLog();
  }

  async close(): Promise<void> {
    this.stop();
    await this.service.close();
  }

  #logOutcome(outcome: SpeakOutcome | null, request: ApiRequest<'speak'>): void {
    const about = { lang: request.lang, chars: request.text.length, queued: request.queue === true };
    if (outcome === null) {
      log.debug(about, 'queued read-aloud dropped');
      return;
    }
    switch (outcome.kind) {
      case 'spoken':
        log.debug({ ...about, cached: outcome.cached }, 'read aloud');
        return;
      case 'interrupted':
      case 'nothing-to-say':
      case 'unavailable':
        log.debug({ ...about, outcome: outcome.kind }, 'read-aloud request not said');
        return;
      case 'failed':
        // The speech service has logged the details and counted it for the health screen.
        log.debug({ ...about, stage: outcome.stage }, 'read-aloud request failed');
        return;
    }
  }
}

/** Danish always, English where the content has it. */
function both(text: LocalizedText): SpeechItem[] {
  return [{ text: text.da, lang: 'da' }, ...(text.en ? [{ text: text.en, lang: 'en' as const }] : [])];
}

/** Titles, names and summaries: the short texts a visitor touches first. Long bodies are made when asked for. */
export function contentSpeechItems(snapshot: ContentSnapshot): SpeechItem[] {
  const items = [
    ...both(snapshot.texts.attract.title),
    ...snapshot.coreTasks.flatMap((task) => both(task.title)),
    ...snapshot.stories.flatMap((story) => [...both(story.title), ...both(story.summary)]),
    ...snapshot.villages.map((village): SpeechItem => ({ text: village.name, lang: 'da' })),
  ];
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.lang}:${item.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
