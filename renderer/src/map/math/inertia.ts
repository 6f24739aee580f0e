// After a flick the map glides on and slows down. Velocity decays exponentially, integrated exactly over
// each frame, so the glide is the same at 30 and 60 frames per second.

export interface Velocity {
  /** CSS pixels per millisecond. */
  x: number;
  y: number;
}

export interface InertiaStep {
  velocity: Velocity;
  /** How far to pan during this frame, in CSS pixels. */
  dxPx: number;
  dyPx: number;
}

/** Time for the speed to fall to 1/e: about the feel of native scrolling. */
const TIME_CONSTANT_MS = 325;
/** Below this (10 px/s) the glide is invisible, so it stops rather than creeping forever. */
const STOP_SPEED = 0.01;
/** A violent flick would throw the map thousands of pixels; cap it at about 3 px/ms. */
const MAX_SPEED = 3;

export const AT_REST: Velocity = { x: 0, y: 0 };

export function isAtRest(velocity: Velocity): boolean {
  return velocity.x === 0 && velocity.y === 0;
}

function capped(velocity: Velocity): Velocity {
  const speed = Math.hypot(velocity.x, velocity.y);
  if (!Number.isFinite(speed)) return AT_REST;
  return speed > MAX_SPEED ? { x: (velocity.x / speed) * MAX_SPEED, y: (velocity.y / speed) * MAX_SPEED } : velocity;
}

export function inertiaStep(velocity: Velocity, dtMs: number): InertiaStep {
  const v = capped(velocity);
  if (!(dtMs > 0) || !Number.isFinite(dtMs)) return { velocity: v, dxPx: 0, dyPx: 0 };
  const decay = Math.exp(-dtMs / TIME_CONSTANT_MS);
  // ∫₀^dt v·e^(−t/τ) dt = v·τ·(1 − e^(−dt/τ))
  const travel = TIME_CONSTANT_MS * (1 - decay);
  const slower = { x: v.x * decay, y: v.y * decay };
  return {
    velocity: Math.hypot(slower.x, slower.y) < STOP_SPEED ? AT_REST : slower,
    dxPx: v.x * travel,
    dyPx: v.y * travel,
  };
}
