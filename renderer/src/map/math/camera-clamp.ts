import type { Bounds } from './bounds';
import { boundsCentre } from './bounds';
import type { CameraPose, Lens } from './camera';
import type { ScenePoint } from './projection';

// Hard limits so a visitor can never lose the municipality: however wild the gestures, the camera stays
// between a street-level and an overview distance, never tips up towards the horizon, and its target
// never strays further from the municipality than the view is wide.

export interface CameraLimits {
  /** The municipality's bounds in scene metres. */
  bounds: Bounds;
  /**
   * How far the target may leave `bounds`, as a fraction of the camera distance. Relative rather than in
   * metres so that a zoomed-in view can pan just past the coast while a zoomed-out one can't drift away.
   */
  overhang: number;
  minDistance: number;
  maxDistance: number;
  /** Radians from straight down. */
  minTilt: number;
  maxTilt: number;
}

/** Never steeper than 60°: a map seen at a glancing angle is unreadable from a kiosk. */
const MAX_TILT = Math.PI / 3;
/** Keep the top edge of the screen this far (radians) below the horizon, so no sky shows. */
const HORIZON_CLEARANCE = 0.17;
/** Zooming out a little past the overview is allowed, but not so far the map becomes a speck. */
const MAX_DISTANCE_OVER_OVERVIEW = 1.15;
/** The closest zoom shows roughly a village and its fields. */
const MIN_DISTANCE_UNDER_OVERVIEW = 1 / 16;

const TAU = 2 * Math.PI;

export const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

const finiteOr = (value: number, fallback: number): number => (Number.isFinite(value) ? value : fallback);

/** An angle in [-π, π): headings stay small numbers however often the map is twisted round. */
export function wrapAngle(angle: number): number {
  return angle - TAU * Math.floor((angle + Math.PI) / TAU);
}

/**
 * Sensible limits around an overview pose (e.g. from `fitBounds`) for a given lens. `slabHeight` is the
 * height of the map's top surface: the closest zoom keeps the camera well above it at every tilt.
 */
export function createCameraLimits(bounds: Bounds, lens: Lens, overview: CameraPose, slabHeight = 0): CameraLimits {
  const maxTilt = Math.max(overview.tilt, Math.min(MAX_TILT, Math.PI / 2 - lens.fovY / 2 - HORIZON_CLEARANCE));
  const maxDistance = overview.distance * MAX_DISTANCE_OVER_OVERVIEW;
  const aboveSlab = (2 * slabHeight) / Math.cos(maxTilt);
  const minDistance = Math.min(maxDistance, Math.max(overview.distance * MIN_DISTANCE_UNDER_OVERVIEW, aboveSlab));
  // The visible ground reaches at least distance·sin(fovY/2) from the target along the screen's shorter
  // side, at any tilt; half of that keeps the nearest edge of the bounds (≤ √2·overhang away) on screen.
  const overhang = 0.5 * Math.sin(lens.fovY / 2) * Math.min(1, lens.aspect);
  return { bounds, overhang, minDistance, maxDistance, minTilt: 0, maxTilt };
}

/** The nearest pose within the limits. Non-finite values (a degenerate gesture) fall back to safe ones. */
export function clampPose(pose: CameraPose, limits: CameraLimits): CameraPose {
  const distance = clamp(finiteOr(pose.distance, limits.maxDistance), limits.minDistance, limits.maxDistance);
  const tilt = clamp(finiteOr(pose.tilt, limits.minTilt), limits.minTilt, limits.maxTilt);
  const heading = wrapAngle(finiteOr(pose.heading, 0));
  const { bounds } = limits;
  const margin = limits.overhang * distance;
  const [cx, cz] = boundsCentre(bounds);
  const target: ScenePoint = [
    clamp(finiteOr(pose.target[0], cx), bounds.minX - margin, bounds.maxX + margin),
    clamp(finiteOr(pose.target[1], cz), bounds.minZ - margin, bounds.maxZ + margin),
  ];
  return { target, distance, tilt, heading };
}
