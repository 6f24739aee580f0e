import type { ScenePoint } from './projection';

export interface Bounds {
  minX: number;
  minZ: number;
  maxX: number;
  maxZ: number;
}

export function boundsOf(points: Iterable<ScenePoint>): Bounds {
  let minX = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxZ = -Infinity;
  for (const [x, z] of points) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (z < minZ) minZ = z;
    if (z > maxZ) maxZ = z;
  }
  if (minX > maxX) throw new Error('bounds of no points');
  return { minX, minZ, maxX, maxZ };
}

export function boundsCentre(b: Bounds): ScenePoint {
  return [(b.minX + b.maxX) / 2, (b.minZ + b.maxZ) / 2];
}

export function boundsSize(b: Bounds): { width: number; depth: number } {
  return { width: b.maxX - b.minX, depth: b.maxZ - b.minZ };
}
