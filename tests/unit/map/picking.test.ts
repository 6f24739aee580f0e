import { describe, expect, it } from 'vitest';
import { fitBounds } from '../../../renderer/src/map/math/camera';
import type { ScreenMarker } from '../../../renderer/src/map/math/picking';
import { pickNearest } from '../../../renderer/src/map/math/picking';
import { placeVillages, villagesOnScreen } from '../../../renderer/src/map/math/village-layout';
import { LANDSCAPE, lens, municipalityBounds, projection, SLAB_HEIGHT, villages } from './fixtures';

const TOUCH_RADIUS_PX = 36;

describe('pickNearest', () => {
  const a: ScreenMarker = { id: 1, x: 100, y: 100 };
  const b: ScreenMarker = { id: 2, x: 150, y: 100 };

  it('picks a village when the tap lands within the touch radius', () => {
    expect(pickNearest([a], 100 + 30, 100 + 15, TOUCH_RADIUS_PX)?.id).toBe(1);
  });

  it('picks nothing when the tap lands outside the touch radius', () => {
    expect(pickNearest([a], 100 + 30, 100 + 25, TOUCH_RADIUS_PX)).toBeNull();
    expect(pickNearest([], 0, 0, TOUCH_RADIUS_PX)).toBeNull();
  });

  it('picks whichever of two close villages the tap is nearer, so both can be reached', () => {
    expect(pickNearest([a, b], 120, 110, TOUCH_RADIUS_PX)?.id).toBe(1);
    expect(pickNearest([a, b], 130, 90, TOUCH_RADIUS_PX)?.id).toBe(2);
    expect(pickNearest([b, a], 120, 110, TOUCH_RADIUS_PX)?.id).toBe(1);
  });

  it('hands back the caller\'s own marker objects', () => {
    const tagged = [{ ...a, name: 'Lejre' }];
    expect(pickNearest(tagged, 100, 100, TOUCH_RADIUS_PX)?.name).toBe('Lejre');
  });
});

describe('picking the real villages on the overview map', () => {
  const cameraLens = lens(LANDSCAPE);
  const overview = fitBounds(municipalityBounds, cameraLens, 0.6, 0, SLAB_HEIGHT);
  const markers = villagesOnScreen(placeVillages(villages, projection), overview, cameraLens, LANDSCAPE, SLAB_HEIGHT);
  const distance = (m: ScreenMarker, x: number, y: number): number => Math.hypot(m.x - x, m.y - y);

  it('picks each village when tapped right on its marker, unless another is drawn on the same spot', () => {
    for (const marker of markers) {
      const picked = pickNearest(markers, marker.x, marker.y, TOUCH_RADIUS_PX);
      expect(picked && distance(picked, marker.x, marker.y)).toBe(0);
    }
  });

  it('picks the nearest village for taps around the map, and nothing when none is within reach', () => {
    let hits = 0;
    let misses = 0;
    for (let y = 0; y <= LANDSCAPE.height; y += 20) {
      for (let x = 0; x <= LANDSCAPE.width; x += 20) {
        const nearest = Math.min(...markers.map((m) => distance(m, x, y)));
        const picked = pickNearest(markers, x, y, TOUCH_RADIUS_PX);
        if (nearest <= TOUCH_RADIUS_PX) {
          hits++;
          expect(picked && distance(picked, x, y)).toBe(nearest);
        } else {
          misses++;
          expect(picked).toBeNull();
        }
      }
    }
    expect(hits).toBeGreaterThan(0);
    expect(misses).toBeGreaterThan(0);
  });
});
