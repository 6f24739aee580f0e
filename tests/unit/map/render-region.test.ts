import { describe, expect, it } from 'vitest';
import { regionTransform, renderRegion } from '../../../renderer/src/map/math/render-region';

describe('render region (adaptive scale without resizing the canvas)', () => {
  it('draws the whole buffer, unstretched, at full scale', () => {
    const region = renderRegion(1382, 984, 1);
    expect(region).toEqual({ width: 1382, height: 984, stretchX: 1, stretchY: 1 });
    expect(regionTransform(region)).toBe('');
  });

  it('draws a quarter of the pixels at half scale and stretches them back to the full box', () => {
    const region = renderRegion(1382, 984, 0.5);
    expect(region.width * region.height).toBe(691 * 492);
    // The corner drawn, stretched, covers exactly the canvas: no strip of stale pixels shows at an edge.
    expect(region.width * region.stretchX).toBeCloseTo(1382, 9);
    expect(region.height * region.stretchY).toBeCloseTo(984, 9);
    expect(regionTransform(region)).toBe('scale(2, 2)');
  });

  it('covers the box exactly for odd sizes and scales, from whole pixels', () => {
    for (const [w, h, s] of [[1919, 1081, 0.56], [1080, 1920, 0.75], [333, 777, 0.42]] as const) {
      const region = renderRegion(w, h, s);
      expect(Number.isInteger(region.width) && Number.isInteger(region.height)).toBe(true);
      expect(region.width * region.stretchX).toBeCloseTo(w, 9);
      expect(region.height * region.stretchY).toBeCloseTo(h, 9);
      expect(Math.abs(region.width / w - s)).toBeLessThan(1 / w + 1e-9);
    }
  });

  it('never draws nothing, and never more than the buffer', () => {
    expect(renderRegion(1, 1, 0.5)).toMatchObject({ width: 1, height: 1 });
    expect(renderRegion(100, 100, 3)).toMatchObject({ width: 100, height: 100 });
  });
});
