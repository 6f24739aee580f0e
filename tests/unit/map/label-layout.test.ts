import { describe, expect, it } from 'vitest';
import type { CameraPose } from '../../../renderer/src/map/math/camera';
import { fitBounds } from '../../../renderer/src/map/math/camera';
import type { LabelCandidate, PlacedLabel } from '../../../renderer/src/map/math/label-layout';
import { layoutLabels } from '../../../renderer/src/map/math/label-layout';
import type { Viewport } from '../../../renderer/src/map/math/screen';
import type { MapVillage } from '../../../renderer/src/map/math/village-layout';
import { labelCandidates, placeVillages, villagesOnScreen } from '../../../renderer/src/map/math/village-layout';
import { LANDSCAPE, lens, municipalityBounds, PORTRAIT, projection, SLAB_HEIGHT, villages } from './fixtures';

const MARKER_RADIUS_PX = 8;

/** Roughly what the DOM measures for Atkinson Hyperlegible: towns in larger type than hamlets. */
function measure(village: MapVillage): { width: number; height: number } {
  const fontPx = village.tier === 1 ? 24 : village.tier === 2 ? 20 : 17;
  return { width: Math.ceil(village.name.length * fontPx * 0.58) + 16, height: Math.ceil(fontPx * 1.5) };
}

const overlaps = (a: PlacedLabel, b: { left: number; top: number; width: number; height: number }): boolean =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

const ZOOMS = [1, 0.7, 0.5, 0.35, 0.2];
const placed = placeVillages(villages, projection);

function layoutAt(pose: CameraPose, viewport: Viewport) {
  const visible = villagesOnScreen(placed, pose, lens(viewport), viewport, SLAB_HEIGHT);
  const candidates = labelCandidates(visible, measure);
  return { candidates, labels: layoutLabels(candidates, viewport, MARKER_RADIUS_PX) };
}

describe('label layout with the real villages', () => {
  for (const [orientation, viewport] of [['1920×1080', LANDSCAPE], ['1080×1920', PORTRAIT]] as const) {
    const overview = fitBounds(municipalityBounds, lens(viewport), 0.6, 0, SLAB_HEIGHT);

    for (const zoom of ZOOMS) {
      const pose = { ...overview, distance: overview.distance * zoom };
      const { candidates, labels } = layoutAt(pose, viewport);

      it(`${orientation}, zoom ${zoom}: labels stay on screen and clear of each other and of every marker`, () => {
        expect(labels.length).toBeGreaterThan(0);
        for (const [i, label] of labels.entries()) {
          expect(label.left).toBeGreaterThanOrEqual(0);
          expect(label.top).toBeGreaterThanOrEqual(0);
          expect(label.left + label.width).toBeLessThanOrEqual(viewport.width);
          expect(label.top + label.height).toBeLessThanOrEqual(viewport.height);
          for (const other of labels.slice(i + 1)) expect(overlaps(label, other)).toBe(false);
          for (const marker of candidates) {
            const box = { left: marker.x - MARKER_RADIUS_PX, top: marker.y - MARKER_RADIUS_PX, width: 2 * MARKER_RADIUS_PX, height: 2 * MARKER_RADIUS_PX };
            expect(overlaps(label, box)).toBe(false);
          }
        }
      });

      it(`${orientation}, zoom ${zoom}: each label sits next to its own marker`, () => {
        for (const label of labels) {
          const marker = candidates.find((c) => c.id === label.id);
          if (!marker) throw new Error(`label ${label.id} has no marker`);
          const nearestX = Math.min(Math.max(marker.x, label.left), label.left + label.width);
          const nearestY = Math.min(Math.max(marker.y, label.top), label.top + label.height);
          expect(Math.hypot(nearestX - marker.x, nearestY - marker.y)).toBeLessThan(MARKER_RADIUS_PX + 12);
        }
      });
    }

    it(`${orientation}: the largest town is always labelled in the overview`, () => {
      const { labels } = layoutAt(overview, viewport);
      const largest = [...villages].sort((a, b) => (b.population?.value ?? 0) - (a.population?.value ?? 0))[0];
      expect(labels.map((l) => l.id)).toContain(largest?.id);
    });

    it(`${orientation}: zooming in labels a larger share of the places in view`, () => {
      const inner = { ...overview, distance: overview.distance * 0.5 };
      const atOverview = layoutAt(overview, viewport).labels.length;
      const zoomedIn = layoutAt(inner, viewport);
      expect(zoomedIn.labels.length / zoomedIn.candidates.length).toBeGreaterThan(atOverview / placed.length);
    });
  }
});

describe('label layout rules', () => {
  const viewport = { width: 400, height: 300 };
  // Two markers side by side, 60 px apart: a 150 px label of either covers the other's spots.
  const small: LabelCandidate = { id: 1, x: 170, y: 150, width: 150, height: 24, priority: 1 };
  const large: LabelCandidate = { id: 2, x: 230, y: 150, width: 150, height: 24, priority: 9 };

  it('gives a contested spot to the larger place, whichever comes first or sits where', () => {
    // A strip with room for one label, right of two markers 4 px apart: left of them and above or below
    // fall off screen, and the two spots on the right overlap.
    const strip = { width: 270, height: 60 };
    for (const [largeX, smallX] of [[100, 104], [104, 100]] as const) {
      const contenders = [{ ...small, x: smallX, y: 30 }, { ...large, x: largeX, y: 30 }];
      for (const order of [contenders, [...contenders].reverse()]) {
        expect(layoutLabels(order, strip).map((l) => l.id)).toEqual([large.id]);
      }
    }
  });

  it('uses another spot around the marker before giving up on a label', () => {
    const ids = layoutLabels([small, large], viewport).map((l) => l.id);
    expect(ids.sort()).toEqual([1, 2]);
  });

  it('still places labels around markers drawn larger than the default', () => {
    const labels = layoutLabels([large], viewport, 20);
    expect(labels).toHaveLength(1);
    const [label] = labels;
    if (!label) throw new Error('no label');
    const clearOfMarker =
      label.left >= large.x + 20 || label.left + label.width <= large.x - 20 || label.top >= large.y + 20 || label.top + label.height <= large.y - 20;
    expect(clearOfMarker).toBe(true);
  });

  it('labels no marker that is off screen', () => {
    expect(layoutLabels([{ ...large, x: -5 }], viewport)).toEqual([]);
  });
});
