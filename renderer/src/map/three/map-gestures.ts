import type { CameraPose, Lens } from '../math/camera';
import { inertiaStep, isAtRest, AT_REST, panPose, pinchPose, zoomAtPoint, type CameraLimits, type Velocity } from '../math/camera-limits';
import type { Viewport } from '../math/screen';

export interface GestureHost {
  getPose(): CameraPose;
  setPose(pose: CameraPose): void;
  lens(): Lens;
  viewport(): Viewport;
  limits(): CameraLimits;
  /** Height of the surface a finger grabs (the land slab's top). */
  groundY: number;
  onTap(x: number, y: number): void;
}

const TAP_SLOP_PX = 12;
const TAP_MAX_MS = 600;
const DOUBLE_TAP_MS = 320;
const WHEEL_ZOOM_PER_PX = 0.0015;

interface Pointer {
  x: number;
  y: number;
  startX: number;
  startY: number;
  startAt: number;
}

/**
 * DOM pointer events → pose changes. All the maths is in ../math (pan grabs the ground under the finger,
 * pinch zooms and twists, limits keep the municipality on screen); this class only tracks fingers.
 */
export class MapGestures {
  readonly #pointers = new Map<number, Pointer>();
  #velocity: Velocity = AT_REST;
  #lastMoveAt = 0;
  #lastStep = 0;
  #lastTap = { at: -Infinity, x: 0, y: 0 };

  /**
   * `element` receives the touches; positions are read relative to `frame`, the box the map fills (the
   * canvas itself may be stretched by a lower render scale).
   */
  constructor(
    private readonly element: HTMLElement,
    private readonly frame: HTMLElement,
    private readonly host: GestureHost,
  ) {
    element.addEventListener('pointerdown', this.#down);
    element.addEventListener('pointermove', this.#move);
    element.addEventListener('pointerup', this.#up);
    element.addEventListener('pointercancel', this.#cancel);
    element.addEventListener('wheel', this.#wheel, { passive: false });
  }

  #local(event: PointerEvent | WheelEvent): { x: number; y: number } {
    const rect = this.frame.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  #down = (event: PointerEvent): void => {
    this.element.setPointerCapture?.(event.pointerId);
    const { x, y } = this.#local(event);
    this.#pointers.set(event.pointerId, { x, y, startX: x, startY: y, startAt: performance.now() });
    this.stopInertia();
  };

  #move = (event: PointerEvent): void => {
    const pointer = this.#pointers.get(event.pointerId);
    if (!pointer) return;
    const { x, y } = this.#local(event);
    const pose = this.host.getPose();
    const options = { limits: this.host.limits(), groundY: this.host.groundY };
    if (this.#pointers.size === 1) {
      const next = panPose(pose, this.host.lens(), this.host.viewport(), x - pointer.x, y - pointer.y, { ...options, fromPx: pointer });
      this.host.setPose(next);
      const now = performance.now();
      const dt = Math.max(1, now - this.#lastMoveAt);
      this.#velocity = { x: (x - pointer.x) / dt, y: (y - pointer.y) / dt };
      this.#lastMoveAt = now;
    } else if (this.#pointers.size === 2) {
      const other = [...this.#pointers.entries()].find(([id]) => id !== event.pointerId)?.[1];
      if (other) {
        const before = Math.hypot(pointer.x - other.x, pointer.y - other.y) || 1;
        const after = Math.hypot(x - other.x, y - other.y) || 1;
        const twist = Math.atan2(y - other.y, x - other.x) - Math.atan2(pointer.y - other.y, pointer.x - other.x);
        const centre = { x: (x + other.x) / 2, y: (y + other.y) / 2 };
        const zoomed = zoomAtPoint(pose, this.host.lens(), this.host.viewport(), centre.x, centre.y, after / before, options);
        this.host.setPose(pinchPose(zoomed, 1, twist, options.limits));
      }
    }
    pointer.x = x;
    pointer.y = y;
  };

  #up = (event: PointerEvent): void => {
    const pointer = this.#pointers.get(event.pointerId);
    this.#pointers.delete(event.pointerId);
    if (!pointer || this.#pointers.size > 0) return;
    const now = performance.now();
    const moved = Math.hypot(pointer.x - pointer.startX, pointer.y - pointer.startY);
    if (moved <= TAP_SLOP_PX && now - pointer.startAt <= TAP_MAX_MS) {
      this.#velocity = AT_REST;
      const isDouble = now - this.#lastTap.at < DOUBLE_TAP_MS && Math.hypot(pointer.x - this.#lastTap.x, pointer.y - this.#lastTap.y) < 40;
      this.#lastTap = { at: isDouble ? -Infinity : now, x: pointer.x, y: pointer.y };
      if (isDouble) {
        const options = { limits: this.host.limits(), groundY: this.host.groundY };
        this.host.setPose(zoomAtPoint(this.host.getPose(), this.host.lens(), this.host.viewport(), pointer.x, pointer.y, 2, options));
      } else {
        this.host.onTap(pointer.x, pointer.y);
      }
      return;
    }
    // A finger that stopped before lifting does not fling the map.
    if (now - this.#lastMoveAt > 80) this.#velocity = AT_REST;
    this.#lastStep = now;
    if (!isAtRest(this.#velocity)) this.host.setPose(this.host.getPose());
  };

  #cancel = (event: PointerEvent): void => {
    this.#pointers.delete(event.pointerId);
  };

  #wheel = (event: WheelEvent): void => {
    event.preventDefault();
    const { x, y } = this.#local(event);
    const scale = Math.exp(-event.deltaY * WHEEL_ZOOM_PER_PX);
    const options = { limits: this.host.limits(), groundY: this.host.groundY };
    this.host.setPose(zoomAtPoint(this.host.getPose(), this.host.lens(), this.host.viewport(), x, y, scale, options));
  };

  /** Advances inertia by one frame; true while the map is still gliding (the caller keeps rendering). */
  step(now: number): boolean {
    if (this.#pointers.size > 0 || isAtRest(this.#velocity)) return false;
    const dt = Math.min(50, now - this.#lastStep || 16);
    this.#lastStep = now;
    const { velocity, dxPx, dyPx } = inertiaStep(this.#velocity, dt);
    this.#velocity = velocity;
    const options = { limits: this.host.limits(), groundY: this.host.groundY };
    this.host.setPose(panPose(this.host.getPose(), this.host.lens(), this.host.viewport(), dxPx, dyPx, options));
    return !isAtRest(velocity);
  }

  stopInertia(): void {
    this.#velocity = AT_REST;
  }

  dispose(): void {
    this.element.removeEventListener('pointerdown', this.#down);
    this.element.removeEventListener('pointermove', this.#move);
    this.element.removeEventListener('pointerup', this.#up);
    this.element.removeEventListener('pointercancel', this.#cancel);
    this.element.removeEventListener('wheel', this.#wheel);
  }
}
