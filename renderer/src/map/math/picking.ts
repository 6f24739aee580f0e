/** A village drawn on screen, in CSS pixels. */
export interface ScreenMarker {
  id: number;
  x: number;
  y: number;
}

/**
 * The marker nearest to a tap, if it lies within `radiusPx` (36 px is about 23 mm on a 55" 1080p screen:
 * forgiving for a fingertip, which covers 9 mm or more and lands a little off). Nearest wins, so two close
 * villages are both reachable by tapping beside each.
 */
export function pickNearest<M extends ScreenMarker>(markers: Iterable<M>, x: number, y: number, radiusPx: number): M | null {
  let best: M | null = null;
  let bestDistance = radiusPx * radiusPx;
  for (const marker of markers) {
    const d = (marker.x - x) ** 2 + (marker.y - y) ** 2;
    if (d <= bestDistance) {
      best = marker;
      bestDistance = d;
    }
  }
  return best;
}
