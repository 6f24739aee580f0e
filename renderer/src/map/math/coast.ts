import { boundsOf, type Bounds } from './bounds';
import { pointInPolygon, type ScenePolygon } from './geo-polygons';
import type { ScenePoint } from './projection';

// Issue 4 asks for the land's side walls "only where land meets water": along a border between two
// municipalities the land is one surface, and a wall there would cut it in two (and cost triangles a CPU
// renderer has to fill). Which side of an edge is water is read from the water polygons themselves.

/**
 * How far beyond an edge's midpoint the water test looks. The sourced boundaries (DAGI 1:500 000) meet
 * their neighbours exactly (shared vertices), so a couple of metres lands clearly on the far side, and
 * stays short of the far shore of the narrowest inlet (some are under 25 m across at their tip).
 */
export const COAST_PROBE_M = 2;

/** Point-in-area for many polygons, skipping the ones whose box cannot hold the point. */
export interface AreaIndex {
  contains(point: ScenePoint): boolean;
}

export function areaIndex(polygons: readonly ScenePolygon[]): AreaIndex {
  const boxed = polygons.flatMap((polygon): { polygon: ScenePolygon; box: Bounds }[] =>
    (polygon[0]?.length ?? 0) < 3 ? [] : [{ polygon, box: boundsOf(polygon[0] ?? []) }],
  );
  return {
    contains: (point) =>
      boxed.some(
        ({ polygon, box }) =>
          point[0] >= box.minX && point[0] <= box.maxX && point[1] >= box.minZ && point[1] <= box.maxZ && pointInPolygon(point, polygon),
      ),
  };
}

/**
 * True when the far side of the edge a→b is water. `a→b` must be walked so that (-dz, dx) points out of
 * the land (mesh-data's outward winding).
 */
export function edgeFacesWater(a: ScenePoint, b: ScenePoint, water: AreaIndex): boolean {
  const dx = b[0] - a[0];
  const dz = b[1] - a[1];
  const length = Math.hypot(dx, dz);
  if (length === 0) return false;
  const probe: ScenePoint = [(a[0] + b[0]) / 2 + (-dz / length) * COAST_PROBE_M, (a[1] + b[1]) / 2 + (dx / length) * COAST_PROBE_M];
  return water.contains(probe);
}
