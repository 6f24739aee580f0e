import type { ChildProcess } from 'node:child_process';
import type { KioskHost } from '../core/kiosk-host.js';
import { createLogger } from '../core/logger.js';
import { chromiumStderrSignal, pruneCrashDumps, RendererWatchdog, type WatchdogCounts, type WatchdogOptions } from '../core/unattended/index.js';
import { crashDumpsDir, launchChromium, type ChromiumOptions } from './chromium-launcher.js';
import { DevToolsPipe } from './devtools-pipe.js';
import { PageKeeper } from './page-keeper.js';

const log = createLogger('browser-supervisor');

/**
 * Keeps the kiosk browser alive for weeks: loads the page again the moment its renderer crashes (through
 * the browser's DevTools pipe, page-keeper.ts), restarts the browser when it dies (with a back-off) or when
 * the page stops sending heartbeats (a hung renderer), and after repeated GPU crashes switches to software
 * rendering once instead of crash-looping. Visitors come back on the attract screen each time.
 */
export class BrowserSupervisor {
  #child: ChildProcess | null = null;
  #keeper: PageKeeper | null = null;
  /** When the page's renderer last crashed, until the page is back on the attract screen. */
  #crashedAt: number | null = null;
  /** How long the last crash took from the crash to the attract screen's first heartbeat. */
  lastCrashRecoveryMs: number | null = null;
  /** When the browser was last started, until its page's first heartbeat. */
  #launchedAt: number | null = null;
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
    host.onHeartbeat((screen) => {
      this.#watchdog.heartbeat();
      if (this.#launchedAt !== null) {
        log.info({ afterMs: Date.now() - this.#launchedAt, screen }, 'the kiosk page is up');
        this.#launchedAt = null;
      }
      if (this.#crashedAt !== null && screen === 'attract') this.#recovered(Date.now() - this.#crashedAt);
    });
  }

  #recovered(afterMs: number): void {
    this.#crashedAt = null;
    this.lastCrashRecoveryMs = afterMs;
    log.info({ afterMs }, 'the page is back on the attract screen after its renderer crashed');
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
    this.#launchedAt = Date.now();
    this.#watchdog.pageLoading();
    this.#keepPage(child);
    this.#pruneDumps();
    const startedAt = Date.now();
    child.stderr?.on('data', (chunk: Buffer) => {
      if (chromiumStderrSignal(chunk.toString('utf8')) === 'gpu-crash') this.#watchdog.gpuCrashed('stderr');
    });
    let ended = false;
    const restart = (reason: string): void => {
      if (ended || this.#stopping) return;
      ended = true;
      this.#keeper?.stop();
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

  /** The page's renderer crashing or the page closing is mended inside the browser, through its DevTools pipe. */
  #keepPage(child: ChildProcess): void {
    const toBrowser = child.stdio[3];
    const fromBrowser = child.stdio[4];
    if (!toBrowser || !fromBrowser || !('write' in toBrowser) || !('read' in fromBrowser)) {
      log.warn('no DevTools pipe to the browser: a crashed page is only noticed by the heartbeat watchdog');
      return;
    }
    const pipe = new DevToolsPipe(toBrowser, fromBrowser);
    const keeper = new PageKeeper(pipe, this.options.url, {
      crashed: (reason) => {
        this.#crashedAt = Date.now();
        this.#watchdog.rendererCrashed(reason);
        this.#pruneDumps();
      },
      unrecoverable: (reason) => {
        log.error({ reason }, 'the page cannot be brought back inside this browser; restarting it');
        child.kill('SIGKILL');
      },
    });
    this.#keeper = keeper;
    keeper.start().catch((error: unknown) => {
      // A browser that ends at once, or does not speak DevTools on the pipe: the heartbeat watchdog still watches.
      if (!this.#stopping) log.warn({ err: (error as Error).message }, 'DevTools pipe to the browser did not answer');
    });
  }

  /** Each crash leaves a minidump: only the newest few are kept, however often it happens. */
  #pruneDumps(): void {
    pruneCrashDumps(crashDumpsDir(this.options)).catch((error: unknown) => log.warn({ err: (error as Error).message }, 'could not trim the crash dumps'));
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
    this.#keeper?.stop();
    this.#child?.kill();
  }
}
