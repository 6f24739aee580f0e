// The shapes the benchmark sees inside the page. Declared here (not imported from renderer/) because the
// benchmark only relies on what the test bridge promises, and a rename in the renderer should fail loudly
// at run time, not silently reshape what is measured.

export interface MapStats {
  frames: number;
  drawCalls: number;
  triangles: number;
  geometries: number;
  textures: number;
  renderScale: number;
  lastFrameMs: number;
}

export interface ScreenMarker {
  id: number;
  x: number;
  y: number;
}

/** The live MapView, as `__voresStedTest.debug.map` exposes it. */
export interface MapHandle {
  stats(): MapStats;
  screenMarkers(): ScreenMarker[];
  flyToVillage(id: number): void;
  frameAll(): void;
  lockRenderScale(scale: number | null): void;
  invalidate(): void;
}

export interface BridgeEvent {
  name: string;
  detail: Record<string, unknown>;
  at: number;
}

export interface Bridge {
  waitFor(name: string, timeoutMs?: number): Promise<BridgeEvent>;
  clear(name?: string): void;
  readonly history: BridgeEvent[];
  readonly debug: { map?: MapHandle };
}

/** When a response to the last tap could first be seen, in the page's performance.now() time. */
export interface ResponseTiming {
  /** timeStamp of the pointerup that completed the tap (a tap is only a tap once the finger lifts). */
  upAt: number;
  /** The DOM showed the response (MutationObserver). */
  domAt: number;
  /** The next animation frame began: the frame that paints the response. */
  frameAt: number;
  /** The frame after that began: the painting frame has been handed to the compositor. */
  nextFrameAt: number;
  /**
   * Event Timing (the browser's own measure, as INP uses): the tap's longest event, from its timeStamp
   * to the presentation of the next frame — which includes the WebGL frame drawn with it. null when the
   * browser reported nothing, i.e. under its 16 ms threshold.
   */
  presentedMs: number | null;
}

export interface EventTimingRecord {
  name: string;
  startTime: number;
  duration: number;
  interactionId: number;
}

/** What the benchmark's init script installs on every page (see page-probes.ts). */
export interface BenchProbes {
  lastPointerUp: number;
  /** performance.now() at the first frame that paints the attract screen's wake button. */
  attractShownAt: number | null;
  /** The page's EventSources, so the bench can deliver host events on them (see host-events.ts). */
  eventSources: EventSource[];
  eventTimings: EventTimingRecord[];
  pendingResponse: Promise<ResponseTiming> | null;
}

export interface BenchWindow {
  __voresStedTest?: Bridge;
  __bench?: BenchProbes;
}
