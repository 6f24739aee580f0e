import type { ApiMethod, ApiRequest, ApiResponse, HostEvent } from '../../../../contract/api';
import type { Transport } from './transport';

/** What the preload exposes on `window` (see electron/shell/preload.ts). */
export interface PreloadBridge {
  invoke(method: string, request: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

export class ElectronTransport implements Transport {
  readonly kind = 'electron';
  constructor(private readonly bridge: PreloadBridge) {}

  async invoke<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    return (await this.bridge.invoke(method, request)) as ApiResponse<M>;
  }

  onEvent(listener: (event: HostEvent) => void): () => void {
    return this.bridge.onEvent((event) => listener(event as HostEvent));
  }
}
