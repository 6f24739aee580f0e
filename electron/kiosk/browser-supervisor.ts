import type { ChildProcess } from 'node:child_process';
import type { KioskHost } from '../core/kiosk-host.js';
import { createLogger } from '../core/logger.js';
import { chromiumStderrSignal, RendererWatchdog, type WatchdogCounts, type WatchdogOptions } from '../core/unattended/index.js';
import { launchChromium, type ChromiumOptions } from './chromium-launcher.js';

const log = createLogger('browser-supervisor');

/**
 * Keeps the kiosk browser alive for weeks: restarts it when it dies (with a back-off), restarts it when
 * the page stops sending heartbeats (a hung renderer), and after repeated GPU crashes switches to software
 * rendering once instead of crash-looping. Visitors come back on the attract screen each time.
 */
export class BrowserSupervisor {
  #child: ChildProcess | null = null;
  /** How many times a browser has been started (for the health log and tests). */
  launches = 0;
  #stopping = false;
  #attempt = 0;
  #restartTimer: NodeJS.Timeout | null = null;
  readonly #watchdog: RendererWatchdog;

  constructor(
    private readonly binary: string,
    private readonly options: ChromiumOptions,
    private readonly host: KioskHost,
    /** Tests shorten the watchdog's times; the kiosk uses its defaults (hung after 10 s of silence). */
    timing: Pick<WatchdogOptions, 'hungAfterMs' | 'startupGraceMs'> = {},
  ) {
    this.#watchdog = new RendererWatchdog({
      ...timing,
      softwareRendering: options.softwareGl,
      onHung: ({ silentForMs, attempt }) => {
        log.error({ silentForMs, attempt }, 'renderer hung; restarting the browser');
        this.host.events.emit({ type: 'return-to-attract', reason: 'watchdog' });
        this.#child?.kill('SIGKILL');
      },
      onSoftwareFallback: () => {
        log.error('repeated GPU crashes; switching to software rendering');
        this.options.softwareGl = true;
        this.#child?.kill('SIGKILL');
      },
    });
    host.onHeartbeat(() => this.#watchdog.heartbeat());
  }

  get counts(): WatchdogCounts {
    return this.#watchdog.counts;
  }

  start(): void {
    this.#launch();
    this.#watchdog.start();
  }

  #launch(): void {
    this.#restartTimer = null;
    if (this.#stopping) return;
    const child = launchChromium(this.binary, this.options);
    this.#child = child;
    this.launches++;
    this.#watchdog.pageLoading();
    const startedAt = Date.now();
    child.stderr?.on('data', (chunk: Buffer) => {
      if (chromiumStderrSignal(chunk.toString('utf8')) === 'gpu-crash') this.#watchdog.gpuCrashed('stderr');
    });
    let ended = false;
    const restart = (reason: string): void => {
      if (ended || this.#stopping) return;
      ended = true;
      this.#watchdog.browserRestarted(reason);
      // A browser that dies straight after starting is retried ever more slowly, up to 30 s.
      const quick = Date.now() - startedAt < 10_000;
      this.#attempt = quick ? this.#attempt + 1 : 0;
      const wait = quick ? Math.min(30_000, 1000 * 2 ** this.#attempt) : 1000;
      log.warn({ reason, attempt: this.#attempt, wait }, 'chromium ended; restarting');
      this.#restartTimer = setTimeout(() => this.#launch(), wait);
    };
    child.on('exit', (code, signal) => restart(String(code ?? signal)));
    // A browser that cannot even be started (removed, not executable) must not take the host down.
    child.on('error', (error) => {
      log.error({ err: error.message }, 'chromium could not be started');
      restart(error.message);
    });
  }

  /** The daily quiet reload: a fresh browser process while nobody uses the kiosk. */
  restart(): void {
    this.#child?.kill();
  }

  stop(): void {
    this.#stopping = true;
    if (this.#restartTimer !== null) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
    this.#watchdog.stop();
    this.#child?.kill();
  }
}
