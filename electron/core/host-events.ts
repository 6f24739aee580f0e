import type { HostEvent } from '../../contract/api.js';
import { createLogger } from './logger.js';

type Listener = (event: HostEvent) => void;

const log = createLogger('host-events');

/**
 * How long a staff notice is still worth showing to a page that connects after it was sent: as long as
 * the page shows a result (kiosk.svelte.ts), and longer for an install still in progress.
 */
export const NOTICE_REPLAY_MS = { result: 45_000, progress: 10 * 60_000 } as const;

/** Host → renderer events, fanned out to every connected transport (SSE clients, the Electron window). */
export class HostEventBus {
  readonly #listeners = new Set<Listener>();
  #lastNotice: { event: HostEvent; at: number } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every listener gets the event; one that fails (a closed window, say) neither stops the rest nor the emitter. */
  emit(event: HostEvent): void {
    if (event.type === 'staff-notice') this.#lastNotice = { event, at: this.now() };
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        log.error({ err: error, event: event.type }, 'host event listener failed');
      }
    }
  }

  /**
   * The staff notice a page that connects now should still see, or null. A stick can be read while no page
   * is connected (the kiosk booting with the stick in, the browser restarting, the daily reload): staff
   * would otherwise never learn that the content was installed, or why it was not.
   */
  recentStaffNotice(): HostEvent | null {
    if (!this.#lastNotice) return null;
    const { event, at } = this.#lastNotice;
    const maxAge = event.type === 'staff-notice' && event.level === 'progress' ? NOTICE_REPLAY_MS.progress : NOTICE_REPLAY_MS.result;
    return this.now() - at <= maxAge ? event : null;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
