import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { FeatureCollection, VillagesFile } from '../../../contract/content';
import type { Bounds } from '../../../renderer/src/map/math/bounds';
import { boundsOf } from '../../../renderer/src/map/math/bounds';
import type { Lens } from '../../../renderer/src/map/math/camera';
import type { ScenePolygon } from '../../../renderer/src/map/math/geo-polygons';
import { pointInPolygon, projectPolygons } from '../../../renderer/src/map/math/geo-polygons';
import type { LonLat, ScenePoint } from '../../../renderer/src/map/math/projection';
import { createProjection } from '../../../renderer/src/map/math/projection';
import type { Viewport } from '../../../renderer/src/map/math/screen';
import { lensFor } from '../../../renderer/src/map/math/screen';

// The real kiosk content, validated with the same schemas the kiosk uses, and the scene built from it the
// way the adapter does: origin at the centre of the municipality.

const GEO = new URL('../../../content/geo/', import.meta.url);

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, GEO), 'utf8'));
}

export const municipality = v.parse(FeatureCollection, readJson('municipality.geojson'));
export const parishes = v.parse(FeatureCollection, readJson('parishes.geojson'));
export const neighbours = v.parse(FeatureCollection, readJson('context.geojson'));
export const water = v.parse(FeatureCollection, readJson('water.geojson'));
export const villages = v.parse(VillagesFile, readJson('villages.json')).villages;

export const located = villages.flatMap((village) =>
  village.lat === null || village.lon === null ? [] : [{ ...village, lonLat: [village.lon, village.lat] as LonLat }],
);

function lonLatCentre(collection: FeatureCollection): LonLat {
  const positions = collection.features.flatMap((f) =>
    f.geometry.type === 'Polygon' ? f.geometry.coordinates.flat() : f.geometry.coordinates.flat(2),
  );
  const b = boundsOf(positions.map(([lon, lat]) => [lon, lat] as const));
  return [(b.minX + b.maxX) / 2, (b.minZ + b.maxZ) / 2];
}

export const projection = createProjection(lonLatCentre(municipality));
export const municipalityPolygons: ScenePolygon[] = projectPolygons(municipality, projection);
export const parishPolygons: ScenePolygon[] = projectPolygons(parishes, projection);
export const neighbourPolygons: ScenePolygon[] = projectPolygons(neighbours, projection);
export const waterPolygons: ScenePolygon[] = projectPolygons(water, projection);
export const municipalityBounds: Bounds = boundsOf(municipalityPolygons.flat(2));

export function inMunicipality(point: ScenePoint): boolean {
  return municipalityPolygons.some((polygon) => pointInPolygon(point, polygon));
}

export const LANDSCAPE: Viewport = { width: 1920, height: 1080 };
export const PORTRAIT: Viewport = { width: 1080, height: 1920 };
export const FOV_Y = (45 * Math.PI) / 180;
export const lens = (viewport: Viewport): Lens => lensFor(viewport, FOV_Y);
/** Height of the land slab's top surface in scene metres (exaggerated so the walls read in 3D). */
export const SLAB_HEIGHT = 300;

const EARTH_MEAN_RADIUS_M = 6_371_008.8;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres: an independent yardstick for the projection. */
export function haversineMetres([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.sqrt(h));
}

/** Two headings point the same way (they may differ by whole turns). */
export function sameDirection(a: number, b: number, tolerance = 1e-9): boolean {
  return Math.abs(Math.sin(a - b)) < tolerance && Math.cos(a - b) > 0;
}
