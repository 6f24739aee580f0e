import type { PlacedVillage } from './map-model';
import { layoutLabels, type PlacedLabel } from './math/label-layout';
import type { ScreenMarker } from './math/picking';

export interface VillageLabel extends PlacedLabel {
  name: string;
}

const LABEL_PADDING_PX = 12;

/**
 * Label boxes for the markers now on screen; a label that would collide is left out, larger places win.
 * `fontPx` follows the visitor's text size, so large text means fewer, larger labels, never overlapping.
 */
export function villageLabels(markers: ScreenMarker[], villages: PlacedVillage[], width: number, height: number, fontPx = 20): VillageLabel[] {
  const byId = new Map(villages.map((placed) => [placed.village.id, placed]));
  const candidates = markers.flatMap((marker) => {
    const placed = byId.get(marker.id);
    if (!placed) return [];
    return [{
      id: marker.id,
      x: marker.x,
      y: marker.y,
      // Atkinson Hyperlegible averages about 0.58 em per character; a little extra keeps boxes honest.
      width: Math.ceil(placed.village.name.length * fontPx * 0.62 + LABEL_PADDING_PX),
      height: Math.ceil(fontPx * 1.5),
      priority: placed.priority,
    }];
  });
  return layoutLabels(candidates, { width, height }).map((label) => ({ ...label, name: byId.get(label.id)?.village.name ?? '' }));
}
