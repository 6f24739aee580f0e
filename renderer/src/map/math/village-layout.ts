import type { Village } from '../../../../contract/content';
import type { CameraPose, Lens } from './camera';
import type { LabelCandidate } from './label-layout';
import type { ScreenMarker } from './picking';
import type { MapProjection, ScenePoint } from './projection';
import type { Viewport } from './screen';
import { isOnScreen, worldToPx } from './screen';

// From the content's village list to points in the scene, and from there to markers and label candidates
// on screen. Villages without a sourced coordinate are left off the map rather than guessed.

export type VillageSource = Pick<Village, 'id' | 'name' | 'lat' | 'lon' | 'tier' | 'population'>;

export interface MapVillage {
  id: number;
  name: string;
  tier: Village['tier'];
  point: ScenePoint;
  /** Higher wins a contested label spot. */
  priority: number;
}

export interface VillageOnScreen extends ScreenMarker {
  village: MapVillage;
}

/** Tier 1 (towns) before tier 2 (villages) before tier 3 (hamlets), whatever the populations. */
const TIER_RANK: Record<Village['tier'], number> = { 1: 3, 2: 2, 3: 1 };
/** Larger than any population here, so population only orders places within a tier. */
const TIER_WEIGHT = 10_000_000;

export function labelPriority(village: Pick<Village, 'tier' | 'population'>): number {
  const population = Math.min(village.population?.value ?? 0, TIER_WEIGHT - 1);
  return TIER_RANK[village.tier] * TIER_WEIGHT + population;
}

export function placeVillages(villages: readonly VillageSource[], projection: MapProjection): MapVillage[] {
  const placed: MapVillage[] = [];
  for (const village of villages) {
    if (village.lat === null || village.lon === null) continue;
    placed.push({
      id: village.id,
      name: village.name,
      tier: village.tier,
      point: projection.toScene([village.lon, village.lat]),
      priority: labelPriority(village),
    });
  }
  return placed;
}

/** The villages visible in a view, at their marker positions in CSS pixels (markers sit at `groundY`). */
export function villagesOnScreen(
  villages: readonly MapVillage[],
  pose: CameraPose,
  lens: Lens,
  viewport: Viewport,
  groundY = 0,
): VillageOnScreen[] {
  const visible: VillageOnScreen[] = [];
  for (const village of villages) {
    const px = worldToPx(pose, lens, viewport, [village.point[0], groundY, village.point[1]]);
    if (px && isOnScreen(px, viewport)) visible.push({ id: village.id, x: px.x, y: px.y, village });
  }
  return visible;
}

/** Label candidates for `layoutLabels`; `measure` gives a label's size in CSS pixels (from the DOM). */
export function labelCandidates(
  visible: readonly VillageOnScreen[],
  measure: (village: MapVillage) => { width: number; height: number },
): LabelCandidate[] {
  return visible.map(({ id, x, y, village }) => ({ id, x, y, ...measure(village), priority: village.priority }));
}
