import { describe, expect, it } from 'vitest';
import type { Bounds } from '../../../renderer/src/map/math/bounds';
import type { CameraPose, Lens, Vec3 } from '../../../renderer/src/map/math/camera';
import { cameraPosition, fitBounds, groundAtNdc, projectToNdc } from '../../../renderer/src/map/math/camera';
import { FOV_Y, LANDSCAPE, lens, municipalityBounds, PORTRAIT, SLAB_HEIGHT } from './fixtures';

function corners(b: Bounds, height: number): Vec3[] {
  return [0, height].flatMap((y) =>
    [b.minX, b.maxX].flatMap((x) => [b.minZ, b.maxZ].map((z): Vec3 => [x, y, z])),
  );
}

/** How far out the furthest corner lands: ≤ 1 means every corner is on screen. */
function furthestCorner(pose: CameraPose, cameraLens: Lens, b: Bounds, height: number): number {
  return Math.max(
    ...corners(b, height).map((corner) => {
      const ndc = projectToNdc(pose, cameraLens, corner);
      return ndc ? Math.max(Math.abs(ndc.x), Math.abs(ndc.y)) : Infinity;
    }),
  );
}

const VIEWS = [
  { name: 'plan view', tilt: 0, heading: 0 },
  { name: 'tilted', tilt: 0.6, heading: 0 },
  { name: 'tilted and turned', tilt: 0.9, heading: 2.4 },
];

describe('fitBounds', () => {
  for (const [orientation, viewport] of [['landscape 16:9', LANDSCAPE], ['portrait 9:16', PORTRAIT]] as const) {
    for (const view of VIEWS) {
      it(`shows the whole municipality, tightly, in ${orientation}, ${view.name}`, () => {
        const cameraLens = lens(viewport);
        const pose = fitBounds(municipalityBounds, cameraLens, view.tilt, view.heading, SLAB_HEIGHT);
        expect(furthestCorner(pose, cameraLens, municipalityBounds, SLAB_HEIGHT)).toBeLessThanOrEqual(1);
        const closer = { ...pose, distance: pose.distance * 0.9 };
        expect(furthestCorner(closer, cameraLens, municipalityBounds, SLAB_HEIGHT)).toBeGreaterThan(1);
      });
    }
  }

  it('needs to stand further back in portrait than in landscape for the same map', () => {
    const landscape = fitBounds(municipalityBounds, lens(LANDSCAPE), 0, 0);
    const portrait = fitBounds(municipalityBounds, lens(PORTRAIT), 0, 0);
    expect(portrait.distance).toBeGreaterThan(landscape.distance);
  });
});

describe('camera orientation', () => {
  const cameraLens: Lens = { fovY: FOV_Y, aspect: 16 / 9 };
  const plan: CameraPose = { target: [0, 0], distance: 10_000, tilt: 0, heading: 0 };

  it('shows north up and east right in plan view with heading 0', () => {
    const north = projectToNdc(plan, cameraLens, [0, 0, -1000]);
    const east = projectToNdc(plan, cameraLens, [1000, 0, 0]);
    expect(north?.y).toBeGreaterThan(0);
    expect(Math.abs(north?.x ?? 1)).toBeLessThan(1e-9);
    expect(east?.x).toBeGreaterThan(0);
    expect(Math.abs(east?.y ?? 1)).toBeLessThan(1e-9);
  });

  it('looks east with heading π/2: east is at the top of the screen', () => {
    const east = projectToNdc({ ...plan, heading: Math.PI / 2 }, cameraLens, [1000, 0, 0]);
    expect(east?.y).toBeGreaterThan(0);
  });

  it('stands the camera south of its target when tilted towards the north', () => {
    const [, y, z] = cameraPosition({ ...plan, tilt: 0.5 });
    expect(z).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
  });

  it('does not jump as the tilt leaves plan view', () => {
    const point: Vec3 = [1200, 0, -800];
    for (const heading of [0, 1, -2.5]) {
      const flat = projectToNdc({ ...plan, heading }, cameraLens, point);
      const barely = projectToNdc({ ...plan, heading, tilt: 1e-5 }, cameraLens, point);
      expect(Math.abs((flat?.x ?? 0) - (barely?.x ?? 9))).toBeLessThan(1e-3);
      expect(Math.abs((flat?.y ?? 0) - (barely?.y ?? 9))).toBeLessThan(1e-3);
    }
  });
});

describe('groundAtNdc', () => {
  const cameraLens: Lens = { fovY: FOV_Y, aspect: 9 / 16 };

  it('finds the ground point that projectToNdc puts at a spot on screen', () => {
    const pose: CameraPose = { target: [500, -300], distance: 8000, tilt: 0.8, heading: -0.7 };
    for (const ndc of [{ x: 0, y: 0 }, { x: 0.7, y: -0.9 }, { x: -0.95, y: 0.8 }]) {
      for (const groundY of [0, SLAB_HEIGHT]) {
        const ground = groundAtNdc(pose, cameraLens, ndc, groundY);
        if (!ground) throw new Error('expected ground');
        const back = projectToNdc(pose, cameraLens, [ground[0], groundY, ground[1]]);
        expect(back?.x).toBeCloseTo(ndc.x, 9);
        expect(back?.y).toBeCloseTo(ndc.y, 9);
      }
    }
  });

  it('finds no ground above the horizon', () => {
    const pose: CameraPose = { target: [0, 0], distance: 1000, tilt: 1.4, heading: 0 };
    expect(groundAtNdc(pose, cameraLens, { x: 0, y: 1 })).toBeNull();
  });
});
