import type { FeatureCollection, Geometry } from '../../../../contract/content';
import type { MapProjection, ScenePoint } from './projection';

/** A polygon in scene metres: the first ring is the outline, the rest are holes. */
export type ScenePolygon = ScenePoint[][];

function polygonsOf(geometry: Geometry): number[][][][] {
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates];
    case 'MultiPolygon':
      return geometry.coordinates;
    default: {
      const exhaustive: never = geometry;
      throw new Error(`unsupported geometry ${String(exhaustive)}`);
    }
  }
}

/** GeoJSON rings repeat their first position at the end; a ring that doesn't is kept whole. */
function openRing(ring: number[][]): number[][] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  const closed = ring.length > 1 && first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  return closed ? ring.slice(0, -1) : ring;
}

/** Projects every polygon of a collection; GeoJSON's closing position is dropped from each ring. */
export function projectPolygons(collection: FeatureCollection, projection: MapProjection): ScenePolygon[] {
  const result: ScenePolygon[] = [];
  for (const feature of collection.features) {
    for (const polygon of polygonsOf(feature.geometry)) {
      result.push(polygon.map((ring) => openRing(ring).map(([lon, lat]) => projection.toScene([lon ?? 0, lat ?? 0]))));
    }
  }
  return result;
}

/** Even–odd ray casting; holes count as outside. */
export function pointInPolygon([x, z]: ScenePoint, polygon: ScenePolygon): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (!a || !b) continue;
      if (a[1] > z !== b[1] > z && x < ((b[0] - a[0]) * (z - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
  }
  return inside;
}

/**
 * Signed area (shoelace) in square metres; positive for counter-clockwise rings in x/z, which is clockwise
 * as seen on a north-up map (z grows south) and so clockwise in lon/lat too.
 */
export function ringArea(ring: ScenePoint[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a && b) sum += (b[0] - a[0]) * (b[1] + a[1]);
  }
  return sum / 2;
}
