import {
  isApiMethod,
  NO_SPEECH,
  parseRequest,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type ContentState,
  type Diagnostic,
  type OpeningState,
  type RendererConfig,
  type SpeechOffer,
  type StaffHealthResponse,
  type StaffUnlockResponse,
} from '../../contract/api.js';
import { createLogger } from './logger.js';

const log = createLogger('host-api');

export interface HostApiDeps {
  rendererConfig: RendererConfig;
  getContent: () => ContentState;
  /** Counts content reloads; the renderer echoes it back in contentShown. */
  getGeneration: () => number;
  getOpening: () => OpeningState;
  onHeartbeat: (screen: string) => void;
  onContentShown: (generation: number) => void;
  onVisitorEvent: (event: ApiRequest<'reportEvent'>) => void;
  /** What only the renderer sees (a lost WebGL context); none wired = ignored. */
  onDiagnostic?: (kind: Diagnostic) => void;
  /** The staff screen's PIN check and health; none wired = there is no staff screen. */
  staffUnlock?: (pin: string) => StaffUnlockResponse;
  staffHealth?: (token: string) => StaffHealthResponse;
  /** Read-aloud; none wired = not offered (the renderer hides its control). */
  speech?: HostSpeech;
}

/** The host's read-aloud as the API uses it: every call returns at once, the speech follows. */
export interface HostSpeech {
  offer: () => SpeechOffer;
  speak: (request: ApiRequest<'speak'>) => void;
  stop: () => void;
  prewarm: (items: ApiRequest<'prewarmSpeech'>['items']) => void;
}

export type ApiResult = { status: 200; body: unknown } | { status: 400 | 404; body: { error: string } };

type Handlers = { [M in ApiMethod]: (request: ApiRequest<M>) => ApiResponse<M> };

/**
 * The host side of the contract, shared by both transports. Unknown methods and payloads that fail their
 * schema are refused before any handler runs.
 */
export function createHostApi(deps: HostApiDeps): (method: string, payload: unknown) => ApiResult {
  const handlers: Handlers = {
    bootstrap: () => ({
      config: deps.rendererConfig,
      content: deps.getContent(),
      generation: deps.getGeneration(),
      opening: deps.getOpening(),
      speech: deps.speech?.offer() ?? NO_SPEECH,
    }),
    reportEvent: (request) => {
      deps.onVisitorEvent(request);
      return { ok: true };
    },
    heartbeat: (request) => {
      deps.onHeartbeat(request.screen);
      return { ok: true, generation: deps.getGeneration() };
    },
    contentShown: (request) => {
      deps.onContentShown(request.generation);
      return { ok: true };
    },
    diagnostic: (request) => {
      deps.onDiagnostic?.(request.kind);
      return { ok: true };
    },
    staffUnlock: (request) => deps.staffUnlock?.(request.pin) ?? { status: 'off' },
    staffHealth: (request) => deps.staffHealth?.(request.token) ?? { status: 'expired' },
    speak: (request) => {
      deps.speech?.speak(request);
      return { ok: true };
    },
    stopSpeaking: () => {
      deps.speech?.stop();
      return { ok: true };
    },
    prewarmSpeech: (request) => {
      deps.speech?.prewarm(request.items);
      return { ok: true };
    },
  };

  function dispatch<M extends ApiMethod>(method: M, payload: unknown): ApiResult {
    // Every request is a JSON object; valibot's object schemas would also let an array through.
    if (Array.isArray(payload)) {
      log.warn({ method }, 'rejected request: payload is an array');
      return { status: 400, body: { error: `${method}: (root): payload must be an object` } };
    }
    const parsed = parseRequest(method, payload);
    if (!parsed.ok) {
      log.warn({ method }, `rejected request: ${parsed.message}`);
      return { status: 400, body: { error: parsed.message } };
    }
    return { status: 200, body: handlers[method](parsed.value) };
  }

  return (method, payload) => {
    if (!isApiMethod(method)) {
      log.warn({ method: method.slice(0, 40) }, 'rejected request for an unknown method');
      return { status: 404, body: { error: `unknown method` } };
    }
    return dispatch(method, payload);
  };
}
