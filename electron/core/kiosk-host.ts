import { NO_SPEECH, type ApiRequest, type ContentState, type Diagnostic, type OpeningState, type RendererConfig } from '../../contract/api.js';
import type { KioskConfig } from './config.js';
import { loadContent } from './content/load-content.js';
import { nextCopenhagenMidnight } from './content/validity.js';
import { createHostApi, type ApiResult } from './host-api.js';
import { HostEventBus } from './host-events.js';
import { createLogger } from './logger.js';
import { logMountingProblems } from './screen-mounting.js';
import type { ReadAloudHost } from './read-aloud.js';
import { StaffScreen } from './staff-health.js';

const log = createLogger('kiosk-host');

/**
 * The host core both shells wrap: the current content, the API the renderer calls, and the events it
 * listens to. Plain Node: no Electron, no HTTP.
 */
export class KioskHost {
  readonly events = new HostEventBus();
  readonly handle: (method: string, payload: unknown) => ApiResult;
  #content: ContentState;
  /** The folder the current content came from; media are served from its media/. */
  #contentDir: string;
  #lastHeartbeat = Date.now();
  #generation = 0;
  #opening: OpeningState = { open: true, clockTrusted: true, messageDa: null, messageEn: null };
  #shownGeneration = -1;
  readonly #shownWaiters = new Set<() => void>();
  readonly #visitorListeners = new Set<(event: ApiRequest<'reportEvent'>) => void>();
  readonly #heartbeatListeners = new Set<(screen: string) => void>();
  readonly #diagnosticListeners = new Set<(kind: Diagnostic) => void>();
  /** The PIN-protected staff health screen (off without `staffPin` in the config). */
  readonly staff: StaffScreen;
  #readAloud: ReadAloudHost | null = null;

  private constructor(
    readonly config: KioskConfig,
    content: ContentState,
  ) {
    this.#content = content;
    this.#contentDir = config.contentDir;
    this.staff = new StaffScreen(config.staffPin);
    this.handle = createHostApi({
      rendererConfig: this.rendererConfig,
      getContent: () => this.#content,
      getGeneration: () => this.#generation,
      getOpening: () => this.#opening,
      onHeartbeat: (screen) => {
        this.#lastHeartbeat = Date.now();
        for (const listener of this.#heartbeatListeners) listener(screen);
      },
      onContentShown: (generation) => {
        this.#shownGeneration = Math.max(this.#shownGeneration, generation);
        for (const wake of this.#shownWaiters) wake();
      },
      onVisitorEvent: (event) => {
        log.debug({ event: event.event, detail: event.detail }, 'visitor event');
        for (const listener of this.#visitorListeners) listener(event);
      },
      onDiagnostic: (kind) => {
        for (const listener of this.#diagnosticListeners) listener(kind);
      },
      staffUnlock: (pin) => this.staff.unlock(pin),
      staffHealth: (token) => this.staff.health(token),
      speech: {
        offer: () => this.#readAloud?.offer() ?? NO_SPEECH,
        speak: (request) => this.#readAloud?.speak(request),
        stop: () => this.#readAloud?.stop(),
        prewarm: (items) => this.#readAloud?.prewarm(items),
      },
    });
  }

  static async start(config: KioskConfig): Promise<KioskHost> {
    const content = await loadContent(config.contentDir);
    const host = new KioskHost(config, content);
    host.#scheduleMidnight();
    logMountingProblems(config.mounting);
    return host;
  }

  /**
   * Stories have valid-from/valid-to dates: at each midnight (Danish time) the content is read again, so a
   * story whose last day has passed leaves the screen on its own and a new one arrives on its first day.
   */
  #scheduleMidnight(now = new Date()): void {
    const wait = Math.min(nextCopenhagenMidnight(now).getTime() - now.getTime() + 1_000, 2 ** 31 - 1);
    const timer = setTimeout(() => {
      void this.reloadContent(this.#contentDir).finally(() => this.#scheduleMidnight());
    }, wait);
    timer.unref();
  }

  /** Read-aloud, once startHost has checked the machine for it; none in the staff editor's preview. */
  get readAloud(): ReadAloudHost | null {
    return this.#readAloud;
  }

  attachReadAloud(readAloud: ReadAloudHost): void {
    this.#readAloud = readAloud;
  }

  get opening(): OpeningState {
    return this.#opening;
  }

  /** Opening hours changed (from the schedule): the renderer shows or leaves the closed screen. */
  setOpening(opening: OpeningState): void {
    this.#opening = opening;
    this.events.emit({ type: 'opening-hours', opening });
  }

  /** Anonymous visitor events (for the statistics). */
  onVisitorEvent(listener: (event: ApiRequest<'reportEvent'>) => void): void {
    this.#visitorListeners.add(listener);
  }

  /** What only the renderer can see (a lost WebGL context), for the health counts. */
  onDiagnostic(listener: (kind: Diagnostic) => void): void {
    this.#diagnosticListeners.add(listener);
  }

  /** The renderer's heartbeats with the screen it shows (for the watchdog and the quiet reload). */
  onHeartbeat(listener: (screen: string) => void): void {
    this.#heartbeatListeners.add(listener);
  }

  get content(): ContentState {
    return this.#content;
  }

  /** The content folder currently shown (changes when a new bundle version is installed). */
  get contentDir(): string {
    return this.#contentDir;
  }

  get lastHeartbeat(): number {
    return this.#lastHeartbeat;
  }

  get rendererConfig(): RendererConfig {
    return {
      kioskId: this.config.kioskId,
      idleTimeoutSeconds: this.config.idleTimeoutSeconds,
      maxDevicePixelRatio: this.config.maxDevicePixelRatio,
      reducedMotion: this.config.reducedMotion,
      testBridge: this.config.testBridge,
      preview: this.config.previewMode,
      staffScreen: this.staff.enabled,
      ...(this.config.mounting ? { mounting: this.config.mounting } : {}),
    };
  }

  /** Resolves true once the renderer says it has drawn the current content, false after `timeoutMs`. */
  waitForContentShown(timeoutMs: number): Promise<boolean> {
    const generation = this.#generation;
    if (this.#shownGeneration >= generation) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (shown: boolean): void => {
        clearTimeout(timer);
        this.#shownWaiters.delete(check);
        resolve(shown);
      };
      const check = (): void => {
        if (this.#shownGeneration >= generation) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#shownWaiters.add(check);
    });
  }

  /** Re-reads the content folder; a broken folder never replaces content that works. */
  async reloadContent(dir = this.config.contentDir): Promise<ContentState> {
    const next = await loadContent(dir);
    if (next.ok || !this.#content.ok) {
      this.#content = next;
      this.#contentDir = dir;
      this.#generation++;
      this.events.emit({ type: 'content-changed' });
    } else {
      log.warn({ dir }, 'new content rejected; keeping the last good content');
    }
    return next;
  }
}
