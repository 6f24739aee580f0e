import { describe, expect, it } from 'vitest';
import { AdaptiveScale } from '../../../renderer/src/map/three/adaptive-scale';

function setup() {
  const timers: { at: number; run: () => void }[] = [];
  let applied = 0;
  const scale = new AdaptiveScale(
    () => applied++,
    (run, ms) => timers.push({ at: ms, run }),
    () => timers.splice(0),
  );
  return { scale, timers, applied: () => applied };
}

/** Feeds frames of `frameMs` each while moving, from `start` for `durationMs`. */
function move(scale: AdaptiveScale, frameMs: number, start: number, durationMs: number): number {
  let now = start;
  scale.record(Number.NaN, true, now);
  while (now < start + durationMs) {
    now += frameMs;
    scale.record(frameMs, true, now);
  }
  return now;
}

describe('adaptive render scale', () => {
  it('renders fewer pixels when motion stays over budget, never below half', () => {
    const { scale } = setup();
    move(scale, 100, 0, 5_000);
    expect(scale.value).toBe(AdaptiveScale.MIN);
  });

  it('keeps what it learned for the next flight, and is sharp again when the map is still', () => {
    const { scale, timers } = setup();
    const end = move(scale, 100, 0, 1_000);
    const learned = scale.movingScale;
    expect(learned).toBeLessThan(1);
    scale.record(Number.NaN, false, end + 10);
    timers.shift()?.run();
    expect(scale.value).toBe(1);
    // The next flight starts straight away at the learned scale, not at full resolution.
    scale.record(Number.NaN, true, end + 5_000);
    expect(scale.value).toBe(learned);
  });

  it('stays at full resolution when frames are within budget, and climbs back when they are fast', () => {
    const { scale, applied } = setup();
    move(scale, 30, 0, 5_000);
    expect(scale.value).toBe(1);
    expect(applied()).toBe(0);
    move(scale, 100, 10_000, 600);
    const low = scale.movingScale;
    move(scale, 10, 20_000, 5_000);
    expect(scale.movingScale).toBeGreaterThan(low);
  });
});

describe('a locked render scale (the bench\'s full-resolution figure)', () => {
  it('holds full resolution however slow the frames, and adapts again from what it had learned once unlocked', () => {
    const { scale, timers } = setup();
    const end = move(scale, 100, 0, 2_000);
    const learned = scale.movingScale;
    expect(learned).toBeLessThan(1);
    scale.lock(1);
    expect(scale.value).toBe(1);
    move(scale, 200, end, 5_000);
    expect(scale.value).toBe(1);
    expect(timers).toEqual([]);
    scale.lock(null);
    scale.record(Number.NaN, true, end + 10_000);
    expect(scale.value).toBe(learned);
  });
});

describe('adaptive scale while the map is covered', () => {
  it('does not sharpen under a story (a buffer resize would delay the next tap) but does when the map shows again', () => {
    const { scale, timers } = setup();
    const end = move(scale, 100, 0, 1_000);
    scale.record(Number.NaN, false, end + 10);
    expect(timers).toHaveLength(1);
    scale.pause();
    expect(timers).toHaveLength(0);
    expect(scale.value).toBeLessThan(1);
    scale.resume();
    timers.shift()?.run();
    expect(scale.value).toBe(1);
  });
});
