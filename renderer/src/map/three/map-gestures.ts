import type { Bounds } from '../math/bounds';
import type { CameraPose, Lens } from '../math/camera';

export interface GestureHost {
  getPose(): CameraPose;
  setPose(pose: CameraPose): void;
  lens(): Lens;
  viewport(): { width: number; height: number };
  bounds: Bounds;
  onTap(x: number, y: number): void;
}

const TAP_SLOP_PX = 12;
const TAP_MAX_MS = 600;
const MIN_DISTANCE_M = 2_500;
const MAX_DISTANCE_M = 90_000;
const FRICTION_PER_MS = 0.004;

interface Pointer {
  x: number;
  y: number;
  startX: number;
  startY: number;
  startAt: number;
}

/** Keeps the municipality on screen: target inside its bounds (plus a margin), distance in range. */
export function clampPose(pose: CameraPose, bounds: Bounds): CameraPose {
  const margin = 2_000;
  return {
    ...pose,
    target: [
      Math.min(bounds.maxX + margin, Math.max(bounds.minX - margin, pose.target[0])),
      Math.min(bounds.maxZ + margin, Math.max(bounds.minZ - margin, pose.target[1])),
    ],
    distance: Math.min(MAX_DISTANCE_M, Math.max(MIN_DISTANCE_M, pose.distance)),
  };
}

/** Metres on the ground per CSS pixel at the camera's target. */
function metresPerPixel(pose: CameraPose, lens: Lens, height: number): number {
  return (2 * pose.distance * Math.tan(lens.fovY / 2)) / height;
}

/**
 * Touch and mouse on the map canvas: one finger pans, two pinch-zoom and twist, the wheel zooms, a short
 * still touch is a tap. Pans carry on with inertia after the finger lifts.
 */
export class MapGestures {
  readonly #pointers = new Map<number, Pointer>();
  #velocity = { x: 0, y: 0 };
  #lastMoveAt = 0;
  #lastStep = 0;

  constructor(
    private readonly element: HTMLElement,
    private readonly host: GestureHost,
  ) {
    element.addEventListener('pointerdown', this.#down);
    element.addEventListener('pointermove', this.#move);
    element.addEventListener('pointerup', this.#up);
    element.addEventListener('pointercancel', this.#cancel);
    element.addEventListener('wheel', this.#wheel, { passive: false });
  }

  #local(event: PointerEvent | WheelEvent): { x: number; y: number } {
    const rect = this.element.getBoundingClientRect();
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
    if (this.#pointers.size === 1) {
      this.#pan(pose, x - pointer.x, y - pointer.y);
      const now = performance.now();
      const dt = Math.max(1, now - this.#lastMoveAt);
      this.#velocity = { x: (x - pointer.x) / dt, y: (y - pointer.y) / dt };
      this.#lastMoveAt = now;
    } else if (this.#pointers.size === 2) {
      const other = [...this.#pointers.entries()].find(([id]) => id !== event.pointerId)?.[1];
      if (other) {
        const before = Math.hypot(pointer.x - other.x, pointer.y - other.y) || 1;
        const after = Math.hypot(x - other.x, y - other.y) || 1;
        const angleBefore = Math.atan2(pointer.y - other.y, pointer.x - other.x);
        const angleAfter = Math.atan2(y - other.y, x - other.x);
        this.host.setPose(
          clampPose({ ...pose, distance: pose.distance * (before / after), heading: pose.heading - (angleAfter - angleBefore) }, this.host.bounds),
        );
      }
    }
    pointer.x = x;
    pointer.y = y;
  };

  #up = (event: PointerEvent): void => {
    const pointer = this.#pointers.get(event.pointerId);
    this.#pointers.delete(event.pointerId);
    if (!pointer || this.#pointers.size > 0) return;
    const moved = Math.hypot(pointer.x - pointer.startX, pointer.y - pointer.startY);
    if (moved <= TAP_SLOP_PX && performance.now() - pointer.startAt <= TAP_MAX_MS) {
      this.#velocity = { x: 0, y: 0 };
      this.host.onTap(pointer.x, pointer.y);
      return;
    }
    if (performance.now() - this.#lastMoveAt > 80) this.#velocity = { x: 0, y: 0 };
    this.#lastStep = performance.now();
    if (Math.hypot(this.#velocity.x, this.#velocity.y) > 0.05) this.host.setPose(this.host.getPose());
  };

  #cancel = (event: PointerEvent): void => {
    this.#pointers.delete(event.pointerId);
  };

  #wheel = (event: WheelEvent): void => {
    event.preventDefault();
    const pose = this.host.getPose();
    this.host.setPose(clampPose({ ...pose, distance: pose.distance * Math.exp(event.deltaY * 0.0015) }, this.host.bounds));
  };

  #pan(pose: CameraPose, dx: number, dy: number): void {
    const scale = metresPerPixel(pose, this.host.lens(), this.host.viewport().height);
    const cos = Math.cos(pose.heading);
    const sin = Math.sin(pose.heading);
    // Drag the ground with the finger: screen right is east when heading is 0, screen down is south.
    const east = -dx * scale;
    const south = (-dy * scale) / Math.max(0.35, Math.cos(pose.tilt));
    const target: [number, number] = [pose.target[0] + east * cos - south * sin, pose.target[1] + east * sin + south * cos];
    this.host.setPose(clampPose({ ...pose, target }, this.host.bounds));
  }

  /** Advances inertia; true while the map is still gliding (the caller keeps rendering). */
  step(now: number): boolean {
    if (this.#pointers.size > 0 || (this.#velocity.x === 0 && this.#velocity.y === 0)) return false;
    const dt = Math.min(50, now - this.#lastStep || 16);
    this.#lastStep = now;
    const decay = Math.exp(-FRICTION_PER_MS * dt);
    this.#velocity = { x: this.#velocity.x * decay, y: this.#velocity.y * decay };
    if (Math.hypot(this.#velocity.x, this.#velocity.y) < 0.02) {
      this.#velocity = { x: 0, y: 0 };
      return false;
    }
    const pose = this.host.getPose();
    this.#pan(pose, this.#velocity.x * dt, this.#velocity.y * dt);
    return true;
  }

  stopInertia(): void {
    this.#velocity = { x: 0, y: 0 };
  }

  dispose(): void {
    this.element.removeEventListener('pointerdown', this.#down);
    this.element.removeEventListener('pointermove', this.#move);
    this.element.removeEventListener('pointerup', this.#up);
    this.element.removeEventListener('pointercancel', this.#cancel);
    this.element.removeEventListener('wheel', this.#wheel);
  }
}
