import type { CameraPose } from './camera';
import { clamp, wrapAngle } from './camera-clamp';

// Camera flights, e.g. from the overview to a village a visitor tapped. The flight eases in and out and,
// when the two targets are far apart compared with how close the camera is, rises on the way so the
// visitor sees where they are going instead of the ground rushing past.

export interface FlightOptions {
  /** The arc never climbs above this distance (the camera limits' maximum). */
  maxDistance?: number;
}

const MIN_DURATION_MS = 800;
const MAX_DURATION_MS = 1500;
/** At the top of the arc the camera is this many metres away per metre travelled: both ends in view. */
const ARC_DISTANCE_PER_METRE = 0.8;

/** Slow start, slow finish; 0 → 0 and 1 → 1 exactly, rising monotonically in between. */
export function easeInOutCubic(t: number): number {
  return t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2;
}

/**
 * Written as a·(1−e) + b·e rather than a + (b−a)·e so that e = 0 and e = 1 give a and b exactly, and
 * clamped because rounding can land a hair outside [a, b]: a flight at the tilt limit must stay on it.
 */
const mix = (a: number, b: number, e: number): number => clamp(a * (1 - e) + b * e, Math.min(a, b), Math.max(a, b));

/** The signed turn from one heading to another, the short way round: in [-π, π). */
export function shortestTurn(from: number, to: number): number {
  return wrapAngle(to - from);
}

function travelMetres(from: CameraPose, to: CameraPose): number {
  return Math.hypot(to.target[0] - from.target[0], to.target[1] - from.target[1]);
}

/** How far above the straight path the middle of the flight climbs: zero for short hops. */
function arcLift(from: CameraPose, to: CameraPose, maxDistance: number): number {
  const peak = Math.min(maxDistance, travelMetres(from, to) * ARC_DISTANCE_PER_METRE);
  return Math.max(0, peak - Math.max(from.distance, to.distance));
}

/**
 * The pose at time `t` (0..1, clamped) of the flight. Target, distance and tilt move along straight lines
 * in eased time, so they stay between their end values (except the arc, which only adds distance), and
 * the camera stays above anything both end poses are above.
 */
export function flightPose(from: CameraPose, to: CameraPose, t: number, options: FlightOptions = {}): CameraPose {
  const e = easeInOutCubic(Number.isNaN(t) ? 1 : clamp(t, 0, 1));
  // 4e(1−e) is 0 at both ends (exactly) and 1 in the middle.
  const lift = arcLift(from, to, options.maxDistance ?? Infinity) * 4 * e * (1 - e);
  const turn = shortestTurn(from.heading, to.heading);
  return {
    target: [mix(from.target[0], to.target[0], e), mix(from.target[1], to.target[1], e)],
    distance: mix(from.distance, to.distance, e) + lift,
    tilt: mix(from.tilt, to.tilt, e),
    // from + turn lands on `to` only up to a multiple of 2π, so the last frame takes `to` as given.
    heading: e === 1 ? to.heading : from.heading + turn * e,
  };
}

/**
 * 800–1500 ms: longer the further the camera goes, measured in what the visitor sees (screens travelled,
 * zoom steps, turning), so a hop next door is quick and a trip across the municipality is not rushed.
 */
export function flightDurationMs(from: CameraPose, to: CameraPose): number {
  const nearest = Math.max(1, Math.min(from.distance, to.distance));
  const effort =
    travelMetres(from, to) / nearest +
    Math.abs(Math.log(to.distance / from.distance)) +
    Math.abs(shortestTurn(from.heading, to.heading)) / Math.PI +
    Math.abs(to.tilt - from.tilt);
  if (Number.isNaN(effort)) return MAX_DURATION_MS;
  return MIN_DURATION_MS + (MAX_DURATION_MS - MIN_DURATION_MS) * (1 - Math.exp(-effort / 3));
}
