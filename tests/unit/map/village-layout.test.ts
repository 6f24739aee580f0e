import { describe, expect, it } from 'vitest';
import { fitBounds } from '../../../renderer/src/map/math/camera';
import { labelPriority, placeVillages, villagesOnScreen } from '../../../renderer/src/map/math/village-layout';
import { inMunicipality, LANDSCAPE, lens, located, municipalityBounds, PORTRAIT, projection, SLAB_HEIGHT, villages } from './fixtures';

describe('placeVillages', () => {
  const placed = placeVillages(villages, projection);

  it('puts every village with a sourced coordinate on the map, and no others', () => {
    expect(placed.map((v) => v.id).sort()).toEqual(located.map((v) => v.id).sort());
  });

  it('places them inside the municipality', () => {
    expect(placed.every((village) => inMunicipality(village.point))).toBe(true);
  });
});

describe('labelPriority', () => {
  const town = (tier: 1 | 2 | 3, population: number | null) => ({
    tier,
    population: population === null ? null : { value: population, year: 2023, source: 'test' },
  });

  it('ranks every town above every village, and every village above every hamlet', () => {
    expect(labelPriority(town(1, 210))).toBeGreaterThan(labelPriority(town(2, 5000)));
    expect(labelPriority(town(2, null))).toBeGreaterThan(labelPriority(town(3, 900)));
  });

  it('ranks larger places first within a tier, and a known population above an unknown one', () => {
    expect(labelPriority(town(1, 4340))).toBeGreaterThan(labelPriority(town(1, 3097)));
    expect(labelPriority(town(2, 40))).toBeGreaterThan(labelPriority(town(2, null)));
  });

  it('orders the real tier-1 towns by population', () => {
    const towns = villages.filter((v) => v.tier === 1 && v.population !== null);
    const byPriority = [...towns].sort((a, b) => labelPriority(b) - labelPriority(a));
    const byPopulation = [...towns].sort((a, b) => (b.population?.value ?? 0) - (a.population?.value ?? 0));
    expect(byPriority.map((v) => v.population?.value)).toEqual(byPopulation.map((v) => v.population?.value));
  });
});

describe('villagesOnScreen', () => {
  const placed = placeVillages(villages, projection);

  for (const [orientation, viewport] of [['landscape', LANDSCAPE], ['portrait', PORTRAIT]] as const) {
    it(`shows every placed village in the overview, ${orientation}`, () => {
      const cameraLens = lens(viewport);
      const overview = fitBounds(municipalityBounds, cameraLens, 0.6, 0, SLAB_HEIGHT);
      const visible = villagesOnScreen(placed, overview, cameraLens, viewport, SLAB_HEIGHT);
      expect(visible).toHaveLength(placed.length);
      for (const marker of visible) {
        expect(marker.x).toBeGreaterThanOrEqual(0);
        expect(marker.x).toBeLessThanOrEqual(viewport.width);
        expect(marker.y).toBeGreaterThanOrEqual(0);
        expect(marker.y).toBeLessThanOrEqual(viewport.height);
      }
    });
  }

  it('leaves out villages that a close-up view does not show', () => {
    const cameraLens = lens(LANDSCAPE);
    const overview = fitBounds(municipalityBounds, cameraLens, 0.6, 0, SLAB_HEIGHT);
    const closeUp = { ...overview, distance: overview.distance / 8 };
    const visible = villagesOnScreen(placed, closeUp, cameraLens, LANDSCAPE, SLAB_HEIGHT);
    expect(visible.length).toBeLessThan(placed.length);
  });
});
