import { describe, expect, it } from 'vitest';
import type { CameraPose } from '../../../renderer/src/map/math/camera';
import { cameraPosition, fitBounds } from '../../../renderer/src/map/math/camera';
import { clampPose, createCameraLimits } from '../../../renderer/src/map/math/camera-limits';
import { easeInOutCubic, flightDurationMs, flightPose } from '../../../renderer/src/map/math/flight';
import { placeVillages } from '../../../renderer/src/map/math/village-layout';
import { LANDSCAPE, lens, municipalityBounds, projection, sameDirection, SLAB_HEIGHT, villages } from './fixtures';

const cameraLens = lens(LANDSCAPE);
const overview = fitBounds(municipalityBounds, cameraLens, 0.6, 0, SLAB_HEIGHT);
const limits = createCameraLimits(municipalityBounds, cameraLens, overview, SLAB_HEIGHT);
const places = placeVillages(villages, projection);

/** A close-up of a village as the kiosk would fly to it: low, tilted, turned. */
function closeUp(index: number, heading: number): CameraPose {
  const place = places[index];
  if (!place) throw new Error(`no village ${index}`);
  return { target: place.point, distance: limits.minDistance * 1.5, tilt: limits.maxTilt, heading };
}

/** The two villages furthest apart and the two nearest each other (but not on the same spot). */
function extremePairs(): { furthest: [number, number]; nearest: [number, number] } {
  let furthest: [number, number] = [0, 0];
  let nearest: [number, number] = [0, 0];
  let most = -Infinity;
  let least = Infinity;
  for (const [i, a] of places.entries()) {
    for (const [j, b] of places.entries()) {
      const d = Math.hypot(a.point[0] - b.point[0], a.point[1] - b.point[1]);
      if (i < j && d > most) [most, furthest] = [d, [i, j]];
      if (i < j && d > 50 && d < least) [least, nearest] = [d, [i, j]];
    }
  }
  return { furthest, nearest };
}
const { furthest, nearest } = extremePairs();

const FLIGHTS: [string, CameraPose, CameraPose][] = [
  ['overview to a village', overview, closeUp(0, 0.4)],
  ['a village back to the overview', closeUp(5, -2), overview],
  ['across the municipality between close-ups', closeUp(furthest[0], 3), closeUp(furthest[1], -3)],
  ['to a neighbouring village', closeUp(nearest[0], 0), closeUp(nearest[1], 0.2)],
  ['turning on the spot', closeUp(3, 0), closeUp(3, Math.PI - 0.1)],
];

const SAMPLES = Array.from({ length: 201 }, (_, i) => i / 200);

describe('easeInOutCubic', () => {
  it('starts at 0, ends at 1 and never goes backwards', () => {
    expect(easeInOutCubic(0)).toBe(0);
    expect(easeInOutCubic(1)).toBe(1);
    for (const [i, t] of SAMPLES.entries()) {
      if (i > 0) expect(easeInOutCubic(t)).toBeGreaterThan(easeInOutCubic(SAMPLES[i - 1] ?? 0));
    }
  });

  it('starts and ends gently', () => {
    expect(easeInOutCubic(0.05)).toBeLessThan(0.05 / 2);
    expect(1 - easeInOutCubic(0.95)).toBeLessThan(0.05 / 2);
  });
});

describe('flightPose', () => {
  for (const [name, from, to] of FLIGHTS) {
    describe(name, () => {
      const frames = SAMPLES.map((t) => flightPose(from, to, t, { maxDistance: limits.maxDistance }));

      it('starts exactly at the start pose and ends exactly at the end pose', () => {
        expect(frames[0]).toEqual(from);
        expect(frames[frames.length - 1]).toEqual(to);
      });

      it('keeps the camera above the land and the tilt within the limits', () => {
        for (const frame of frames) {
          expect(cameraPosition(frame)[1]).toBeGreaterThan(SLAB_HEIGHT);
          expect(frame.tilt).toBeGreaterThanOrEqual(limits.minTilt);
          expect(frame.tilt).toBeLessThanOrEqual(limits.maxTilt);
        }
      });

      it('never leaves the camera limits', () => {
        for (const frame of frames) {
          const clamped = clampPose(frame, limits);
          expect(clamped.target[0]).toBeCloseTo(frame.target[0], 6);
          expect(clamped.target[1]).toBeCloseTo(frame.target[1], 6);
          expect(clamped.distance).toBeCloseTo(frame.distance, 6);
          expect(clamped.tilt).toBeCloseTo(frame.tilt, 9);
          expect(sameDirection(clamped.heading, frame.heading)).toBe(true);
        }
      });

      it('moves the target steadily towards its destination, never back', () => {
        const along = (p: CameraPose): number =>
          (p.target[0] - from.target[0]) * (to.target[0] - from.target[0]) + (p.target[1] - from.target[1]) * (to.target[1] - from.target[1]);
        for (const [i, frame] of frames.entries()) {
          const previous = frames[i - 1];
          if (previous) expect(along(frame)).toBeGreaterThanOrEqual(along(previous));
        }
      });
    });
  }

  it('turns the short way round', () => {
    const from = closeUp(0, (350 * Math.PI) / 180);
    const to = { ...from, heading: (10 * Math.PI) / 180 };
    for (const t of SAMPLES) {
      const { heading } = flightPose(from, to, t);
      // Always within the 20° between 350° and 10°, i.e. pointing within 10° of north.
      expect(Math.cos(heading)).toBeGreaterThanOrEqual(Math.cos((10 * Math.PI) / 180) - 1e-12);
    }
  });

  it('rises above both ends when flying between villages far apart, then comes back down', () => {
    const [, from, to] = FLIGHTS[2] ?? [];
    if (!from || !to) throw new Error('missing flight');
    const peak = Math.max(...SAMPLES.map((t) => flightPose(from, to, t).distance));
    expect(peak).toBeGreaterThan(1.5 * Math.max(from.distance, to.distance));
  });

  it('does not rise for a short hop', () => {
    const from = closeUp(0, 0);
    const to = { ...from, target: [from.target[0] + 100, from.target[1]] as const };
    for (const t of SAMPLES) expect(flightPose(from, to, t).distance).toBeLessThanOrEqual(from.distance);
  });

  it('holds the ends for times outside 0..1', () => {
    const [, from, to] = FLIGHTS[0] ?? [];
    if (!from || !to) throw new Error('missing flight');
    expect(flightPose(from, to, -0.5)).toEqual(from);
    expect(flightPose(from, to, 7)).toEqual(to);
  });
});

describe('flightDurationMs', () => {
  it('lasts between 800 and 1500 ms, however near or far', () => {
    const poses = [...FLIGHTS.flatMap(([, a, b]) => [a, b]), { ...overview, distance: 1e9 }];
    for (const from of poses) {
      for (const to of poses) {
        const ms = flightDurationMs(from, to);
        expect(ms).toBeGreaterThanOrEqual(800);
        expect(ms).toBeLessThanOrEqual(1500);
      }
    }
  });

  it('takes longer to cross the municipality than to hop next door', () => {
    const [, acrossFrom, acrossTo] = FLIGHTS[2] ?? [];
    const [, hopFrom, hopTo] = FLIGHTS[3] ?? [];
    if (!acrossFrom || !acrossTo || !hopFrom || !hopTo) throw new Error('missing flight');
    expect(flightDurationMs(acrossFrom, acrossTo)).toBeGreaterThan(flightDurationMs(hopFrom, hopTo));
  });
});
