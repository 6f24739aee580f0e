import { describe, expect, it } from 'vitest';
import type { ScenePolygon } from '../../../renderer/src/map/math/geo-polygons';
import { ringArea } from '../../../renderer/src/map/math/geo-polygons';
import type { MeshData } from '../../../renderer/src/map/math/mesh-data';
import { flatMesh, outlineSegments, slabMesh } from '../../../renderer/src/map/math/mesh-data';
import { municipalityPolygons, parishPolygons, SLAB_HEIGHT } from './fixtures';

const LAND = [0.8, 0.85, 0.7] as const;
const SIDE = [0.5, 0.55, 0.45] as const;

/** Area of the triangles lying flat at height y, in square metres. */
function topArea(mesh: MeshData, y: number): number {
  const { positions: p, indices } = mesh;
  let area = 0;
  for (let i = 0; i < indices.length; i += 3) {
    const [a, b, c] = [indices[i] ?? 0, indices[i + 1] ?? 0, indices[i + 2] ?? 0].map((v) => v * 3) as [number, number, number];
    const ys = [p[a + 1], p[b + 1], p[c + 1]];
    if (!ys.every((vy) => vy === y)) continue;
    const abx = (p[b] ?? 0) - (p[a] ?? 0);
    const abz = (p[b + 2] ?? 0) - (p[a + 2] ?? 0);
    const acx = (p[c] ?? 0) - (p[a] ?? 0);
    const acz = (p[c + 2] ?? 0) - (p[a + 2] ?? 0);
    area += Math.abs(abx * acz - abz * acx) / 2;
  }
  return area;
}

/** Shoelace area of polygons: outlines minus holes. */
function polygonArea(polygons: ScenePolygon[]): number {
  return polygons.reduce(
    (sum, [outline, ...holes]) =>
      sum + Math.abs(ringArea(outline ?? [])) - holes.reduce((h, hole) => h + Math.abs(ringArea(hole)), 0),
    0,
  );
}

function heights(mesh: MeshData): Set<number> {
  return new Set(mesh.positions.filter((_, i) => i % 3 === 1));
}

describe('municipality slab', () => {
  const slab = slabMesh(municipalityPolygons, SLAB_HEIGHT, LAND, SIDE);

  it('has a top whose triangles cover exactly the municipality polygon (within 0.5 %)', () => {
    const expected = polygonArea(municipalityPolygons);
    expect(Math.abs(topArea(slab, SLAB_HEIGHT) - expected) / expected).toBeLessThan(0.005);
  });

  it('is about as big as Lejre Kommune (240 km²)', () => {
    const km2 = topArea(slab, SLAB_HEIGHT) / 1e6;
    expect(km2).toBeGreaterThan(230);
    expect(km2).toBeLessThan(250);
  });

  it('has side walls from the water up to the top', () => {
    expect(heights(slab)).toEqual(new Set([0, SLAB_HEIGHT]));
    expect(topArea(slab, 0)).toBe(0);
  });

  it('only indexes vertices that exist, in whole triangles, with one colour per vertex', () => {
    const vertexCount = slab.positions.length / 3;
    expect(slab.indices.length % 3).toBe(0);
    expect(slab.indices.every((index) => index < vertexCount)).toBe(true);
    expect(slab.colours.length).toBe(slab.positions.length);
  });
});

describe('parish tops', () => {
  const parishes = flatMesh(parishPolygons, 0, LAND);

  it('triangulate parishes with holes to their area, holes left open (within 0.5 %)', () => {
    expect(parishPolygons.some((polygon) => polygon.length > 1)).toBe(true);
    const expected = polygonArea(parishPolygons);
    expect(Math.abs(topArea(parishes, 0) - expected) / expected).toBeLessThan(0.005);
  });

  it('tile the municipality without gaps or overlaps (within 0.5 %)', () => {
    const municipality = polygonArea(municipalityPolygons);
    expect(Math.abs(topArea(parishes, 0) - municipality) / municipality).toBeLessThan(0.005);
  });
});

describe('wall shading', () => {
  // A 100 m square; the light comes from the north-west (north is −z).
  const square: ScenePolygon = [[[0, 0], [100, 0], [100, 100], [0, 100]]];

  /** Brightness of the wall whose four corners all have `value` on the x (0) or z (2) axis. */
  function wallBrightness(mesh: MeshData, axis: 0 | 2, value: number): number {
    const tops = square[0]?.length ?? 0;
    // After the top's vertices, each wall is a quad of four vertices sharing one colour.
    for (let v = tops; v < mesh.positions.length / 3; v += 4) {
      const corners = [0, 1, 2, 3].map((k) => mesh.positions[(v + k) * 3 + axis]);
      if (corners.every((c) => c === value)) return mesh.colours[v * 3] ?? NaN;
    }
    throw new Error('no such wall');
  }

  for (const [winding, polygon] of [
    ['one way round', square],
    ['the other way round', square.map((ring) => [...ring].reverse())],
  ] as const) {
    it(`lights the north and west walls more than the south and east walls, with rings ${winding}`, () => {
      const mesh = slabMesh([polygon], 10, [1, 1, 1], [1, 1, 1]);
      const north = wallBrightness(mesh, 2, 0);
      const west = wallBrightness(mesh, 0, 0);
      const south = wallBrightness(mesh, 2, 100);
      const east = wallBrightness(mesh, 0, 100);
      expect(Math.min(north, west)).toBeGreaterThan(Math.max(south, east));
    });
  }
});

describe('outline segments', () => {
  it('draws every edge of every ring once, just above the given height', () => {
    const segments = outlineSegments(parishPolygons, 5);
    const edges = parishPolygons.flat().reduce((sum, ring) => sum + ring.length, 0);
    expect(segments.length).toBe(edges * 6);
    expect(segments.filter((_, i) => i % 3 === 1).every((y) => y === 5)).toBe(true);
  });
});
