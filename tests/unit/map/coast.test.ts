import { describe, expect, it } from 'vitest';
import { areaIndex, COAST_PROBE_M, edgeFacesWater } from '../../../renderer/src/map/math/coast';
import type { ScenePolygon } from '../../../renderer/src/map/math/geo-polygons';
import type { MeshData } from '../../../renderer/src/map/math/mesh-data';
import { slabMesh } from '../../../renderer/src/map/math/mesh-data';
import type { ScenePoint } from '../../../renderer/src/map/math/projection';
import { municipalityPolygons, neighbourPolygons, SLAB_HEIGHT, waterPolygons } from './fixtures';

const LAND = [0.8, 0.85, 0.7] as const;
const SIDE = [0.5, 0.55, 0.45] as const;

/** Each wall of a slab as its two ground corners; walls are quads of four vertices after the top's. */
function wallFeet(mesh: MeshData, topVertexCount: number): [ScenePoint, ScenePoint][] {
  const p = mesh.positions;
  const feet: [ScenePoint, ScenePoint][] = [];
  for (let v = topVertexCount; v < p.length / 3; v += 4) {
    feet.push([
      [p[v * 3] ?? 0, p[v * 3 + 2] ?? 0],
      [p[(v + 1) * 3] ?? 0, p[(v + 1) * 3 + 2] ?? 0],
    ]);
  }
  return feet;
}

/**
 * A few edges of the sourced rings are under a metre long (where a border meets the coast): whichever way
 * they go, their wall is thinner than a pixel at the closest zoom, so the checks below leave them out.
 */
const VISIBLE_M = 10;
const visible = ([a, b]: [ScenePoint, ScenePoint]): boolean => Math.hypot(b[0] - a[0], b[1] - a[1]) >= VISIBLE_M;

const vertexCount = (polygons: ScenePolygon[]): number => polygons.flat().reduce((sum, ring) => sum + ring.length, 0);

/** A point a little to either side of a wall's midpoint. */
function sides([a, b]: [ScenePoint, ScenePoint], metres: number): [ScenePoint, ScenePoint] {
  const [dx, dz] = [b[0] - a[0], b[1] - a[1]];
  const length = Math.hypot(dx, dz);
  const [nx, nz] = [(-dz / length) * metres, (dx / length) * metres];
  const mid: ScenePoint = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  return [
    [mid[0] + nx, mid[1] + nz],
    [mid[0] - nx, mid[1] - nz],
  ];
}

describe('walls only where land meets water', () => {
  // Two 1 km fields side by side in a lake: the edge they share is land on both sides.
  const west: ScenePolygon = [[[0, 0], [1000, 0], [1000, 1000], [0, 1000]]];
  const east: ScenePolygon = [[[1000, 0], [2000, 0], [2000, 1000], [1000, 1000]]];
  const lake: ScenePolygon = [
    [[-500, -500], [2500, -500], [2500, 1500], [-500, 1500]],
    [[0, 0], [2000, 0], [2000, 1000], [0, 1000]],
  ];

  it('gives a field three walls to the lake and none along the field next door', () => {
    const mesh = slabMesh([west], 10, LAND, SIDE, areaIndex([lake]));
    const feet = wallFeet(mesh, 4);
    expect(feet).toHaveLength(3);
    const onSharedEdge = feet.filter(([a, b]) => a[0] === 1000 && b[0] === 1000);
    expect(onSharedEdge).toEqual([]);
  });

  it('gives both fields together six walls, none on the edge they share', () => {
    const feet = wallFeet(slabMesh([west, east], 10, LAND, SIDE, areaIndex([lake])), 8);
    expect(feet).toHaveLength(6);
    expect(feet.filter(([a, b]) => a[0] === 1000 && b[0] === 1000)).toEqual([]);
  });

  it('walls every edge when no water is given (a slab on its own)', () => {
    expect(wallFeet(slabMesh([west], 10, LAND, SIDE), 4)).toHaveLength(4);
  });

  it('reads either winding of a ring the same way', () => {
    const reversed = west.map((ring) => [...ring].reverse());
    expect(wallFeet(slabMesh([reversed], 10, LAND, SIDE, areaIndex([lake])), 4)).toHaveLength(3);
  });

  it('finds the water beyond an edge, and not the field beyond another', () => {
    const water = areaIndex([lake]);
    // Walked with the land on the left-hand side of (-dz, dx): the west field's south edge faces the lake…
    expect(edgeFacesWater([1000, 0], [0, 0], water) || edgeFacesWater([0, 0], [1000, 0], water)).toBe(true);
    // …its east edge faces the other field whichever way it is walked.
    expect(edgeFacesWater([1000, 0], [1000, 1000], water)).toBe(false);
    expect(edgeFacesWater([1000, 1000], [1000, 0], water)).toBe(false);
  });
});

describe('Lejre and its neighbours on the sourced geodata', () => {
  const water = areaIndex(waterPolygons);
  const neighbours = areaIndex(neighbourPolygons);
  const lejre = areaIndex(municipalityPolygons);
  const lejreSlab = slabMesh(municipalityPolygons, SLAB_HEIGHT, LAND, SIDE, water);
  const lejreWalls = wallFeet(lejreSlab, vertexCount(municipalityPolygons));
  const neighbourWalls = wallFeet(slabMesh(neighbourPolygons, SLAB_HEIGHT, LAND, SIDE, water), vertexCount(neighbourPolygons));

  it('stands Lejre walls along its fjord coasts, and far fewer than it has edges', () => {
    const edges = vertexCount(municipalityPolygons);
    // Isefjord, Lejre Vig, Roskilde Fjord's arms: a long coast, but the borders with Holbæk, Roskilde,
    // Ringsted, Køge, Solrød and Greve are land.
    expect(lejreWalls.length).toBeGreaterThan(edges * 0.2);
    expect(lejreWalls.length).toBeLessThan(edges * 0.9);
  });

  it('has water on one side of every wall and land on the other, for Lejre and its neighbours alike', () => {
    const walls = [...lejreWalls, ...neighbourWalls].filter(visible);
    expect(walls.length).toBeGreaterThan(100);
    for (const foot of walls) {
      // Which side is which depends on how the wall was walked: one side water, the other land.
      const [one, other] = sides(foot, COAST_PROBE_M);
      const land = (point: ScenePoint): boolean => lejre.contains(point) || neighbours.contains(point);
      expect((water.contains(one) && land(other)) || (water.contains(other) && land(one))).toBe(true);
    }
  });

  it('stands no wall on the border between Lejre and a neighbouring municipality', () => {
    const onBorder = lejreWalls.filter(visible).filter((foot) => sides(foot, COAST_PROBE_M).some((point) => neighbours.contains(point)));
    expect(onBorder).toEqual([]);
  });

  it('leaves out the walls Lejre would have along its land borders (there are some to leave out)', () => {
    const all = wallFeet(slabMesh(municipalityPolygons, SLAB_HEIGHT, LAND, SIDE), vertexCount(municipalityPolygons)).filter(visible);
    const onBorder = all.filter((foot) => sides(foot, COAST_PROBE_M).some((point) => neighbours.contains(point)));
    expect(onBorder.length).toBeGreaterThan(50);
    expect(all.length - lejreWalls.filter(visible).length).toBe(onBorder.length);
  });
});
