// Where the kiosk's screen hangs, and which part of it a visitor in a wheelchair (or a child) can reach.
// Pure arithmetic, shared by the host (it checks the config and logs a mounting that leaves nothing within
// reach) and the renderer (it moves every control into the reachable band in low-reach mode).
//
// The reach range is the forward reach of ADA Standards 308.2 (48 in / 1220 mm high, 15 in / 380 mm low),
// which EN 301 549 clause 8.3 (stationary ICT) takes over; the issue asks for 1.2 m, a little inside it.

/** The lowest and highest point above the floor a seated visitor can reach, in mm. */
export const REACH_RANGE_MM = { low: 380, high: 1200 } as const;

/**
 * Less of the screen than this within reach cannot hold a row of buttons and the content between them:
 * it counts as "nothing within reach", a mounting problem for IT rather than a layout to pretend with.
 */
export const MIN_REACHABLE_MM = 150;

const MM_PER_INCH = 25.4;

/** The panel's size: its diagonal (the window's shape gives the sides) or its two sides, either way round. */
export type ScreenSize = { diagonalInches: number } | { widthMm: number; heightMm: number };

/** What the config says about the screen's mounting (the renderer gets it in RendererConfig). */
export interface ScreenMounting {
  size: ScreenSize;
  /** Height of the lower edge of the picture above the floor. */
  lowerEdgeMm: number;
  /** Start every session in low-reach mode (e.g. a screen mounted high). */
  lowReachByDefault: boolean;
}

/** The window in CSS pixels; in kiosk mode it fills the screen, so its shape is the screen's orientation. */
export interface Viewport {
  width: number;
  height: number;
}

/** A horizontal band of the window, in CSS pixels from its top edge. */
export interface Band {
  top: number;
  bottom: number;
}

/** How tall the picture is as it hangs: the longer side is vertical when the window is portrait. */
export function screenHeightMm(size: ScreenSize, viewport: Viewport): number {
  if ('diagonalInches' in size) return (size.diagonalInches * MM_PER_INCH * viewport.height) / Math.hypot(viewport.width, viewport.height);
  const long = Math.max(size.widthMm, size.heightMm);
  const short = Math.min(size.widthMm, size.heightMm);
  return viewport.height > viewport.width ? long : short;
}

/** Millimetres on the glass per CSS pixel (the same both ways: pixels are square). */
export function mmPerCssPx(size: ScreenSize, viewport: Viewport): number {
  return screenHeightMm(size, viewport) / viewport.height;
}

/** How high above the floor a point `y` CSS pixels below the window's top edge is. */
export function heightAboveFloorMm(mounting: Pick<ScreenMounting, 'size' | 'lowerEdgeMm'>, viewport: Viewport, y: number): number {
  return mounting.lowerEdgeMm + (viewport.height - y) * mmPerCssPx(mounting.size, viewport);
}

/** The reach range on the glass, in mm above the picture's lower edge; null when too little of it is there. */
function reachableSpanMm(lowerEdgeMm: number, screenHeight: number): { from: number; to: number } | null {
  const from = Math.max(REACH_RANGE_MM.low, lowerEdgeMm) - lowerEdgeMm;
  const to = Math.min(REACH_RANGE_MM.high, lowerEdgeMm + screenHeight) - lowerEdgeMm;
  return to - from >= MIN_REACHABLE_MM ? { from, to } : null;
}

/** The band of the window within reach; null when (too little of) the screen is within reach at all. */
export function reachBand(mounting: Pick<ScreenMounting, 'size' | 'lowerEdgeMm'>, viewport: Viewport): Band | null {
  if (viewport.width <= 0 || viewport.height <= 0) return null;
  const perPx = mmPerCssPx(mounting.size, viewport);
  const span = reachableSpanMm(mounting.lowerEdgeMm, viewport.height * perPx);
  if (!span) return null;
  return { top: viewport.height - span.to / perPx, bottom: viewport.height - span.from / perPx };
}

/**
 * True when the screen is mounted so that in no orientation enough of it is within reach: the host checks
 * this without a window, with the longest the picture can be (its diagonal, or its longer side).
 */
export function outOfReachInEveryOrientation(mounting: Pick<ScreenMounting, 'size' | 'lowerEdgeMm'>): boolean {
  const size = mounting.size;
  const longest = 'diagonalInches' in size ? size.diagonalInches * MM_PER_INCH : Math.max(size.widthMm, size.heightMm);
  return reachableSpanMm(mounting.lowerEdgeMm, longest) === null;
}
