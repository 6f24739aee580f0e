import { describe, expect, it } from 'vitest';
import type { Velocity } from '../../../renderer/src/map/math/camera-limits';
import { inertiaStep, isAtRest } from '../../../renderer/src/map/math/camera-limits';

/** Runs a glide at a fixed frame interval until it stops; returns the total travel and frame count. */
function glide(start: Velocity, frameMs: number): { x: number; y: number; frames: number } {
  let velocity = start;
  let x = 0;
  let y = 0;
  let frames = 0;
  while (!isAtRest(velocity)) {
    const step = inertiaStep(velocity, frameMs);
    x += step.dxPx;
    y += step.dyPx;
    velocity = step.velocity;
    if (++frames > 10_000) throw new Error('the glide never stops');
  }
  return { x, y, frames };
}

describe('inertiaStep', () => {
  const flick: Velocity = { x: 1.2, y: -0.5 };

  it('glides on in the direction of the flick and comes to a complete stop within a few seconds', () => {
    const { x, y, frames } = glide(flick, 16);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeLessThan(0);
    expect(Math.abs(y / x)).toBeCloseTo(0.5 / 1.2, 6);
    expect(frames * 16).toBeLessThan(3000);
  });

  it('only ever slows down', () => {
    let velocity = flick;
    while (!isAtRest(velocity)) {
      const next = inertiaStep(velocity, 16).velocity;
      expect(Math.hypot(next.x, next.y)).toBeLessThan(Math.hypot(velocity.x, velocity.y));
      velocity = next;
    }
  });

  it('glides the same distance at 30 and at 60 frames per second', () => {
    let sixty = { velocity: flick, x: 0 };
    let thirty = { velocity: flick, x: 0 };
    for (let i = 0; i < 30; i++) {
      const a = inertiaStep(sixty.velocity, 1000 / 60);
      const b = inertiaStep(a.velocity, 1000 / 60);
      sixty = { velocity: b.velocity, x: sixty.x + a.dxPx + b.dxPx };
      const c = inertiaStep(thirty.velocity, 1000 / 30);
      thirty = { velocity: c.velocity, x: thirty.x + c.dxPx };
    }
    expect(sixty.x).toBeCloseTo(thirty.x, 6);
  });

  it('does not throw the map off into the distance after a violent flick', () => {
    const { x } = glide({ x: 50, y: 0 }, 16);
    expect(x).toBeLessThan(1500);
  });

  it('does not move for a zero or broken frame time, or a broken velocity', () => {
    for (const dt of [0, -16, NaN]) {
      const step = inertiaStep(flick, dt);
      expect([step.dxPx, step.dyPx]).toEqual([0, 0]);
    }
    const broken = inertiaStep({ x: NaN, y: 1 }, 16);
    expect([broken.dxPx, broken.dyPx]).toEqual([0, 0]);
    expect(isAtRest(broken.velocity)).toBe(true);
  });
});
