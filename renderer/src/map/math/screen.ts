import type { CameraPose, Lens, Vec3 } from './camera';
import { groundAtNdc, projectToNdc } from './camera';
import type { ScenePoint } from './projection';

// Touch input and DOM overlays (labels, markers) work in CSS pixels from the viewport's top-left corner;
// the camera maths works in normalised device coordinates (-1..1, y up). These convert between the two.

export interface Viewport {
  /** CSS pixels. */
  width: number;
  height: number;
}

export interface ScreenPoint {
  x: number;
  y: number;
}

export function lensFor(viewport: Viewport, fovY: number): Lens {
  return { fovY, aspect: viewport.width / viewport.height };
}

export function ndcToPx(ndc: ScreenPoint, viewport: Viewport): ScreenPoint {
  return { x: ((ndc.x + 1) / 2) * viewport.width, y: ((1 - ndc.y) / 2) * viewport.height };
}

export function pxToNdc(px: ScreenPoint, viewport: Viewport): ScreenPoint {
  return { x: (px.x / viewport.width) * 2 - 1, y: 1 - (px.y / viewport.height) * 2 };
}

/** Where a world point is drawn, in CSS pixels, or null behind the camera. May lie outside the viewport. */
export function worldToPx(pose: CameraPose, lens: Lens, viewport: Viewport, point: Vec3): ScreenPoint | null {
  const ndc = projectToNdc(pose, lens, point);
  return ndc ? ndcToPx(ndc, viewport) : null;
}

/** The ground point (at height `groundY`) under a pixel, or null if the pixel shows sky. */
export function groundAtPx(pose: CameraPose, lens: Lens, viewport: Viewport, px: ScreenPoint, groundY = 0): ScenePoint | null {
  return groundAtNdc(pose, lens, pxToNdc(px, viewport), groundY);
}

export function isOnScreen(px: ScreenPoint, viewport: Viewport): boolean {
  return px.x >= 0 && px.y >= 0 && px.x <= viewport.width && px.y <= viewport.height;
}
