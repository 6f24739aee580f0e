import type { ContentSnapshot, Village } from '../../../contract/content';
import { boundsOf, type Bounds } from './math/bounds';
import { projectPolygons, type ScenePolygon } from './math/geo-polygons';
import { createProjection, type MapProjection, type ScenePoint } from './math/projection';
import { labelPriority } from './math/village-layout';

export interface PlacedVillage {
  village: Village;
  point: ScenePoint;
  /** Larger places win contested label spots. */
  priority: number;
}

/** The map's geometry in scene metres, derived once per content version. No three.js here. */
export interface MapModel {
  projection: MapProjection;
  municipality: ScenePolygon[];
  parishes: ScenePolygon[];
  water: ScenePolygon[];
  context: ScenePolygon[];
  villages: PlacedVillage[];
  bounds: Bounds;
}

function firstRingCentre(collection: ContentSnapshot['geo']['municipality']): [number, number] {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const feature of collection.features) {
    const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const polygon of polygons) {
      for (const [lon = 0, lat = 0] of polygon[0] ?? []) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  return [(minLon + maxLon) / 2, (minLat + maxLat) / 2];
}

export function buildMapModel(content: Pick<ContentSnapshot, 'geo' | 'villages'>): MapModel {
  const projection = createProjection(firstRingCentre(content.geo.municipality));
  const municipality = projectPolygons(content.geo.municipality, projection);
  const villages: PlacedVillage[] = [];
  for (const village of content.villages) {
    // Places without a sourced coordinate are never placed by guess.
    if (village.lat === null || village.lon === null) continue;
    villages.push({ village, point: projection.toScene([village.lon, village.lat]), priority: labelPriority(village) });
  }
  return {
    projection,
    municipality,
    parishes: projectPolygons(content.geo.parishes, projection),
    water: projectPolygons(content.geo.water, projection),
    context: projectPolygons(content.geo.context, projection),
    villages,
    bounds: boundsOf(municipality.flatMap((polygon) => polygon[0] ?? [])),
  };
}
