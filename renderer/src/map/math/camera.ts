import type { Bounds } from './bounds';
import { boundsCentre } from './bounds';
import type { ScenePoint } from './projection';

// A map camera is a target on the ground plus distance, tilt and heading. The same maths places the
// three.js camera and, in tests, checks where points land on screen.

export interface CameraPose {
  target: ScenePoint;
  /** Metres from the target. */
  distance: number;
  /** Radians from straight down (0 = plan view). */
  tilt: number;
  /** Radians; 0 = looking north. */
  heading: number;
}

export interface Lens {
  /** Vertical field of view in radians. */
  fovY: number;
  /** Width / height of the viewport. */
  aspect: number;
}

export type Vec3 = [number, number, number];

export function cameraPosition(pose: CameraPose): Vec3 {
  const horizontal = Math.sin(pose.tilt) * pose.distance;
  return [
    pose.target[0] - Math.sin(pose.heading) * horizontal,
    Math.cos(pose.tilt) * pose.distance,
    pose.target[1] + Math.cos(pose.heading) * horizontal,
  ];
}

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const normalize = (a: Vec3): Vec3 => {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};

interface CameraBasis {
  eye: Vec3;
  forward: Vec3;
  right: Vec3;
  up: Vec3;
}

function cameraBasis(pose: CameraPose): CameraBasis {
  const eye = cameraPosition(pose);
  const forward = normalize(sub([pose.target[0], 0, pose.target[1]], eye));
  // Straight down, "up" on screen is the heading direction.
  const worldUp: Vec3 = pose.tilt < 1e-6 ? [Math.sin(pose.heading), 0, -Math.cos(pose.heading)] : [0, 1, 0];
  const right = normalize(cross(forward, worldUp));
  const up = cross(right, forward);
  return { eye, forward, right, up };
}

/** Where a world point lands in normalised device coordinates (-1..1, y up), or null behind the camera. */
export function projectToNdc(pose: CameraPose, lens: Lens, point: Vec3): { x: number; y: number } | null {
  const { eye, forward, right, up } = cameraBasis(pose);
  const v = sub(point, eye);
  const depth = dot(v, forward);
  if (depth <= 0) return null;
  const f = Math.tan(lens.fovY / 2);
  return { x: dot(v, right) / (depth * f * lens.aspect), y: dot(v, up) / (depth * f) };
}

/**
 * The inverse of `projectToNdc` for the ground: the point at height `groundY` seen through a spot on the
 * screen, or null when that spot shows sky (at or above the horizon).
 */
export function groundAtNdc(pose: CameraPose, lens: Lens, ndc: { x: number; y: number }, groundY = 0): ScenePoint | null {
  const { eye, forward, right, up } = cameraBasis(pose);
  const f = Math.tan(lens.fovY / 2);
  const sx = ndc.x * f * lens.aspect;
  const sy = ndc.y * f;
  const ray: Vec3 = [
    forward[0] + right[0] * sx + up[0] * sy,
    forward[1] + right[1] * sx + up[1] * sy,
    forward[2] + right[2] * sx + up[2] * sy,
  ];
  const along = (groundY - eye[1]) / ray[1];
  if (!(ray[1] < 0) || !(along > 0) || !Number.isFinite(along)) return null;
  return [eye[0] + ray[0] * along, eye[2] + ray[2] * along];
}

/**
 * The pose that shows all of `bounds` (at heights 0..`height`) with a margin, in any aspect ratio: the
 * distance is found by bisection on the projected corners, so it holds for any tilt and heading.
 */
export function fitBounds(bounds: Bounds, lens: Lens, tilt: number, heading: number, height = 0, margin = 0.08): CameraPose {
  const target = boundsCentre(bounds);
  const corners: Vec3[] = [];
  for (const y of [0, height]) {
    for (const x of [bounds.minX, bounds.maxX]) for (const z of [bounds.minZ, bounds.maxZ]) corners.push([x, y, z]);
  }
  const limit = 1 - margin;
  const fits = (distance: number): boolean =>
    corners.every((corner) => {
      const p = projectToNdc({ target, distance, tilt, heading }, lens, corner);
      return p !== null && Math.abs(p.x) <= limit && Math.abs(p.y) <= limit;
    });
  let low = 1;
  let high = 1_000_000;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (fits(mid)) high = mid;
    else low = mid;
  }
  return { target, distance: high, tilt, heading };
}
