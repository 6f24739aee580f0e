import type { Details, RenderProcessGoneDetails } from 'electron';
import type { HostEvent } from '../../contract/api.js';
import { createLogger } from '../core/logger.js';
import { RendererWatchdog, type Clock, type HungInfo, type WatchdogCounts, type WatchdogOptions } from '../core/unattended/index.js';
import { hungRemedy, isGpuCrash, rendererGoneVerdict } from './watchdog-policy.js';

// The Electron shell's half of the watchdog: the same RendererWatchdog as the Chromium kiosk (heartbeat
// every 5 s, silent 10 s = hung, 3 GPU crashes in 30 s = software rendering), with Electron's events in
// and the window's remedies out. Nothing here touches Electron itself, so tests drive it with a fake window.

const log = createLogger('electron-watchdog');

/** What the watchdog may do to the kiosk window (main.ts maps these onto the BrowserWindow). */
export interface KioskWindowControl {
  /** Reloads the page, which starts on the attract screen. */
  reload(): void;
  /** Loads the app again after its renderer has gone. */
  loadApp(): void;
  /** Ends the renderer process; 'render-process-gone' follows and loads the app in a new one. */
  restartRenderer(): void;
}

export interface ShellWatchdogOptions {
  window: KioskWindowControl;
  host: { onHeartbeat(listener: (screen: string) => void): void; events: { emit(event: HostEvent): void } };
  /** Already drawing without the GPU (config or an earlier fallback): never fall back again. */
  softwareRendering: boolean;
  /** This run draws without the GPU because an earlier one fell back: the health screen still says so. */
  fellBackEarlier: boolean;
  /** Remember the fallback and start the app again: acceleration can only be switched off before `ready`. */
  relaunchWithSoftwareRendering: () => void;
  clock?: Clock;
  /** Tests shorten these; the kiosk uses the watchdog's defaults. */
  timing?: Pick<WatchdogOptions, 'hungAfterMs' | 'startupGraceMs'>;
}

export class ShellWatchdog {
  readonly #watchdog: RendererWatchdog;
  readonly #options: ShellWatchdogOptions;
  /** The watchdog itself ended the renderer: its going is a restart, not a crash. */
  #restartRequested = false;

  constructor(options: ShellWatchdogOptions) {
    this.#options = options;
    this.#watchdog = new RendererWatchdog({
      ...options.timing,
      ...(options.clock ? { clock: options.clock } : {}),
      softwareRendering: options.softwareRendering,
      onHung: (info) => this.#hung(info),
      onSoftwareFallback: () => options.relaunchWithSoftwareRendering(),
    });
    options.host.onHeartbeat(() => this.#watchdog.heartbeat());
  }

  get counts(): WatchdogCounts {
    const counts = this.#watchdog.counts;
    return this.#options.fellBackEarlier ? { ...counts, softwareFallbacks: Math.max(1, counts.softwareFallbacks) } : counts;
  }

  start(): void {
    this.#watchdog.start();
  }

  stop(): void {
    this.#watchdog.stop();
  }

  /** 'render-process-gone': the window never stays blank; the app comes back on the attract screen. */
  rendererGone(details: Pick<RenderProcessGoneDetails, 'reason' | 'exitCode'>): void {
    const verdict = rendererGoneVerdict(details.reason, this.#restartRequested);
    this.#restartRequested = false;
    switch (verdict) {
      case 'crash':
        this.#watchdog.rendererCrashed(details.reason);
        break;
      case 'watchdog-restart':
        this.#watchdog.browserRestarted('watchdog');
        break;
      case 'clean-exit':
        log.info({ exitCode: details.exitCode }, 'renderer ended cleanly; loading the app again');
        this.#watchdog.pageLoading();
        break;
      default: {
        const never: never = verdict;
        log.error({ verdict: String(never) }, 'unknown renderer verdict');
      }
    }
    this.#options.window.loadApp();
  }

  /** 'child-process-gone': GPU crashes count towards the software fallback; others are only logged. */
  childProcessGone(details: Pick<Details, 'type' | 'reason' | 'exitCode'>): void {
    if (isGpuCrash(details)) {
      this.#watchdog.gpuCrashed(details.reason);
      return;
    }
    log.warn({ type: details.type, reason: details.reason, exitCode: details.exitCode }, 'child process gone');
  }

  #hung({ attempt }: HungInfo): void {
    // A renderer that is only slow gets the reset too: whoever used it comes back to a fresh start.
    this.#options.host.events.emit({ type: 'return-to-attract', reason: 'watchdog' });
    const remedy = hungRemedy(attempt);
    switch (remedy) {
      case 'reload':
        log.warn({ attempt }, 'renderer silent; reloading the page');
        this.#options.window.reload();
        return;
      case 'restart-renderer':
        log.warn({ attempt }, 'renderer still silent; starting a new renderer process');
        this.#restartRequested = true;
        this.#options.window.restartRenderer();
        return;
      default: {
        const never: never = remedy;
        log.error({ remedy: String(never) }, 'unknown hung remedy');
      }
    }
  }
}
