// Adaptive render scale without reallocating the drawing buffer. Resizing a WebGL canvas costs 100 ms and
// more on a CPU renderer (SwiftShader reallocates and clears every buffer behind it), and it used to happen
// on the first frame of every flight, the very frame that shows the visitor's tap. Instead the buffer keeps
// its full size; a lower scale draws into its bottom-left corner only, and the canvas is stretched by CSS
// from that corner so the corner fills the map. Plain maths, so it is tested in Node.

export interface RenderRegion {
  /** Drawing-buffer pixels drawn, from the bottom-left corner (WebGL's origin). */
  width: number;
  height: number;
  /** CSS stretch of the canvas from its bottom-left corner; 1 and 1 at full scale. */
  stretchX: number;
  stretchY: number;
}

export function renderRegion(bufferWidth: number, bufferHeight: number, scale: number): RenderRegion {
  const clamped = Math.min(1, Math.max(0.01, scale));
  const width = Math.max(1, Math.min(bufferWidth, Math.round(bufferWidth * clamped)));
  const height = Math.max(1, Math.min(bufferHeight, Math.round(bufferHeight * clamped)));
  // The stretch is computed from the whole pixels actually drawn, so the region lands exactly on the edges.
  return { width, height, stretchX: bufferWidth / width, stretchY: bufferHeight / height };
}

/** The CSS transform that makes the region fill the canvas box (with `transform-origin: 0 100%`). */
export function regionTransform(region: RenderRegion): string {
  return region.stretchX === 1 && region.stretchY === 1 ? '' : `scale(${region.stretchX}, ${region.stretchY})`;
}
