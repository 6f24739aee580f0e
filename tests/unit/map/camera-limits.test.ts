import { describe, expect, it } from 'vitest';
import type { CameraPose } from '../../../renderer/src/map/math/camera';
import { cameraPosition, fitBounds, projectToNdc } from '../../../renderer/src/map/math/camera';
import { clamp, clampPose, createCameraLimits } from '../../../renderer/src/map/math/camera-limits';
import { LANDSCAPE, lens, municipalityBounds as bounds, PORTRAIT, sameDirection, SLAB_HEIGHT } from './fixtures';

for (const [orientation, viewport] of [['landscape', LANDSCAPE], ['portrait', PORTRAIT]] as const) {
  describe(`camera limits, ${orientation}`, () => {
    const cameraLens = lens(viewport);
    const overview = fitBounds(bounds, cameraLens, 0.6, 0, SLAB_HEIGHT);
    const limits = createCameraLimits(bounds, cameraLens, overview, SLAB_HEIGHT);

    it('allow the overview itself', () => {
      expect(clampPose(overview, limits)).toEqual(overview);
    });

    it('allow zooming in well past the overview, but not down to the ground', () => {
      expect(limits.minDistance).toBeLessThan(overview.distance / 5);
      const lowest = clampPose({ ...overview, distance: 0, tilt: Math.PI / 2 }, limits);
      expect(cameraPosition(lowest)[1]).toBeGreaterThan(SLAB_HEIGHT);
    });

    it('keep the top of the screen below the horizon at the steepest tilt', () => {
      const steepest = clampPose({ ...overview, tilt: Math.PI / 2 }, limits);
      expect(steepest.tilt + cameraLens.fovY / 2).toBeLessThan(Math.PI / 2);
    });

    it('clamp distance and tilt into range', () => {
      const far = clampPose({ ...overview, distance: 1e9, tilt: -1 }, limits);
      expect(far.distance).toBe(limits.maxDistance);
      expect(far.tilt).toBe(limits.minTilt);
      const near = clampPose({ ...overview, distance: 1, tilt: 3 }, limits);
      expect(near.distance).toBe(limits.minDistance);
      expect(near.tilt).toBe(limits.maxTilt);
    });

    it('pull a target that has wandered off back towards the municipality', () => {
      const lost = clampPose({ ...overview, target: [bounds.maxX + 1e6, bounds.minZ - 1e6] }, limits);
      const margin = limits.overhang * lost.distance;
      expect(lost.target[0]).toBeLessThanOrEqual(bounds.maxX + margin);
      expect(lost.target[1]).toBeGreaterThanOrEqual(bounds.minZ - margin);
    });

    it('leave a pose inside the limits alone, apart from keeping its heading small', () => {
      const inside: CameraPose = { target: [bounds.minX, bounds.maxZ], distance: overview.distance / 3, tilt: 0.3, heading: 4 * Math.PI + 1 };
      const clamped = clampPose(inside, limits);
      expect(clamped.target).toEqual(inside.target);
      expect(clamped.distance).toBe(inside.distance);
      expect(clamped.tilt).toBe(inside.tilt);
      expect(clamped.heading).toBeGreaterThanOrEqual(-Math.PI);
      expect(clamped.heading).toBeLessThan(Math.PI);
      expect(sameDirection(clamped.heading, inside.heading, 1e-12)).toBe(true);
    });

    it('recover a pose broken by a degenerate gesture', () => {
      const broken = clampPose({ target: [NaN, Infinity], distance: NaN, tilt: NaN, heading: -Infinity }, limits);
      expect([...broken.target, broken.distance, broken.tilt, broken.heading].every(Number.isFinite)).toBe(true);
      expect(clampPose(broken, limits)).toEqual(broken);
    });

    it('never lose the municipality off screen, however wild the pose', () => {
      const wild = [-1e7, -3e4, 0, 3e4, 1e7];
      for (const x of wild) {
        for (const z of wild) {
          for (const distance of [0, limits.minDistance, 5000, 1e8]) {
            for (const [tilt, heading] of [[0, 0], [1.5, 2], [0.7, -2.8]] as const) {
              const pose = clampPose({ target: [x, z], distance, tilt, heading }, limits);
              // The point of the municipality's bounds nearest the target must be in view.
              const nearest = [clamp(pose.target[0], bounds.minX, bounds.maxX), 0, clamp(pose.target[1], bounds.minZ, bounds.maxZ)] as [number, number, number];
              const ndc = projectToNdc(pose, cameraLens, nearest);
              expect(ndc && Math.max(Math.abs(ndc.x), Math.abs(ndc.y))).toBeLessThanOrEqual(1);
            }
          }
        }
      }
    });
  });
}
