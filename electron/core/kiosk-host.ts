import type { ContentState, RendererConfig } from '../../contract/api.js';
import type { KioskConfig } from './config.js';
import { loadContent } from './content/load-content.js';
import { createHostApi, type ApiResult } from './host-api.js';
import { HostEventBus } from './host-events.js';
import { createLogger } from './logger.js';

const log = createLogger('kiosk-host');

/**
 * The host core both shells wrap: the current content, the API the renderer calls, and the events it
 * listens to. Plain Node: no Electron, no HTTP.
 */
export class KioskHost {
  readonly events = new HostEventBus();
  readonly handle: (method: string, payload: unknown) => ApiResult;
  #content: ContentState;
  #lastHeartbeat = Date.now();

  private constructor(
    readonly config: KioskConfig,
    content: ContentState,
  ) {
    this.#content = content;
    this.handle = createHostApi({
      rendererConfig: this.rendererConfig,
      getContent: () => this.#content,
      onHeartbeat: () => {
        this.#lastHeartbeat = Date.now();
      },
      onVisitorEvent: (event) => log.info({ event: event.event, detail: event.detail }, 'visitor event'),
    });
  }

  static async start(config: KioskConfig): Promise<KioskHost> {
    const content = await loadContent(config.contentDir);
    return new KioskHost(config, content);
  }

  get content(): ContentState {
    return this.#content;
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
    };
  }

  /** Re-reads the content folder; a broken folder never replaces content that works. */
  async reloadContent(dir = this.config.contentDir): Promise<ContentState> {
    const next = await loadContent(dir);
    if (next.ok || !this.#content.ok) {
      this.#content = next;
      this.events.emit({ type: 'content-changed' });
    } else {
      log.warn({ dir }, 'new content rejected; keeping the last good content');
    }
    return next;
  }
}
