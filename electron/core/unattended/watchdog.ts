import { createLogger } from '../logger.js';
import { systemClock, type Clock } from './clock.js';

// Keeps the kiosk's browser alive without anyone there. The renderer sends a heartbeat every 5 s; silence
// for 10 s means it hangs (an endless loop, a stuck GPU), and the shell reloads the page or restarts the
// browser. A GPU process that keeps crashing would otherwise crash-loop for weeks: after 3 crashes within
// 30 s the shell switches to software rendering, once. Every event is counted for the health screen.

const log = createLogger('watchdog');

export interface WatchdogCounts {
  /** Times the renderer went silent and onHung was called. */
  hangs: number;
  rendererCrashes: number;
  gpuCrashes: number;
  webglContextLosses: number;
  /** Browser (or window) restarts the shell reported. */
  browserRestarts: number;
  /** 0 or 1: software rendering switched on because the GPU kept crashing. */
  softwareFallbacks: number;
}

/** Nothing has happened yet. */
export const NO_WATCHDOG_COUNTS: Readonly<WatchdogCounts> = { hangs: 0, rendererCrashes: 0, gpuCrashes: 0, webglContextLosses: 0, browserRestarts: 0, softwareFallbacks: 0 };

export interface HungInfo {
  /** How long the renderer has been silent. */
  silentForMs: number;
  /** 1 for the first alarm since the last heartbeat, 2 if the reload did not help, … */
  attempt: number;
}

export interface WatchdogOptions {
  clock?: Clock;
  /** Silence that counts as hung. */
  hungAfterMs?: number;
  /** Time a (re)loading page gets before its first heartbeat is due. */
  startupGraceMs?: number;
  gpuCrashLimit?: number;
  gpuCrashWindowMs?: number;
  /** Already on software rendering (config or an earlier fallback): never ask again. */
  softwareRendering?: boolean;
  /** Reload the page (attempt 1) or restart the browser (later attempts), then return to attract. */
  onHung: (info: HungInfo) => void;
  /** Restart the browser with software rendering. Called at most once. */
  onSoftwareFallback: () => void;
}

export class RendererWatchdog {
  readonly #clock: Clock;
  readonly #hungAfterMs: number;
  readonly #graceMs: number;
  readonly #gpuLimit: number;
  readonly #gpuWindowMs: number;
  readonly #counts: WatchdogCounts = { ...NO_WATCHDOG_COUNTS };
  #software: boolean;
  #gpuCrashTimes: number[] = [];
  #lastSignal: number;
  #attempt = 0;
  #timer: unknown = null;
  #running = false;

  constructor(private readonly options: WatchdogOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#hungAfterMs = options.hungAfterMs ?? 10_000;
    this.#graceMs = options.startupGraceMs ?? 30_000;
    this.#gpuLimit = options.gpuCrashLimit ?? 3;
    this.#gpuWindowMs = options.gpuCrashWindowMs ?? 30_000;
    this.#software = options.softwareRendering ?? false;
    this.#lastSignal = this.#clock.monotonic();
  }

  get counts(): Readonly<WatchdogCounts> {
    return { ...this.#counts };
  }

  get softwareRendering(): boolean {
    return this.#software;
  }

  /** Starts watching; the first heartbeat is due after the startup grace. */
  start(): void {
    this.#running = true;
    this.#lastSignal = this.#clock.monotonic();
    this.#arm(this.#graceMs);
  }

  stop(): void {
    this.#running = false;
    this.#disarm();
  }

  /** From the host API's heartbeat (every 5 s while the renderer runs). */
  heartbeat(): void {
    if (this.#attempt > 0) log.info({ attempts: this.#attempt }, 'renderer answers again');
    this.#attempt = 0;
    this.#lastSignal = this.#clock.monotonic();
    this.#arm(this.#hungAfterMs);
  }

  /** The page is being loaded again (after a crash, a reload, a browser restart): give it time. */
  pageLoading(): void {
    this.#arm(this.#graceMs);
  }

  rendererCrashed(reason: string): void {
    this.#counts.rendererCrashes++;
    log.error({ reason, total: this.#counts.rendererCrashes }, 'renderer crashed');
    this.pageLoading();
  }

  browserRestarted(reason: string): void {
    this.#counts.browserRestarts++;
    log.warn({ reason, total: this.#counts.browserRestarts }, 'browser restarted');
    this.pageLoading();
  }

  webglContextLost(): void {
    this.#counts.webglContextLosses++;
    log.warn({ total: this.#counts.webglContextLosses }, 'WebGL context lost');
  }

  gpuCrashed(reason: string): void {
    const now = this.#clock.monotonic();
    this.#counts.gpuCrashes++;
    this.#gpuCrashTimes = [...this.#gpuCrashTimes.filter((t) => now - t < this.#gpuWindowMs), now];
    log.error({ reason, total: this.#counts.gpuCrashes, inWindow: this.#gpuCrashTimes.length }, 'GPU process crashed');
    if (this.#software || this.#gpuCrashTimes.length < this.#gpuLimit) return;
    this.#software = true;
    this.#counts.softwareFallbacks++;
    log.error({ crashes: this.#gpuCrashTimes.length, windowMs: this.#gpuWindowMs }, 'GPU keeps crashing; switching to software rendering');
    this.#call('onSoftwareFallback', () => this.options.onSoftwareFallback());
    this.pageLoading();
  }

  #arm(ms: number): void {
    if (!this.#running) return;
    this.#disarm();
    this.#timer = this.#clock.setTimeout(() => this.#fire(), ms);
  }

  #disarm(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #fire(): void {
    this.#timer = null;
    this.#attempt++;
    this.#counts.hangs++;
    const silentForMs = Math.round(this.#clock.monotonic() - this.#lastSignal);
    log.error({ silentForMs, attempt: this.#attempt, total: this.#counts.hangs }, 'renderer hung: no heartbeat');
    this.#call('onHung', () => this.options.onHung({ silentForMs, attempt: this.#attempt }));
    // The shell is reloading: the next alarm only if the page does not come back in time.
    this.#arm(this.#graceMs);
  }

  #call(name: string, callback: () => void): void {
    try {
      callback();
    } catch (error) {
      log.error({ err: error, callback: name }, 'watchdog callback failed');
    }
  }
}

/**
 * What a line of Chromium's stderr says about the GPU, for the Chromium kiosk shell (Electron reports it
 * as 'child-process-gone' with type 'GPU' instead).
 */
export function chromiumStderrSignal(text: string): 'gpu-crash' | null {
  return /GPU process exited unexpectedly|GPU process isn't usable|GPU process crashed/i.test(text) ? 'gpu-crash' : null;
}
