import {
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  DoubleSide,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  Points,
  PointsMaterial,
  type Object3D,
} from 'three';
import type { MapModel } from '../map-model';
import { areaIndex } from '../math/coast';
import { flatMesh, outlineSegments, slabMesh, type MeshData, type Rgb } from '../math/mesh-data';
import { MAP_COLOURS, SLAB_HEIGHT_M } from './map-style';

function geometryFrom(data: MeshData): BufferGeometry {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(data.positions, 3));
  geometry.setAttribute('color', new BufferAttribute(data.colours, 3));
  geometry.setIndex(new BufferAttribute(data.indices, 1));
  geometry.computeBoundingSphere();
  return geometry;
}

/** Unlit, vertex-coloured: the cheapest shading there is, which a CPU renderer needs. */
function bakedMesh(data: MeshData): Mesh {
  return new Mesh(geometryFrom(data), new MeshBasicMaterial({ vertexColors: true, side: DoubleSide }));
}

/** A round sprite; the points' colour multiplies it, so one texture serves the fill and the outline. */
function discTexture(): CanvasTexture {
  const size = 64;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, size / 2 - 1, 0, Math.PI * 2);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
  }
  return new CanvasTexture(canvas);
}

export interface MapMeshes {
  objects: Object3D[];
  markers: Points;
  markerColours: BufferAttribute;
}

/**
 * Everything the map draws, as few merged objects as possible: water, the neighbours' and Lejre's land, parish
 * lines and one point cloud of village markers drawn twice (outline, fill): six draw calls in all.
 */
export function createMapMeshes(model: MapModel, markerSizePx: number): MapMeshes {
  const water = bakedMesh(flatMesh(model.water, -SLAB_HEIGHT_M * 0.3, MAP_COLOURS.water));
  // All land stands at one height, Lejre and its neighbours alike, so a municipal border is a colour change
  // and a line, not a cliff; walls stand only where land meets water.
  const seaAndFjords = areaIndex(model.water);
  const context = bakedMesh(slabMesh(model.context, SLAB_HEIGHT_M, MAP_COLOURS.neighbour, MAP_COLOURS.neighbourSide, seaAndFjords));
  const land = bakedMesh(slabMesh(model.municipality, SLAB_HEIGHT_M, MAP_COLOURS.land, MAP_COLOURS.landSide, seaAndFjords));
  const parishGeometry = new BufferGeometry();
  parishGeometry.setAttribute('position', new BufferAttribute(outlineSegments(model.parishes, SLAB_HEIGHT_M + 2), 3));
  const parishes = new LineSegments(parishGeometry, new LineBasicMaterial({ color: MAP_COLOURS.parishLine }));

  const positions = new Float32Array(model.villages.length * 3);
  const colours = new Float32Array(model.villages.length * 3);
  model.villages.forEach((placed, i) => {
    positions.set([placed.point[0], SLAB_HEIGHT_M + 5, placed.point[1]], i * 3);
    colours.set(MAP_COLOURS.marker, i * 3);
  });
  const markerGeometry = new BufferGeometry();
  markerGeometry.setAttribute('position', new BufferAttribute(positions, 3));
  const markerColours = new BufferAttribute(colours, 3);
  markerGeometry.setAttribute('color', markerColours);
  const disc = discTexture();
  // A white ring under every marker, so a dot in any core-task colour reads against the land.
  const outline = new Points(
    markerGeometry,
    new PointsMaterial({ size: markerSizePx + 8, sizeAttenuation: false, color: 0xffffff, map: disc, alphaTest: 0.5, depthTest: false }),
  );
  outline.renderOrder = 10;
  const markers = new Points(
    markerGeometry,
    new PointsMaterial({ size: markerSizePx, sizeAttenuation: false, vertexColors: true, map: disc, alphaTest: 0.5, depthTest: false }),
  );
  markers.renderOrder = 11;
  return { objects: [water, context, land, parishes, outline, markers], markers, markerColours };
}

export function setMarkerColours(meshes: MapMeshes, colourOf: (index: number) => Rgb): void {
  const array = meshes.markerColours.array as Float32Array;
  for (let i = 0; i < array.length / 3; i++) array.set(colourOf(i), i * 3);
  meshes.markerColours.needsUpdate = true;
}
