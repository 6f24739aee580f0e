import { describe, expect, it } from 'vitest';
import type { ScenePolygon } from '../../../renderer/src/map/math/geo-polygons';
import { pointInPolygon, projectPolygons, ringArea } from '../../../renderer/src/map/math/geo-polygons';
import { inMunicipality, located, municipality, municipalityPolygons, neighbours, projection } from './fixtures';

describe('municipality polygon', () => {
  it('contains every village that has a coordinate', () => {
    const outside = located.filter((village) => !inMunicipality(projection.toScene(village.lonLat)));
    expect(outside.map((village) => village.name)).toEqual([]);
  });

  it('does not contain Roskilde, which lies in the neighbouring municipality', () => {
    const roskilde = projection.toScene([12.0803, 55.6415]);
    expect(inMunicipality(roskilde)).toBe(false);
    const roskildeKommune = neighbours.features.filter((f) => f.properties?.['navn'] === 'Roskilde Kommune');
    const polygons = projectPolygons({ type: 'FeatureCollection', features: roskildeKommune }, projection);
    expect(polygons.some((polygon) => pointInPolygon(roskilde, polygon))).toBe(true);
  });

  it('does not contain the middle of Isefjord or a point far out to sea', () => {
    expect(inMunicipality(projection.toScene([11.83, 55.72]))).toBe(false);
    expect(inMunicipality(projection.toScene([12.5, 55.2]))).toBe(false);
  });

  it('drops GeoJSON\'s repeated closing position, so no ring has a zero-length edge', () => {
    for (const polygon of municipalityPolygons) {
      for (const ring of polygon) {
        const first = ring[0];
        const last = ring[ring.length - 1];
        expect(first && last && (first[0] !== last[0] || first[1] !== last[1])).toBe(true);
      }
    }
  });

  it('keeps every vertex of a ring that is not closed', () => {
    const open = structuredClone(municipality);
    const feature = open.features[0];
    if (feature?.geometry.type !== 'MultiPolygon') throw new Error('expected the municipality as a MultiPolygon');
    const ring = feature.geometry.coordinates[0]?.[0];
    if (!ring) throw new Error('no ring');
    const closedLength = ring.length;
    ring.pop();
    const [projected] = projectPolygons(open, projection);
    expect(projected?.[0]).toHaveLength(closedLength - 1);
  });
});

describe('pointInPolygon and ringArea', () => {
  // A 10 × 10 square with a 4 × 4 hole in the middle.
  const square: ScenePolygon = [
    [[0, 0], [10, 0], [10, 10], [0, 10]],
    [[3, 3], [3, 7], [7, 7], [7, 3]],
  ];

  it('treats holes as outside', () => {
    expect(pointInPolygon([1, 1], square)).toBe(true);
    expect(pointInPolygon([5, 5], square)).toBe(false);
    expect(pointInPolygon([11, 5], square)).toBe(false);
  });

  it('measures area with a sign that follows the winding', () => {
    const [outline, hole] = square;
    if (!outline || !hole) throw new Error('bad fixture');
    expect(Math.abs(ringArea(outline))).toBeCloseTo(100);
    expect(Math.abs(ringArea(hole))).toBeCloseTo(16);
    expect(Math.sign(ringArea(outline))).toBe(-Math.sign(ringArea(hole)));
    expect(ringArea([...outline].reverse())).toBeCloseTo(-ringArea(outline));
  });
});
