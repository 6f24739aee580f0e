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

  constructor(
    private readonly pipe: DevToolsPipe,
    private readonly url: string,
    private readonly events: PageKeeperEvents,
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
      log.error({ targetId, reason }, 'the kiosk page\'s renderer crashed; loading the page again');
      this.events.crashed(reason);
      void this.#reload(targetId);
    });
    await this.pipe.send('Target.setDiscoverTargets', { discover: true });
  }

  stop(): void {
    this.#stopped = true;
  }

  async #reload(targetId: string): Promise<void> {
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
