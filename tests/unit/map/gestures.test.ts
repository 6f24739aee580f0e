import { describe, expect, it } from 'vitest';
import type { CameraPose, Vec3 } from '../../../renderer/src/map/math/camera';
import { fitBounds } from '../../../renderer/src/map/math/camera';
import { clampPose, createCameraLimits, panPose, pinchPose, zoomAtPoint } from '../../../renderer/src/map/math/camera-limits';
import type { ScreenPoint } from '../../../renderer/src/map/math/screen';
import { groundAtPx, worldToPx } from '../../../renderer/src/map/math/screen';
import { LANDSCAPE, lens, municipalityBounds as bounds, PORTRAIT, SLAB_HEIGHT } from './fixtures';

const viewport = PORTRAIT;
const cameraLens = lens(viewport);
const overview = fitBounds(bounds, cameraLens, 0.6, 0, SLAB_HEIGHT);
const limits = createCameraLimits(bounds, cameraLens, overview, SLAB_HEIGHT);
const closer: CameraPose = { ...overview, distance: overview.distance / 4, tilt: 0.8, heading: 2.2 };

/** Where the ground that was under `px` in `before` is drawn in `after`. */
function follow(before: CameraPose, after: CameraPose, px: ScreenPoint, groundY = 0): ScreenPoint | null {
  const ground = groundAtPx(before, cameraLens, viewport, px, groundY);
  if (!ground) throw new Error('no ground under the finger');
  const point: Vec3 = [ground[0], groundY, ground[1]];
  return worldToPx(after, cameraLens, viewport, point);
}

describe('panPose', () => {
  it('keeps the ground under the finger, whatever the tilt and heading', () => {
    for (const pose of [overview, closer, { ...closer, tilt: 0, heading: -1 }]) {
      for (const [from, dx, dy] of [[{ x: 540, y: 960 }, 120, -80], [{ x: 200, y: 1500 }, -60, -300], [{ x: 900, y: 500 }, 10, 40]] as const) {
        const moved = panPose(pose, cameraLens, viewport, dx, dy, { fromPx: from, groundY: SLAB_HEIGHT });
        const now = follow(pose, moved, from, SLAB_HEIGHT);
        expect(now?.x).toBeCloseTo(from.x + dx, 3);
        expect(now?.y).toBeCloseTo(from.y + dy, 3);
      }
    }
  });

  it('drags from the screen centre when no finger position is given', () => {
    const moved = panPose(closer, cameraLens, viewport, -90, 130);
    const centre = { x: viewport.width / 2, y: viewport.height / 2 };
    const now = follow(closer, moved, centre);
    expect(now?.x).toBeCloseTo(centre.x - 90, 3);
    expect(now?.y).toBeCloseTo(centre.y + 130, 3);
  });

  it('changes only where the camera looks, not how', () => {
    const moved = panPose(closer, cameraLens, viewport, 50, 50);
    expect(moved.target).not.toEqual(closer.target);
    expect([moved.distance, moved.tilt, moved.heading]).toEqual([closer.distance, closer.tilt, closer.heading]);
  });

  it('still pans, the right way, when the finger is on the sky', () => {
    const steep: CameraPose = { ...closer, tilt: 1.45, heading: 0 };
    const sky = { x: 540, y: 5 };
    expect(groundAtPx(steep, cameraLens, viewport, sky)).toBeNull();
    // Dragging down pulls the view north (the way the camera looks), without jumping.
    const moved = panPose(steep, cameraLens, viewport, 0, 100, { fromPx: sky });
    const northwards = steep.target[1] - moved.target[1];
    expect(northwards).toBeGreaterThan(0);
    expect(northwards).toBeLessThan(steep.distance);
    expect(Math.abs(moved.target[0] - steep.target[0])).toBeLessThan(1e-6);
  });

  it('stops at the limits when dragged far off the map', () => {
    let pose = closer;
    for (let i = 0; i < 200; i++) pose = panPose(pose, cameraLens, viewport, 400, 300, { limits });
    expect(clampPose(pose, limits)).toEqual(pose);
    const margin = limits.overhang * pose.distance;
    expect(pose.target[0]).toBeGreaterThanOrEqual(bounds.minX - margin);
    expect(pose.target[1]).toBeGreaterThanOrEqual(bounds.minZ - margin);
  });
});

describe('pinchPose', () => {
  it('zooms in when the fingers spread and out when they close', () => {
    expect(pinchPose(closer, 2, 0).distance).toBeCloseTo(closer.distance / 2);
    expect(pinchPose(closer, 0.5, 0).distance).toBeCloseTo(closer.distance * 2);
  });

  it('turns the map with the fingers: a clockwise twist turns the map clockwise on screen', () => {
    const plan: CameraPose = { ...closer, tilt: 0, heading: 0 };
    const east: Vec3 = [plan.target[0] + 1000, 0, plan.target[1]];
    const before = worldToPx(plan, cameraLens, viewport, east);
    const after = worldToPx(pinchPose(plan, 1, 0.3), cameraLens, viewport, east);
    if (!before || !after) throw new Error('east of the target should be on screen');
    const centre = { x: viewport.width / 2, y: viewport.height / 2 };
    const angle = (p: ScreenPoint): number => Math.atan2(p.y - centre.y, p.x - centre.x);
    // Screen y grows downwards, so a clockwise turn increases the angle.
    expect(angle(after) - angle(before)).toBeCloseTo(0.3, 9);
  });

  it('stops zooming at the limits', () => {
    expect(pinchPose(closer, 1000, 0, limits).distance).toBe(limits.minDistance);
    expect(pinchPose(closer, 0.001, 0, limits).distance).toBe(limits.maxDistance);
  });

  it('ignores a scale that makes no sense', () => {
    for (const scale of [0, -1, NaN, Infinity]) expect(pinchPose(closer, scale, 0).distance).toBe(closer.distance);
  });
});

describe('zoomAtPoint', () => {
  it('keeps the ground under the pinch centre in place', () => {
    for (const at of [{ x: 100, y: 1700 }, { x: 980, y: 300 }]) {
      const zoomed = zoomAtPoint(closer, cameraLens, viewport, at.x, at.y, 1.6, { groundY: SLAB_HEIGHT });
      expect(zoomed.distance).toBeCloseTo(closer.distance / 1.6);
      const now = follow(closer, zoomed, at, SLAB_HEIGHT);
      expect(now?.x).toBeCloseTo(at.x, 3);
      expect(now?.y).toBeCloseTo(at.y, 3);
    }
  });

  it('does not slide the map when pinching against the zoom limit', () => {
    const nearest = { ...closer, distance: limits.minDistance };
    const zoomed = zoomAtPoint(nearest, cameraLens, viewport, 100, 200, 3, { limits });
    expect(zoomed.distance).toBe(limits.minDistance);
    expect(zoomed.target[0]).toBeCloseTo(nearest.target[0], 6);
    expect(zoomed.target[1]).toBeCloseTo(nearest.target[1], 6);
  });

  it('works in landscape too', () => {
    const wide = lens(LANDSCAPE);
    const pose = fitBounds(bounds, wide, 0.5, 0);
    const zoomed = zoomAtPoint(pose, wide, LANDSCAPE, 1700, 200, 2);
    const ground = groundAtPx(pose, wide, LANDSCAPE, { x: 1700, y: 200 });
    if (!ground) throw new Error('no ground');
    const now = worldToPx(zoomed, wide, LANDSCAPE, [ground[0], 0, ground[1]]);
    expect(now?.x).toBeCloseTo(1700, 3);
    expect(now?.y).toBeCloseTo(200, 3);
  });
});
