import type { HostEvent } from '../../contract/api.js';

type Listener = (event: HostEvent) => void;

/** Host → renderer events, fanned out to every connected transport (SSE clients, the Electron window). */
export class HostEventBus {
  readonly #listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: HostEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
