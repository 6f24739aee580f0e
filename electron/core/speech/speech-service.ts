import { join } from 'node:path';
import { createLogger } from '../logger.js';
import { lastLine, runProgram, type ProgramResult } from './run-program.js';
import { SpeechCache, type CacheTotals, type SpeechKeyParts } from './speech-cache.js';
import { playerInvocation, type SpeechSettings } from './speech-config.js';
import { probeSpeech, type SpeechProbeResult } from './speech-probe.js';
import { MAX_SPEECH_CHARS, prepareSpeechText, type SpeechLang, type SpeechTextFormat } from './speech-text.js';
import { Synthesiser } from './synthesiser.js';
import type { WavInfo } from './wav.js';

// Read-aloud for the host: speak(text, lang) makes the speech with espeak-ng (or takes it from the cache)
// and plays it; a new speak() or stop() silences the one before at once, as a finger moving to the next
// control must. Nothing here throws into the caller or blocks the event loop: a missing voice or a
// broken device is a result and an English log line, and every program runs as a child process.

const log = createLogger('speech');

export const SPEECH_CACHE_FOLDER = 'speech-cache';
/** Bounds for what the visitor may choose on screen (the same as the config's). */
const RATE_RANGE = [80, 450] as const;
const VOLUME_RANGE = [10, 200] as const;
/** A player gets this much longer than the sound lasts before it counts as hung. */
const PLAYER_GRACE_MS = 10_000;

export interface SpeakOptions {
  format?: SpeechTextFormat;
  /** Words per minute; the config's rate when left out. */
  rate?: number;
  /** Per cent of normal loudness; the config's volume when left out. */
  volume?: number;
}

export type SpeakOutcome =
  | { kind: 'spoken'; cached: boolean }
  | { kind: 'interrupted' }
  | { kind: 'unavailable'; problemEn: string }
  | { kind: 'nothing-to-say' }
  | { kind: 'failed'; stage: 'synthesis' | 'playback'; detail: string };

/** What was said and when: for tests (and e2e through a test-only hook) to check what a visitor heard. */
export interface SpokenEntry {
  at: number;
  lang: SpeechLang;
  /** As the caller gave it. */
  text: string;
  /** As espeak-ng read it (markup gone, abbreviations written out). */
  said: string;
  voice: string;
  cached: boolean;
  /** How long the speech lasts. */
  seconds: number;
}

export type SpeechEvent =
  | { type: 'playing'; entry: SpokenEntry; pid: number }
  | { type: 'ended'; entry: SpokenEntry; outcome: 'spoken' | 'interrupted' | 'failed' };

export interface SpeechItem {
  text: string;
  lang: SpeechLang;
  format?: SpeechTextFormat;
}

export interface PrewarmSummary {
  made: number;
  alreadyReady: number;
  failed: number;
  /** No voice for the language, or nothing to say. */
  skipped: number;
}

export interface SpeechStatus {
  probe: SpeechProbeResult;
  cache: CacheTotals;
  synthesisRuns: number;
  failures: { synthesis: number; playback: number };
}

export interface SpeechServiceOptions {
  settings: SpeechSettings;
  /** The kiosk's data folder; the cache goes in its speech-cache/. */
  dataDir: string;
  /** Whose PATH finds espeak-ng and the player; the host's own by default. */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** A probe already made (or made up, in tests); probed at start when left out. */
  probe?: SpeechProbeResult;
  spokenLogSize?: number;
  onEvent?: (event: SpeechEvent) => void;
}

export class SpeechService {
  readonly #spoken: SpokenEntry[] = [];
  readonly #failures = { synthesis: 0, playback: 0 };
  #generation = 0;
  #playing: AbortController | null = null;
  #playerGone: Promise<void> = Promise.resolve();
  #prewarming: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(
    private readonly options: SpeechServiceOptions,
    readonly probe: SpeechProbeResult,
    /** Null when the cache folder cannot be used: then nothing is ever made or played. */
    private readonly synth: Synthesiser | null,
  ) {}

  /** Probes the machine and opens the cache; never throws (a kiosk without speech is still a kiosk). */
  static async start(options: SpeechServiceOptions): Promise<SpeechService> {
    const dir = join(options.dataDir, SPEECH_CACHE_FOLDER);
    const probe = options.probe ?? (await probeSpeech(options.settings, { scratchDir: dir, env: options.env }));
    const maxBytes = options.settings.cacheMaxMB * 1024 * 1024;
    try {
      const cache = await SpeechCache.open(dir, maxBytes, options.now);
      return new SpeechService(options, probe, new Synthesiser(cache, options.env));
    } catch (error) {
      log.error({ err: error, dir }, 'speech cache folder unusable; read-aloud is off');
      const problemDa = `Oplæsning virker ikke: kiosken kan ikke bruge mappen ${dir}.`;
      const problemEn = `speech cache folder ${dir} is unusable`;
      const unavailable: SpeechProbeResult = { ...probe, available: false, problems: [...probe.problems, { code: 'cache-unwritable', messageDa: problemDa, messageEn: problemEn }], problemDa, problemEn };
      return new SpeechService(options, unavailable, null);
    }
  }

  /** Says `text`, silencing whatever was being said; resolves when it has been said (or not, and why). */
  async speak(text: string, lang: SpeechLang, options: SpeakOptions = {}): Promise<SpeakOutcome> {
    const generation = this.#interrupt();
    const ready = this.#parts(text, lang, options.format, options);
    if ('kind' in ready) return ready;
    const { synth, parts } = ready;
    const made = await synth.ensure(parts, 'interactive');
    if (!made.ok) {
      this.#failures.synthesis += 1;
      return { kind: 'failed', stage: 'synthesis', detail: made.detail };
    }
    const entry: SpokenEntry = { at: 0, lang, text: text.slice(0, MAX_SPEECH_CHARS), said: parts.text, voice: parts.voice, cached: made.cached, seconds: made.info.durationSeconds };
    return this.#play(made.path, made.info, entry, generation);
  }

  /** Silences the speech now. */
  stop(): void {
    this.#interrupt();
  }

  /**
   * Makes the speech for `items` ahead of time (e.g. every text on the screens), one espeak-ng at a time at
   * the lowest priority, behind any visitor's speech. Calls queue up behind each other.
   */
  prewarm(items: readonly SpeechItem[]): Promise<PrewarmSummary> {
    const run = this.#prewarming.then(() => this.#prewarmAll(items));
    this.#prewarming = run.catch(() => undefined);
    return run;
  }

  /** The last things said, oldest first. */
  spokenLog(): readonly SpokenEntry[] {
    return [...this.#spoken];
  }

  status(): SpeechStatus {
    return {
      probe: this.probe,
      cache: this.synth?.cache.totals() ?? { files: 0, bytes: 0 },
      synthesisRuns: this.synth?.runs ?? 0,
      failures: { ...this.#failures },
    };
  }

  /** Silences the speech, stops every program it runs and waits for pre-warming to give up. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#interrupt();
    this.synth?.close();
    await this.#prewarming;
    await this.#playerGone;
  }

  #interrupt(): number {
    this.#generation += 1;
    this.#playing?.abort();
    this.#playing = null;
    return this.#generation;
  }

  /** What espeak-ng gets for this text, or why there is nothing to make. */
  #parts(text: string, lang: SpeechLang, format: SpeechTextFormat | undefined, choice: SpeakOptions): { synth: Synthesiser; parts: SpeechKeyParts } | SpeakOutcome {
    const voice = this.probe.voices[lang];
    const synth = this.synth;
    if (this.#closed || !this.probe.available || voice === null || synth === null) {
      const problemEn = this.#closed ? 'the speech service is closed' : (this.probe.problemEn ?? `no voice for ${lang}`);
      log.debug({ lang, problem: problemEn }, 'read-aloud asked for but unavailable');
      return { kind: 'unavailable', problemEn };
    }
    const said = prepareSpeechText(text, lang, format);
    if (said === '') return { kind: 'nothing-to-say' };
    const { rate, volume } = this.options.settings;
    return { synth, parts: { text: said, voice, rate: within(choice.rate ?? rate, RATE_RANGE), volume: within(choice.volume ?? volume, VOLUME_RANGE) } };
  }

  async #play(file: string, info: WavInfo, entry: SpokenEntry, generation: number): Promise<SpeakOutcome> {
    // A device opened directly (hw:…) takes one player at a time: let the silenced one let go first.
    await this.#playerGone;
    if (generation !== this.#generation) return { kind: 'interrupted' };
    const controller = new AbortController();
    this.#playing = controller;
    let gone = (): void => undefined;
    this.#playerGone = new Promise((resolve) => (gone = resolve));
    const { argv, stdinFile } = playerInvocation(this.options.settings, file);
    const result = await runProgram(argv, {
      inputFile: stdinFile,
      env: this.options.env,
      signal: controller.signal,
      timeoutMs: info.durationSeconds * 1000 + PLAYER_GRACE_MS,
      onSpawn: (pid) => {
        entry.at = (this.options.now ?? Date.now)();
        this.#record(entry);
        this.options.onEvent?.({ type: 'playing', entry, pid });
      },
    });
    gone();
    if (this.#playing === controller) this.#playing = null;
    const outcome = this.#playbackOutcome(result, argv[0] ?? '', entry.cached);
    this.options.onEvent?.({ type: 'ended', entry, outcome: outcome.kind === 'spoken' || outcome.kind === 'interrupted' ? outcome.kind : 'failed' });
    return outcome;
  }

  #playbackOutcome(result: ProgramResult, program: string, cached: boolean): SpeakOutcome {
    const failed = (detail: string): SpeakOutcome => {
      this.#failures.playback += 1;
      log.warn({ player: program, device: this.options.settings.audioDevice, detail }, 'speech playback failed');
      return { kind: 'failed', stage: 'playback', detail };
    };
    switch (result.kind) {
      case 'aborted':
        return { kind: 'interrupted' };
      case 'exited':
        return result.code === 0 ? { kind: 'spoken', cached } : failed(`${program} exited with ${result.code ?? result.signal}: ${lastLine(result.stderr)}`);
      case 'timed-out':
        return failed(`${program} hung and was stopped`);
      case 'not-found':
        return failed(`${program} is not installed`);
      case 'spawn-failed':
        return failed(`${program} could not start (${result.code})`);
    }
  }

  #record(entry: SpokenEntry): void {
    this.#spoken.push(entry);
    const keep = this.options.spokenLogSize ?? 50;
    if (this.#spoken.length > keep) this.#spoken.splice(0, this.#spoken.length - keep);
  }

  async #prewarmAll(items: readonly SpeechItem[]): Promise<PrewarmSummary> {
    const summary: PrewarmSummary = { made: 0, alreadyReady: 0, failed: 0, skipped: 0 };
    for (const item of items) {
      if (this.#closed) break;
      const ready = this.#parts(item.text, item.lang, item.format, {});
      if ('kind' in ready) {
        summary.skipped += 1;
        continue;
      }
      await ready.synth.whenIdle();
      const made = await ready.synth.ensure(ready.parts, 'background');
      if (!made.ok) summary.failed += 1;
      else if (made.cached) summary.alreadyReady += 1;
      else summary.made += 1;
    }
    log.info(summary, 'read-aloud pre-warming done');
    return summary;
  }
}

function within(value: number, [min, max]: readonly [number, number]): number {
  return Number.isFinite(value) ? Math.round(Math.min(max, Math.max(min, value))) : min;
}
