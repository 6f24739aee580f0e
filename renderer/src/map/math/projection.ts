import { geoTransverseMercator, type GeoProjection } from 'd3-geo';

// Scene coordinates are metres on a transverse Mercator projection with UTM zone 32N's central meridian
// (9° E) and scale factor, centred on the municipality: x grows east, z grows south, y is height.
// d3-geo works on a sphere, so distances differ from true UTM by well under 1 %, which is plenty for a
// map whose geodata is generalised to 1:500 000.

const EARTH_RADIUS_M = 6_378_137;
const UTM_SCALE_FACTOR = 0.9996;
const UTM32_CENTRAL_MERIDIAN = 9;

export type LonLat = readonly [lon: number, lat: number];
export type ScenePoint = readonly [x: number, z: number];

export interface MapProjection {
  toScene(lonLat: LonLat): ScenePoint;
  toLonLat(point: ScenePoint): LonLat;
  /** The geographic point at the scene origin. */
  readonly origin: LonLat;
}

export function createProjection(origin: LonLat): MapProjection {
  const projection: GeoProjection = geoTransverseMercator()
    .rotate([-UTM32_CENTRAL_MERIDIAN, 0])
    .scale(EARTH_RADIUS_M * UTM_SCALE_FACTOR)
    .translate([0, 0]);
  const centre = projection([origin[0], origin[1]]);
  if (!centre) throw new Error('origin cannot be projected');
  const [cx, cz] = centre;
  return {
    origin,
    toScene([lon, lat]) {
      const p = projection([lon, lat]);
      if (!p) throw new Error(`cannot project ${lon},${lat}`);
      return [p[0] - cx, p[1] - cz];
    },
    toLonLat([x, z]) {
      const ll = projection.invert?.([x + cx, z + cz]);
      if (!ll) throw new Error(`cannot invert ${x},${z}`);
      return [ll[0], ll[1]];
    },
  };
}
