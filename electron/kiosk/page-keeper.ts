import { createLogger } from '../core/logger.js';
import type { DevToolsPipe } from './devtools-pipe.js';

const log = createLogger('page-keeper');

/** What the keeper tells the supervisor. */
export interface PageKeeperEvents {
  /** The kiosk page's renderer process crashed or was killed (it is being loaded again). */
  crashed(reason: string): void;
  /** The page could not be brought back through the pipe: only a new browser will do. */
  unrecoverable(reason: string): void;
}

/** A page that keeps crashing is loaded again ever more slowly (0 s, 1 s, 2 s … up to 30 s), never in a hot loop. */
export function reloadDelayMs(recentCrashes: number): number {
  return recentCrashes <= 1 ? 0 : Math.min(30_000, 1000 * 2 ** (recentCrashes - 2));
}

/** Crashes further apart than this do not count as a loop. */
const CRASH_LOOP_WINDOW_MS = 60_000;

export interface PageKeeperTiming {
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
}

interface TargetInfo {
  targetId: string;
  type: string;
}

/**
 * Keeps the kiosk page on screen inside a running browser, through its DevTools pipe: a page whose
 * renderer crashed (Chromium would show its "Aw, Snap!" page until someone reloads it) is loaded again at
 * once, and a page that was closed while the browser lives on is opened again. Either way the app starts
 * on the attract screen. Seconds count here: the heartbeat watchdog would only notice after 10 s of
 * silence and then restart the whole browser.
 */
export class PageKeeper {
  readonly #pages = new Set<string>();
  #stopped = false;
  #crashTimes: number[] = [];

  constructor(
    private readonly pipe: DevToolsPipe,
    private readonly url: string,
    private readonly events: PageKeeperEvents,
    private readonly timing: PageKeeperTiming = { now: Date.now, setTimeout: (callback, ms) => setTimeout(callback, ms) },
  ) {}

  /** Watches the browser's targets; resolves once the browser has answered. */
  async start(): Promise<void> {
    this.pipe.on('Target.targetCreated', (params) => {
      const info = params['targetInfo'] as TargetInfo | undefined;
      if (info?.type === 'page') this.#pages.add(info.targetId);
    });
    this.pipe.on('Target.targetDestroyed', (params) => {
      const targetId = String(params['targetId']);
      if (!this.#pages.delete(targetId) || this.#pages.size > 0 || this.#stopped) return;
      log.warn({ targetId }, 'the kiosk page was closed; opening it again');
      void this.#open();
    });
    this.pipe.on('Target.targetCrashed', (params) => {
      const targetId = String(params['targetId']);
      if (!this.#pages.has(targetId) || this.#stopped) return;
      const reason = `${String(params['status'] ?? 'crashed')} (${String(params['errorCode'] ?? '?')})`;
      const now = this.timing.now();
      this.#crashTimes = [...this.#crashTimes.filter((at) => now - at < CRASH_LOOP_WINDOW_MS), now];
      const delayMs = reloadDelayMs(this.#crashTimes.length);
      log.error({ targetId, reason, delayMs, inLastMinute: this.#crashTimes.length }, 'the kiosk page\'s renderer crashed; loading the page again');
      this.events.crashed(reason);
      if (delayMs === 0) void this.#reload(targetId);
      else this.timing.setTimeout(() => void this.#reload(targetId), delayMs);
    });
    await this.pipe.send('Target.setDiscoverTargets', { discover: true });
  }

  stop(): void {
    this.#stopped = true;
  }

  async #reload(targetId: string): Promise<void> {
    if (this.#stopped) return;
    try {
      // Attached only for the one command: no agent stays on in the page afterwards.
      const { sessionId } = (await this.pipe.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      await this.pipe.send('Page.navigate', { url: this.url }, sessionId);
      await this.pipe.send('Target.detachFromTarget', { sessionId });
    } catch (error) {
      if (!this.#stopped) this.events.unrecoverable(`reload after a crash failed: ${(error as Error).message}`);
    }
  }

  async #open(): Promise<void> {
    try {
      await this.pipe.send('Target.createTarget', { url: this.url });
    } catch (error) {
      if (!this.#stopped) this.events.unrecoverable(`opening the page again failed: ${(error as Error).message}`);
    }
  }
}
