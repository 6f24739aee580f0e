import { Color, PerspectiveCamera, Scene, Vector3, WebGLRenderer } from 'three';
import type { MapModel } from '../map-model';
import { boundsOf } from '../math/bounds';
import { cameraPosition, fitBounds, type CameraPose, type Lens } from '../math/camera';
import { createCameraLimits, type CameraLimits } from '../math/camera-limits';
import { flightDurationMs, flightPose } from '../math/flight';
import { pickNearest, type ScreenMarker } from '../math/picking';
import { regionTransform, renderRegion } from '../math/render-region';
import type { Rgb } from '../math/mesh-data';
import { AdaptiveScale } from './adaptive-scale';
import { MapGestures } from './map-gestures';
import { MAP_COLOURS, SLAB_HEIGHT_M } from './map-style';
import { createMapMeshes, setMarkerColours, type MapMeshes } from './scene-meshes';

export interface MapViewOptions {
  maxPixelRatio: number;
  reducedMotion: boolean;
  /** Touch radius for picking a village: ≈ 9 mm on a 55" 1080p screen. */
  touchRadiusPx?: number;
}

export interface MapFrame {
  markers: ScreenMarker[];
  width: number;
  height: number;
}

export interface MapStats {
  frames: number;
  drawCalls: number;
  triangles: number;
  geometries: number;
  textures: number;
  renderScale: number;
  lastFrameMs: number;
}

const FOV_DEG = 35;
const TILT = 0.5;
/** How close a village flight comes: a few kilometres of surroundings stay in view. */
const VILLAGE_DISTANCE_M = 14_000;
/** The attract screen's slow turn: one revolution in about ten minutes, drawn at a gentle frame rate. */
const DRIFT_RAD_PER_MS = (2 * Math.PI) / 600_000;
const DRIFT_FRAME_MS = 66;

/**
 * The three.js adapter: one renderer, one scene, one camera, rendered only when something changes
 * (`invalidate`). All maths comes from ../math; this class only turns it into GPU objects and frees
 * every one of them in `dispose`.
 */
export class MapView {
  readonly #renderer: WebGLRenderer;
  readonly #scene = new Scene();
  readonly #camera = new PerspectiveCamera(FOV_DEG, 1, 50, 400_000);
  readonly #meshes: MapMeshes;
  readonly #gestures: MapGestures;
  readonly #scale: AdaptiveScale;
  #pose: CameraPose;
  #flight: { from: CameraPose; to: CameraPose; start: number; duration: number } | null = null;
  #frameRequest: number | null = null;
  #frames = 0;
  #lastFrameMs = 0;
  #lastFrameAt: number | null = null;
  #width = 1;
  #height = 1;
  #contextLost = false;
  #suspended = false;
  #dirty = false;
  #drift: { lastAt: number | null; timer: number | null } | null = null;
  onFrame: (frame: MapFrame) => void = () => undefined;
  onVillageTap: (id: number | null) => void = () => undefined;
  onContextChange: (lost: boolean) => void = () => undefined;
  /** With reduced motion a flight is a cut: the view tells the page, which cross-fades the canvas. */
  onCut: () => void = () => undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly model: MapModel,
    private readonly options: MapViewOptions,
  ) {
    // No MSAA: on a CPU renderer it costs more than the whole scene. Markers and labels stay crisp anyway.
    this.#renderer = new WebGLRenderer({ canvas, antialias: false, powerPreference: 'high-performance', stencil: false });
    this.#renderer.setClearColor(new Color(MAP_COLOURS.background));
    this.#scale = new AdaptiveScale(() => this.#applyScale());
    // A lower render scale stretches the canvas from its bottom-left corner (render-region.ts).
    canvas.style.transformOrigin = '0 100%';
    this.#meshes = createMapMeshes(model, 18);
    for (const object of this.#meshes.objects) this.#scene.add(object);
    this.#pose = this.homePose();
    // Touches are read relative to the map's box, which stays put while a lower scale stretches the canvas.
    this.#gestures = new MapGestures(canvas, canvas.parentElement ?? canvas, {
      getPose: () => this.#pose,
      setPose: (pose) => {
        this.#flight = null;
        this.#pose = pose;
        this.invalidate();
      },
      lens: () => this.#lens(),
      viewport: () => ({ width: this.#width, height: this.#height }),
      limits: () => this.#limits(),
      groundY: SLAB_HEIGHT_M,
      onTap: (x, y) => this.#tap(x, y),
    });
    canvas.addEventListener('webglcontextlost', this.#onContextLost);
    canvas.addEventListener('webglcontextrestored', this.#onContextRestored);
  }

  #lens(): Lens {
    return { fovY: (FOV_DEG * Math.PI) / 180, aspect: this.#width / this.#height };
  }

  #limits(): CameraLimits {
    return createCameraLimits(this.model.bounds, this.#lens(), this.homePose(), SLAB_HEIGHT_M);
  }

  homePose(): CameraPose {
    return fitBounds(this.model.bounds, this.#lens(), TILT, 0, SLAB_HEIGHT_M, 0.06);
  }

  resize(width: number, height: number): void {
    this.#width = Math.max(1, Math.round(width));
    this.#height = Math.max(1, Math.round(height));
    this.#applySize();
    if (!this.#flight && this.#frames === 0) this.#pose = this.homePose();
  }

  /** Only a new size of the map (or screen) reallocates the drawing buffer; the render scale never does. */
  #applySize(): void {
    this.#renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, this.options.maxPixelRatio));
    this.#renderer.setSize(this.#width, this.#height, false);
    this.#camera.aspect = this.#width / this.#height;
    this.#camera.updateProjectionMatrix();
    this.#applyScale();
  }

  #applyScale(): void {
    const region = renderRegion(this.canvas.width, this.canvas.height, this.#scale.value);
    const ratio = this.#renderer.getPixelRatio();
    // three.js takes the viewport in CSS pixels and multiplies by the pixel ratio; the scissor keeps the
    // clear inside the region, so the pixels outside it are not touched at all.
    this.#renderer.setViewport(0, 0, region.width / ratio, region.height / ratio);
    this.#renderer.setScissor(0, 0, region.width / ratio, region.height / ratio);
    this.#renderer.setScissorTest(region.width < this.canvas.width || region.height < this.canvas.height);
    this.canvas.style.transform = regionTransform(region);
    this.invalidate();
  }

  /**
   * While another screen covers the map it draws nothing (the first frame of a new map excepted: the
   * host's health check after an install waits for it); what changed is drawn when it shows again.
   */
  setSuspended(suspended: boolean): void {
    if (suspended === this.#suspended) return;
    this.#suspended = suspended;
    if (suspended) this.#scale.pause();
    else {
      this.#scale.resume();
      if (this.#dirty) this.invalidate();
    }
  }

  /** Schedule one frame; many calls before it runs still render once. */
  invalidate(): void {
    if (this.#suspended && this.#frames > 0) {
      this.#dirty = true;
      return;
    }
    this.#dirty = false;
    if (this.#frameRequest !== null || this.#contextLost) return;
    this.#frameRequest = requestAnimationFrame((now) => this.#render(now));
  }

  #render(now: number): void {
    this.#frameRequest = null;
    let moving = this.#gestures.step(now);
    if (this.#flight) {
      const { from, to, start, duration } = this.#flight;
      const t = Math.min(1, (now - start) / duration);
      this.#pose = flightPose(from, to, t);
      if (t >= 1) this.#flight = null;
      moving = true;
    }
    if (this.#drift) {
      const elapsed = this.#drift.lastAt === null ? 0 : now - this.#drift.lastAt;
      this.#drift.lastAt = now;
      this.#pose = { ...this.#pose, heading: this.#pose.heading + elapsed * DRIFT_RAD_PER_MS };
      this.#drift.timer = window.setTimeout(() => this.invalidate(), DRIFT_FRAME_MS);
    }
    const [x, y, z] = cameraPosition(this.#pose);
    this.#camera.position.set(x, y, z);
    this.#camera.lookAt(this.#pose.target[0], 0, this.#pose.target[1]);
    this.#renderer.render(this.#scene, this.#camera);
    this.#frames++;
    // With a CPU renderer the GPU process does the work after render() returns: the honest frame time is
    // the interval between consecutive frames while the map keeps moving.
    const interval = moving && this.#lastFrameAt !== null ? now - this.#lastFrameAt : Number.NaN;
    if (!Number.isNaN(interval)) this.#lastFrameMs = interval;
    this.#lastFrameAt = moving ? now : null;
    this.#scale.record(interval, moving, now);
    this.onFrame({ markers: this.screenMarkers(), width: this.#width, height: this.#height });
    if (moving) this.invalidate();
  }

  /** Every placed village in CSS pixels, as drawn in the last frame. */
  screenMarkers(): ScreenMarker[] {
    const v = new Vector3();
    return this.model.villages.map((placed) => {
      v.set(placed.point[0], SLAB_HEIGHT_M, placed.point[1]).project(this.#camera);
      return { id: placed.village.id, x: ((v.x + 1) / 2) * this.#width, y: ((1 - v.y) / 2) * this.#height };
    });
  }

  #tap(x: number, y: number): void {
    // The touches are read on the map's box, which stays under the calm fallback while the context is lost.
    if (this.#contextLost) return;
    const hit = pickNearest(this.screenMarkers(), x, y, this.options.touchRadiusPx ?? 36);
    this.onVillageTap(hit ? hit.id : null);
  }

  flyTo(pose: CameraPose): void {
    this.#gestures.stopInertia();
    if (this.options.reducedMotion) {
      this.#flight = null;
      this.#pose = pose;
      this.onCut();
    } else {
      this.#flight = { from: this.#pose, to: pose, start: performance.now(), duration: flightDurationMs(this.#pose, pose) };
    }
    this.invalidate();
  }

  flyToVillage(id: number): void {
    const placed = this.model.villages.find((p) => p.village.id === id);
    if (!placed) return;
    this.flyTo({ ...this.#pose, target: placed.point, distance: Math.min(this.#pose.distance, VILLAGE_DISTANCE_M) });
  }

  /** The attract screen's idle animation; off, the map renders nothing until something changes. */
  setDrift(on: boolean): void {
    if (on === (this.#drift !== null)) return;
    if (this.#drift && this.#drift.timer !== null) window.clearTimeout(this.#drift.timer);
    this.#drift = on ? { lastAt: null, timer: null } : null;
    if (on) {
      this.#flight = null;
      this.#pose = this.homePose();
    }
    this.invalidate();
  }

  /** Frames a set of villages (a core task's), never closer than a few kilometres across. */
  frameVillages(ids: readonly number[]): void {
    const points = this.model.villages.filter((p) => ids.includes(p.village.id)).map((p) => p.point);
    if (points.length === 0) return;
    const b = boundsOf(points);
    const half = 3_000;
    const [cx, cz] = [(b.minX + b.maxX) / 2, (b.minZ + b.maxZ) / 2];
    const padded = {
      minX: Math.min(b.minX, cx - half),
      maxX: Math.max(b.maxX, cx + half),
      minZ: Math.min(b.minZ, cz - half),
      maxZ: Math.max(b.maxZ, cz + half),
    };
    this.flyTo(fitBounds(padded, this.#lens(), this.#pose.tilt, this.#pose.heading, SLAB_HEIGHT_M, 0.15));
  }

  frameAll(): void {
    this.flyTo(this.homePose());
  }

  /** Colours markers: highlighted villages in a task colour, the rest dimmed; null resets. */
  setMarkerHighlight(highlight: { ids: readonly number[]; colour: Rgb } | null, selectedId: number | null): void {
    const lit = new Set(highlight?.ids ?? []);
    setMarkerColours(this.#meshes, (i) => {
      const id = this.model.villages[i]?.village.id;
      if (id === selectedId) return MAP_COLOURS.markerSelected;
      if (!highlight) return MAP_COLOURS.marker;
      return id !== undefined && lit.has(id) ? highlight.colour : MAP_COLOURS.markerDimmed;
    });
    this.invalidate();
  }

  /** Holds the render scale (1 = full resolution) or, with null, lets it adapt again. Used by the bench. */
  lockRenderScale(scale: number | null): void {
    this.#scale.lock(scale);
  }

  /** GPU objects this view's renderer holds right now (0 and 0 after dispose). */
  memory(): { geometries: number; textures: number } {
    const { geometries, textures } = this.#renderer.info.memory;
    return { geometries, textures };
  }

  get pose(): CameraPose {
    return this.#pose;
  }

  /** Each village's marker colour as it reaches the screen (sRGB 0–255), for tests that check what lights up. */
  markerColours(): Record<number, [number, number, number]> {
    const array = this.#meshes.markerColours.array as Float32Array;
    const toSrgb = (c: number): number => (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055);
    const result: Record<number, [number, number, number]> = {};
    this.model.villages.forEach((placed, i) => {
      result[placed.village.id] = [0, 1, 2].map((c) => Math.round(toSrgb(array[i * 3 + c] ?? 0) * 255)) as [number, number, number];
    });
    return result;
  }

  stats(): MapStats {
    const info = this.#renderer.info;
    return {
      frames: this.#frames,
      drawCalls: info.render.calls,
      triangles: info.render.triangles,
      geometries: info.memory.geometries,
      textures: info.memory.textures,
      renderScale: this.#scale.value,
      lastFrameMs: this.#lastFrameMs,
    };
  }

  /** Renders now and reads back how many distinct colours a grid of pixels has: proof the map was drawn. */
  sampleDistinctColours(): number {
    this.#renderer.render(this.#scene, this.#camera);
    const gl = this.#renderer.getContext();
    const pixel = new Uint8Array(4);
    const seen = new Set<number>();
    // Only the region this frame drew holds the map (a lower render scale leaves the rest untouched).
    const { width: w, height: h } = renderRegion(gl.drawingBufferWidth, gl.drawingBufferHeight, this.#scale.value);
    for (let gx = 1; gx < 16; gx++) {
      for (let gy = 1; gy < 16; gy++) {
        gl.readPixels(Math.floor((gx / 16) * w), Math.floor((gy / 16) * h), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        seen.add(((pixel[0] ?? 0) << 16) | ((pixel[1] ?? 0) << 8) | (pixel[2] ?? 0));
      }
    }
    return seen.size;
  }

  /** For tests: simulate a lost GPU context (WEBGL_lose_context). */
  loseContextForTest(): { restore: () => void } | null {
    const ext = this.#renderer.getContext().getExtension('WEBGL_lose_context');
    if (!ext) return null;
    ext.loseContext();
    return { restore: () => ext.restoreContext() };
  }

  #onContextLost = (event: Event): void => {
    event.preventDefault(); // tells the browser we want the context back
    this.#contextLost = true;
    if (this.#frameRequest !== null) cancelAnimationFrame(this.#frameRequest);
    this.#frameRequest = null;
    this.onContextChange(true);
  };

  #onContextRestored = (): void => {
    this.#contextLost = false;
    // A frame requested while the context was going away may never have run: start afresh.
    if (this.#frameRequest !== null) cancelAnimationFrame(this.#frameRequest);
    this.#frameRequest = null;
    this.onContextChange(false);
    this.invalidate();
  };

  /**
   * Frees every geometry, material and texture. `releaseContext` also gives the GPU context back at once:
   * right for a canvas that is thrown away, wrong for the kiosk's own canvas, whose next map reuses it.
   */
  dispose(releaseContext = false): void {
    this.setDrift(false);
    if (this.#frameRequest !== null) cancelAnimationFrame(this.#frameRequest);
    this.#frameRequest = null;
    this.#gestures.dispose();
    this.canvas.style.transform = ''; // the next map on this canvas starts unstretched
    this.canvas.removeEventListener('webglcontextlost', this.#onContextLost);
    this.canvas.removeEventListener('webglcontextrestored', this.#onContextRestored);
    // Shared geometries and textures are disposed once each; dispose() twice would be harmless but noisy.
    const disposables = new Set<{ dispose(): void }>();
    this.#scene.traverse((object) => {
      const parts = object as Partial<{ geometry: { dispose(): void }; material: { dispose(): void; map?: { dispose(): void } | null } }>;
      if (parts.geometry) disposables.add(parts.geometry);
      if (parts.material) disposables.add(parts.material);
      if (parts.material?.map) disposables.add(parts.material.map);
    });
    for (const item of disposables) item.dispose();
    this.#scene.clear();
    this.#renderer.dispose();
    if (releaseContext) this.#renderer.forceContextLoss();
  }
}
