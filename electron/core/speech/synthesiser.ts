import { rm } from 'node:fs/promises';
import { createLogger } from '../logger.js';
import { lastLine, runProgram } from './run-program.js';
import { SpeechCache, type SpeechKeyParts } from './speech-cache.js';
import type { WavInfo } from './wav.js';

// Text → WAV in the cache with espeak-ng. The same text asked for twice at once is made once. A visitor's
// touch (interactive) runs at once; background work (pre-warming) runs at the lowest CPU priority and waits
// while a visitor's speech is being made, so it never stands between a touch and its answer.

const log = createLogger('speech-synthesis');

export const ESPEAK = 'espeak-ng';

export type SynthesisPriority = 'interactive' | 'background';

export type SynthesisResult = { ok: true; path: string; info: WavInfo; cached: boolean } | { ok: false; detail: string };

/** espeak-ng's arguments for reading stdin; the caller adds where the sound goes. */
export function espeakArgs(parts: Omit<SpeechKeyParts, 'text'>): string[] {
  // -b 1: the text is UTF-8 whatever locale the service runs with (a systemd unit often has none).
  return ['-v', parts.voice, '-s', String(parts.rate), '-a', String(parts.volume), '-b', '1', '--stdin'];
}

export class Synthesiser {
  readonly #inFlight = new Map<string, Promise<SynthesisResult>>();
  readonly #closing = new AbortController();
  #interactive = 0;
  #idleWaiters: Array<() => void> = [];
  /** espeak-ng runs so far (not cache hits): what tests and the bench count. */
  runs = 0;

  constructor(
    readonly cache: SpeechCache,
    private readonly env: NodeJS.ProcessEnv | undefined,
  ) {}

  /** The speech for `parts`, from the cache or made now; never throws. */
  ensure(parts: SpeechKeyParts, priority: SynthesisPriority): Promise<SynthesisResult> {
    const key = SpeechCache.keyFor(parts);
    const running = this.#inFlight.get(key);
    if (running) return running;
    if (priority === 'interactive') this.#interactive += 1;
    const job = this.#fromCacheOrMake(key, parts, priority).finally(() => {
      this.#inFlight.delete(key);
      if (priority === 'interactive') this.#interactiveDone();
    });
    this.#inFlight.set(key, job);
    return job;
  }

  /** Resolves once no visitor's speech is being made. */
  whenIdle(): Promise<void> {
    if (this.#interactive === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops every running espeak-ng; later calls fail at once. */
  close(): void {
    this.#closing.abort();
  }

  #interactiveDone(): void {
    this.#interactive -= 1;
    if (this.#interactive > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  async #fromCacheOrMake(key: string, parts: SpeechKeyParts, priority: SynthesisPriority): Promise<SynthesisResult> {
    const cached = await this.cache.lookup(key);
    if (cached) return { ok: true, ...cached, cached: true };
    const temp = this.cache.tempPathFor(key);
    this.runs += 1;
    const started = performance.now();
    const result = await runProgram([ESPEAK, ...espeakArgs(parts), '-w', temp], {
      input: parts.text,
      env: this.env,
      // Generous: a Raspberry Pi makes a long paragraph in well under a second.
      timeoutMs: 10_000 + parts.text.length * 20,
      signal: this.#closing.signal,
      lowPriority: priority === 'background',
    });
    const failed = (detail: string): SynthesisResult => {
      void rm(temp, { force: true }).catch(() => undefined);
      log.warn({ voice: parts.voice, chars: parts.text.length, detail }, 'speech synthesis failed');
      return { ok: false, detail };
    };
    switch (result.kind) {
      case 'not-found':
        return failed(`${ESPEAK} is not installed`);
      case 'spawn-failed':
        return failed(`${ESPEAK} could not start (${result.code})`);
      case 'timed-out':
        return failed(`${ESPEAK} did not finish in time`);
      case 'aborted':
        return failed('the speech service is closing');
      case 'exited':
        if (result.code !== 0) return failed(`${ESPEAK} exited with ${result.code ?? result.signal}: ${lastLine(result.stderr)}`);
    }
    const stored = await this.cache.commit(key, temp);
    if (!stored) return failed(`${ESPEAK} wrote no usable WAV file`);
    log.debug({ voice: parts.voice, chars: parts.text.length, ms: Math.round(performance.now() - started), priority }, 'speech made');
    return { ok: true, ...stored, cached: false };
  }
}
