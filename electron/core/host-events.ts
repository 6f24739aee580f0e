import type { HostEvent } from '../../contract/api.js';
import { createLogger } from './logger.js';

type Listener = (event: HostEvent) => void;

const log = createLogger('host-events');

/** Host → renderer events, fanned out to every connected transport (SSE clients, the Electron window). */
export class HostEventBus {
  readonly #listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every listener gets the event; one that fails (a closed window, say) neither stops the rest nor the emitter. */
  emit(event: HostEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        log.error({ err: error, event: event.type }, 'host event listener failed');
      }
    }
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
