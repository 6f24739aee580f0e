export interface LabelCandidate {
  id: number;
  /** Anchor (the village marker) in CSS pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher wins a contested spot: larger places first. */
  priority: number;
}

export interface PlacedLabel {
  id: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const GAP_PX = 6;

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Four spots around the marker, tried in reading order: right, left, above, below. Each clears the
 * marker itself by GAP_PX, however large the marker is drawn.
 */
function spots(c: LabelCandidate, markerRadiusPx: number): Rect[] {
  const half = c.height / 2;
  const clear = markerRadiusPx + GAP_PX;
  const place = (left: number, top: number): Rect => ({ left, top, right: left + c.width, bottom: top + c.height });
  return [
    place(c.x + clear, c.y - half),
    place(c.x - clear - c.width, c.y - half),
    place(c.x - c.width / 2, c.y - clear - c.height),
    place(c.x - c.width / 2, c.y + clear),
  ];
}

function anchorOnScreen(c: LabelCandidate, viewport: { width: number; height: number }): boolean {
  return c.x >= 0 && c.y >= 0 && c.x <= viewport.width && c.y <= viewport.height;
}

/**
 * Greedy collision layout: labels are placed in priority order at the first free spot around their marker
 * that stays on screen and clear of every label already placed and of every marker; the rest are hidden,
 * as are labels of markers that are off screen.
 */
export function layoutLabels(candidates: LabelCandidate[], viewport: { width: number; height: number }, markerRadiusPx = 8): PlacedLabel[] {
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || a.id - b.id);
  const markers: Rect[] = candidates.map((c) => ({
    left: c.x - markerRadiusPx,
    top: c.y - markerRadiusPx,
    right: c.x + markerRadiusPx,
    bottom: c.y + markerRadiusPx,
  }));
  const placed: PlacedLabel[] = [];
  const taken: Rect[] = [];
  for (const candidate of ordered) {
    // A label whose marker is off screen would name nothing the visitor can see.
    if (!anchorOnScreen(candidate, viewport)) continue;
    const spot = spots(candidate, markerRadiusPx).find(
      (rect) =>
        rect.left >= 0 &&
        rect.top >= 0 &&
        rect.right <= viewport.width &&
        rect.bottom <= viewport.height &&
        !taken.some((other) => overlaps(rect, other)) &&
        !markers.some((marker) => overlaps(rect, marker)),
    );
    if (!spot) continue;
    taken.push(spot);
    placed.push({ id: candidate.id, left: spot.left, top: spot.top, width: candidate.width, height: candidate.height });
  }
  return placed;
}
