import earcut from 'earcut';
import { edgeFacesWater, type AreaIndex } from './coast';
import type { ScenePolygon } from './geo-polygons';
import { ringArea } from './geo-polygons';
import type { ScenePoint } from './projection';

// Plain arrays ready for a BufferGeometry: the three.js adapter only copies them. Colours are baked per
// vertex (tops lit, walls shaded) so the map needs no lights and renders cheaply on a CPU renderer.

export type Rgb = readonly [number, number, number];

export interface MeshData {
  positions: Float32Array;
  colours: Float32Array;
  indices: Uint32Array;
}

class MeshBuilder {
  readonly positions: number[] = [];
  readonly colours: number[] = [];
  readonly indices: number[] = [];

  vertex(x: number, y: number, z: number, [r, g, b]: Rgb): number {
    this.positions.push(x, y, z);
    this.colours.push(r, g, b);
    return this.positions.length / 3 - 1;
  }

  build(): MeshData {
    return {
      positions: new Float32Array(this.positions),
      colours: new Float32Array(this.colours),
      indices: new Uint32Array(this.indices),
    };
  }
}

/** Triangulates polygons with holes (earcut) into flat tops at height `y`. */
function addTops(builder: MeshBuilder, polygons: ScenePolygon[], y: number, colour: Rgb): void {
  for (const polygon of polygons) {
    const flat: number[] = [];
    const holes: number[] = [];
    for (const [index, ring] of polygon.entries()) {
      if (index > 0) holes.push(flat.length / 2);
      for (const [x, z] of ring) flat.push(x, z);
    }
    const base = builder.positions.length / 3;
    for (let i = 0; i < flat.length; i += 2) builder.vertex(flat[i] ?? 0, y, flat[i + 1] ?? 0, colour);
    for (const index of earcut(flat, holes, 2)) builder.indices.push(base + index);
  }
}

function shade([r, g, b]: Rgb, factor: number): Rgb {
  return [r * factor, g * factor, b * factor];
}

/**
 * The ring walked so that each edge's normal (-dz, dx) points out of the land: outlines anticlockwise as
 * seen on a north-up map (as RFC 7946 asks), holes clockwise. Sources disagree on winding (shapely writes
 * the opposite), so it is decided here from the area's sign rather than trusted.
 */
function outwardWinding(ring: ScenePoint[], isHole: boolean): ScenePoint[] {
  const anticlockwiseOnMap = ringArea(ring) < 0;
  return anticlockwiseOnMap === !isHole ? ring : [...ring].reverse();
}

/**
 * Vertical walls from `bottom` to `top`, shaded by which way they face: along every edge whose far side is
 * water, or along every edge when no water is given.
 */
function addWalls(builder: MeshBuilder, polygons: ScenePolygon[], bottom: number, top: number, colour: Rgb, water: AreaIndex | null): void {
  for (const polygon of polygons) {
    for (const [index, sourceRing] of polygon.entries()) {
      const ring = outwardWinding(sourceRing, index > 0);
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        if (!a || !b) continue;
        if (water && !edgeFacesWater(a, b, water)) continue;
        const dx = b[0] - a[0];
        const dz = b[1] - a[1];
        const length = Math.hypot(dx, dz) || 1;
        // A light from the north-west, (-0.6, -0.8) in x/z: walls whose outward normal faces it are lighter.
        const facing = (-dz / length) * -0.6 + (dx / length) * -0.8;
        const c = shade(colour, 0.62 + 0.18 * facing);
        const v0 = builder.vertex(a[0], bottom, a[1], c);
        const v1 = builder.vertex(b[0], bottom, b[1], c);
        const v2 = builder.vertex(b[0], top, b[1], c);
        const v3 = builder.vertex(a[0], top, a[1], c);
        // The adapter draws these double-sided, so which way the triangles face does not matter.
        builder.indices.push(v0, v1, v2, v0, v2, v3);
      }
    }
  }
}

export function flatMesh(polygons: ScenePolygon[], y: number, colour: Rgb): MeshData {
  const builder = new MeshBuilder();
  addTops(builder, polygons, y, colour);
  return builder.build();
}

/**
 * A raised slab of land with soft side walls down to the water. Given the water, walls stand only where
 * the land meets it: a border with a neighbouring slab at the same height stays one smooth surface.
 */
export function slabMesh(polygons: ScenePolygon[], height: number, top: Rgb, side: Rgb, water: AreaIndex | null = null): MeshData {
  const builder = new MeshBuilder();
  addTops(builder, polygons, height, top);
  addWalls(builder, polygons, 0, height, side, water);
  return builder.build();
}

/** Boundary lines (e.g. parishes) as a flat list of segment end points, slightly above `y`. */
export function outlineSegments(polygons: ScenePolygon[], y: number): Float32Array {
  const points: number[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        if (a && b) points.push(a[0], y, a[1], b[0], y, b[1]);
      }
    }
  }
  return new Float32Array(points);
}
