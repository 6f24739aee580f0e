import * as v from 'valibot';
import type { ContentSnapshot } from './content.js';
import type { ScreenMounting } from './reach.js';

// The one contract between renderer and host. Both transports (Electron IPC through the preload, and
// HTTP + Server-Sent Events for the Chromium kiosk) carry exactly these messages. The host validates every
// request payload with these schemas before it does anything with it.

export const SCREENS = ['attract', 'map', 'task', 'story', 'places', 'credits', 'problem', 'closed'] as const;
export type ScreenName = (typeof SCREENS)[number];

/** Why the content could not be shown: for staff in Danish, for the log in English. */
export interface ContentProblem {
  file: string;
  field: string;
  messageDa: string;
  messageEn: string;
}

/** Opening hours: outside them the kiosk shows a dark "Lukket" screen and draws nothing else. */
export interface OpeningState {
  open: boolean;
  /** False when the clock is clearly wrong: the kiosk then stays open rather than trusting it. */
  clockTrusted: boolean;
  messageDa: string | null;
  messageEn: string | null;
}

export type ContentState = { ok: true; snapshot: ContentSnapshot } | { ok: false; problem: ContentProblem };

/** The part of the kiosk config the renderer needs. */
export interface RendererConfig {
  kioskId: string;
  idleTimeoutSeconds: number;
  maxDevicePixelRatio: number;
  reducedMotion: boolean;
  testBridge: boolean;
  /** The staff editor's preview: open the story the page address names, never reset to the attract screen. */
  preview: boolean;
  /** A staff PIN is configured: the hidden gesture opens the PIN pad (the PIN itself never leaves the host). */
  staffScreen: boolean;
  /** The screen's size and how high it hangs, for the low-reach layout; absent when the config does not say. */
  mounting?: ScreenMounting;
}

/** Languages read-aloud can speak (issue 10); the same two the content has. */
export const SPEECH_LANGUAGES = ['da', 'en'] as const;
export type SpeechLanguage = (typeof SPEECH_LANGUAGES)[number];
/** The most a renderer may ask to have read in one request: about three minutes of speech. */
export const MAX_SPEAK_CHARS = 3000;

/** Read-aloud ("Læs højt") on this kiosk, as the host's check at start found it. */
export interface SpeechOffer {
  /** Show the read-aloud control: espeak-ng, a Danish voice and the audio device all work. */
  available: boolean;
  /** Languages with a working voice, Danish first; empty when not available. */
  languages: SpeechLanguage[];
  /** How often the attract screen says how to start read-aloud; 0 = never. */
  announceEveryMinutes: number;
  /** The idle timeout while read-aloud is on (a visitor who listens needs longer). */
  idleTimeoutSeconds: number;
  /** A physical key (KeyboardEvent.key) that turns read-aloud on and off; null when the kiosk has none. */
  toggleKey: string | null;
}

/** A host without read-aloud (not checked yet, or the staff editor's preview). */
export const NO_SPEECH: SpeechOffer = { available: false, languages: [], announceEveryMinutes: 0, idleTimeoutSeconds: 0, toggleKey: null };

export const VISITOR_EVENTS = ['session-start', 'screen', 'task-opened', 'story-opened', 'village-opened', 'language', 'session-end'] as const;

/** What only the renderer can see going wrong (or right again): counted for the health screen, never visitor data. */
export const DIAGNOSTICS = ['webgl-context-lost', 'webgl-context-restored'] as const;
export type Diagnostic = (typeof DIAGNOSTICS)[number];

/** The health summary for the staff screen, already in Danish (the host formats it once for screen and stick). */
export interface StaffHealth {
  kioskId: string;
  /** When it was measured, e.g. "23-11-2026 kl. 10:42" (by the kiosk's clock). */
  atDa: string;
  clockTrusted: boolean;
  /** What needs attention; empty when all is well. */
  warnings: string[];
  rows: { label: string; value: string }[];
}

/** `health` is null while the host is still measuring: ask again with the token. */
export type StaffUnlockResponse =
  | { status: 'ok'; token: string; health: StaffHealth | null }
  | { status: 'wrong-pin'; attemptsLeft: number }
  | { status: 'locked'; retryAfterSeconds: number }
  | { status: 'off' };
export type StaffHealthResponse = { status: 'ok'; health: StaffHealth | null } | { status: 'expired' };

const ScreenSchema = v.picklist(SCREENS);

export const RequestSchemas = {
  bootstrap: v.strictObject({}),
  reportEvent: v.strictObject({
    event: v.picklist(VISITOR_EVENTS),
    // Never free text from a visitor: only ids the content defines.
    detail: v.optional(v.pipe(v.string(), v.maxLength(80), v.regex(/^[\w\-æøåÆØÅ ]*$/u))),
  }),
  heartbeat: v.strictObject({ screen: ScreenSchema }),
  /** The renderer has drawn the map of this content generation: the host's health check after an install. */
  contentShown: v.strictObject({ generation: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  diagnostic: v.strictObject({ kind: v.picklist(DIAGNOSTICS) }),
  /** The PIN typed on the staff screen's PIN pad; checked (and locked after wrong tries) by the host only. */
  // Own messages: valibot's default would quote what was typed, and the log must never hold a PIN.
  staffUnlock: v.strictObject({ pin: v.pipe(v.string('must be a string'), v.regex(/^\d{4,8}$/, 'must be 4 to 8 digits')) }),
  /** A fresh health summary for an unlocked staff screen. */
  staffHealth: v.strictObject({ token: v.pipe(v.string('must be a string'), v.regex(/^[0-9a-f]{32}$/, 'must be a token from staffUnlock')) }),
  /**
   * Read a UI or content text aloud; answered at once (the speech follows). It silences what is being said,
   * unless `queue`: then it is said after it, and dropped if another speak or stopSpeaking comes first.
   */
  // Own messages: valibot's defaults would not quote the text either, but these say what is allowed.
  speak: v.strictObject({
    text: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(MAX_SPEAK_CHARS, `must be at most ${MAX_SPEAK_CHARS} characters`)),
    lang: v.picklist(SPEECH_LANGUAGES),
    format: v.optional(v.picklist(['plain', 'markdown', 'html'])),
    queue: v.optional(v.boolean()),
  }),
  /** Silence now: leaving read-aloud mode, the end of a visit. */
  stopSpeaking: v.strictObject({}),
  /** The renderer's own UI texts, sent once: the host makes their speech ahead of the first touch. */
  prewarmSpeech: v.strictObject({
    items: v.pipe(
      v.array(v.strictObject({ text: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(300, 'must be at most 300 characters')), lang: v.picklist(SPEECH_LANGUAGES) })),
      v.maxLength(500, 'must be at most 500 texts'),
    ),
  }),
} as const;

export type ApiMethod = keyof typeof RequestSchemas;
export const API_METHODS = Object.keys(RequestSchemas) as ApiMethod[];
export type ApiRequest<M extends ApiMethod> = v.InferOutput<(typeof RequestSchemas)[M]>;

export interface ApiResponses {
  /** `generation` counts content reloads, so the renderer can say which content it is showing. */
  bootstrap: { config: RendererConfig; content: ContentState; generation: number; opening: OpeningState; speech: SpeechOffer };
  reportEvent: { ok: true };
  /** `generation` lets a renderer that missed a content-changed event notice and catch up. */
  heartbeat: { ok: true; generation: number };
  contentShown: { ok: true };
  diagnostic: { ok: true };
  staffUnlock: StaffUnlockResponse;
  staffHealth: StaffHealthResponse;
  speak: { ok: true };
  stopSpeaking: { ok: true };
  prewarmSpeech: { ok: true };
}
export type ApiResponse<M extends ApiMethod> = ApiResponses[M];

/** Host → renderer. */
export type HostEvent =
  | { type: 'content-changed' }
  | { type: 'staff-notice'; level: 'info' | 'progress' | 'success' | 'error'; messageDa: string; progress?: number }
  | { type: 'return-to-attract'; reason: string }
  | { type: 'opening-hours'; opening: OpeningState };

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(RequestSchemas, name);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Validates a request payload; the message names the first offending field (English, for the log). */
export function parseRequest<M extends ApiMethod>(method: M, payload: unknown): Parsed<ApiRequest<M>> {
  const result = v.safeParse(RequestSchemas[method], payload);
  if (result.success) return { ok: true, value: result.output as ApiRequest<M> };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '(root)';
  return { ok: false, message: `${method}: ${path}: ${issue.message}` };
}
