import type { ApiMethod, ApiRequest, ApiResponse, HostEvent } from '../../../../contract/api';
import type { Transport } from './transport';

/** The Chromium kiosk's transport: POST /api/<method>, events over Server-Sent Events (auto-reconnecting). */
export class HttpTransport implements Transport {
  readonly kind = 'http';
  #source: EventSource | null = null;
  readonly #listeners = new Set<(event: HostEvent) => void>();

  async invoke<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!response.ok) throw new Error(`host refused ${method}: ${response.status}`);
    return (await response.json()) as ApiResponse<M>;
  }

  onEvent(listener: (event: HostEvent) => void): () => void {
    this.#listeners.add(listener);
    if (!this.#source) {
      this.#source = new EventSource('/api/events');
      this.#source.onmessage = (message: MessageEvent<string>) => {
        const event = JSON.parse(message.data) as HostEvent;
        for (const l of this.#listeners) l(event);
      };
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#source?.close();
        this.#source = null;
      }
    };
  }
}
