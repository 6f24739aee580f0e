import type { ApiMethod, ApiRequest, ApiResponse, HostEvent } from '../../../../contract/api';

/** How the renderer talks to the host: Electron IPC through the preload, or HTTP + SSE. Nothing else. */
export interface Transport {
  readonly kind: 'electron' | 'http';
  invoke<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
  /** Subscribes to host events; returns the unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void;
}
