import type { CameraPose, Lens } from './camera';
import type { CameraLimits } from './camera-clamp';
import { clampPose } from './camera-clamp';
import type { ScenePoint } from './projection';
import type { ScreenPoint, Viewport } from './screen';
import { groundAtPx } from './screen';

// Touch gestures as pure pose → pose functions. Pans and zooms grab the ground: the point under the
// finger stays under the finger, whatever the tilt and heading. Pass `limits` to get a clamped result.

export interface GestureOptions {
  limits?: CameraLimits;
  /** Height of the surface the finger grabs (the slab top), in metres. */
  groundY?: number;
}

export interface PanOptions extends GestureOptions {
  /** Where the finger started, in CSS pixels; the viewport centre if omitted. */
  fromPx?: ScreenPoint;
}

/** A hit this many distances from the target means the ray grazed the horizon: too far to follow. */
const MAX_GRAB_REACH = 4;

function finish(pose: CameraPose, limits: CameraLimits | undefined): CameraPose {
  return limits ? clampPose(pose, limits) : pose;
}

function shifted(pose: CameraPose, dx: number, dz: number): CameraPose {
  return { ...pose, target: [pose.target[0] + dx, pose.target[1] + dz] };
}

function withinReach(pose: CameraPose, point: ScenePoint | null): point is ScenePoint {
  return point !== null && Math.hypot(point[0] - pose.target[0], point[1] - pose.target[1]) <= MAX_GRAB_REACH * pose.distance;
}

/** Pan by the ground scale at the target: used when a finger is too close to the horizon to grab. */
function panApproximately(pose: CameraPose, lens: Lens, viewport: Viewport, dxPx: number, dyPx: number): CameraPose {
  const metresPerPx = (2 * pose.distance * Math.tan(lens.fovY / 2)) / viewport.height;
  const across = -dxPx * metresPerPx;
  const along = (dyPx * metresPerPx) / Math.max(Math.cos(pose.tilt), 0.1);
  // Screen right on the ground is (cos h, sin h); screen up is the heading direction (sin h, -cos h).
  const { heading: h } = pose;
  return shifted(pose, across * Math.cos(h) + along * Math.sin(h), across * Math.sin(h) - along * Math.cos(h));
}

/** One-finger drag by (dxPx, dyPx): the ground under the finger follows it. */
export function panPose(
  pose: CameraPose,
  lens: Lens,
  viewport: Viewport,
  dxPx: number,
  dyPx: number,
  options: PanOptions = {},
): CameraPose {
  const from = options.fromPx ?? { x: viewport.width / 2, y: viewport.height / 2 };
  const to = { x: from.x + dxPx, y: from.y + dyPx };
  const grabbed = groundAtPx(pose, lens, viewport, from, options.groundY);
  const under = groundAtPx(pose, lens, viewport, to, options.groundY);
  // Moving the camera by (grabbed − under) brings the grabbed point to where the finger now is.
  const next =
    withinReach(pose, grabbed) && withinReach(pose, under)
      ? shifted(pose, grabbed[0] - under[0], grabbed[1] - under[1])
      : panApproximately(pose, lens, viewport, dxPx, dyPx);
  return finish(next, options.limits);
}

/**
 * Two-finger pinch about the screen centre: `scale` > 1 (fingers spreading) zooms in; `rotationRad` is the
 * fingers' twist, clockwise on screen positive, and the map turns with them.
 */
export function pinchPose(pose: CameraPose, scale: number, rotationRad: number, limits?: CameraLimits): CameraPose {
  const usableScale = scale > 0 && Number.isFinite(scale) ? scale : 1;
  const twist = Number.isFinite(rotationRad) ? rotationRad : 0;
  return finish({ ...pose, distance: pose.distance / usableScale, heading: pose.heading - twist }, limits);
}

/** Zoom by `scale` keeping the ground under (xPx, yPx) in place: a pinch centred off-centre, or a wheel. */
export function zoomAtPoint(
  pose: CameraPose,
  lens: Lens,
  viewport: Viewport,
  xPx: number,
  yPx: number,
  scale: number,
  options: GestureOptions = {},
): CameraPose {
  // Clamp the distance first, so that zooming against a limit does not slide the map sideways.
  const zoomed = finish(pinchPose(pose, scale, 0), options.limits);
  const at = { x: xPx, y: yPx };
  const before = groundAtPx(pose, lens, viewport, at, options.groundY);
  const after = groundAtPx(zoomed, lens, viewport, at, options.groundY);
  if (!withinReach(pose, before) || !withinReach(zoomed, after)) return zoomed;
  return finish(shifted(zoomed, before[0] - after[0], before[1] - after[1]), options.limits);
}
