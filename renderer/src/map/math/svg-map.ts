import type { Bounds } from './bounds';
import type { ScenePolygon } from './geo-polygons';
import type { ScenePoint } from './projection';

// The same geodata as a flat SVG: the map's calm fallback when WebGL is lost or missing. Scene metres
// become SVG user units directly (x east, y = z south), so the viewBox is the bounds with a margin.

export function svgViewBox(bounds: Bounds, marginM = 1_500): string {
  return `${Math.round(bounds.minX - marginM)} ${Math.round(bounds.minZ - marginM)} ${Math.round(bounds.maxX - bounds.minX + 2 * marginM)} ${Math.round(bounds.maxZ - bounds.minZ + 2 * marginM)}`;
}

/** One path string for many polygons; holes work with fill-rule="evenodd". */
export function svgPathData(polygons: ScenePolygon[]): string {
  const parts: string[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      if (ring.length < 3) continue;
      parts.push(`M${ring.map(([x, z]) => `${Math.round(x)} ${Math.round(z)}`).join('L')}Z`);
    }
  }
  return parts.join('');
}

export function svgPoint([x, z]: ScenePoint): { cx: number; cy: number } {
  return { cx: Math.round(x), cy: Math.round(z) };
}
