import { describe, expect, it } from 'vitest';
import { heightAboveFloorMm, mmPerCssPx, outOfReachInEveryOrientation, reachBand, screenHeightMm, type ScreenMounting } from '../../../contract/reach';
import { ReachLayout } from '../../../renderer/src/lib/state/reach.svelte';

// Low reach: which band of the window a seated visitor can touch (380–1200 mm above the floor), from the
// screen's size and how high it hangs. The numbers are worked out by hand from the data sheets' geometry.

const portrait = { width: 1080, height: 1920 };
const landscape = { width: 1920, height: 1080 };
const fullHd = Math.hypot(1920, 1080);

const tall55: ScreenMounting = { size: { diagonalInches: 55 }, lowerEdgeMm: 700, lowReachByDefault: false };
const wide43: ScreenMounting = { size: { diagonalInches: 43 }, lowerEdgeMm: 900, lowReachByDefault: false };

describe('the screen on the wall', () => {
  it('a 55" panel is 1218 mm tall in portrait and 685 mm in landscape; its sides as given work either way round', () => {
    expect(screenHeightMm({ diagonalInches: 55 }, portrait)).toBeCloseTo((55 * 25.4 * 1920) / fullHd, 6);
    expect(screenHeightMm({ diagonalInches: 55 }, portrait)).toBeCloseTo(1217.6, 1);
    expect(screenHeightMm({ diagonalInches: 55 }, landscape)).toBeCloseTo(684.9, 1);
    expect(screenHeightMm({ widthMm: 1210, heightMm: 680 }, portrait)).toBe(1210);
    expect(screenHeightMm({ heightMm: 1210, widthMm: 680 }, landscape)).toBe(680);
    expect(mmPerCssPx({ diagonalInches: 55 }, portrait)).toBeCloseTo(mmPerCssPx({ diagonalInches: 55 }, landscape), 9);
  });

  it('the bottom row of pixels is at the lower edge, the top row a whole screen higher', () => {
    expect(heightAboveFloorMm(tall55, portrait, 1920)).toBe(700);
    expect(heightAboveFloorMm(tall55, portrait, 0)).toBeCloseTo(700 + 1217.6, 1);
    expect(heightAboveFloorMm(tall55, portrait, 960)).toBeCloseTo(700 + 1217.6 / 2, 1);
  });
});

describe('the band within reach', () => {
  it('55" portrait from 700 mm: the lowest 500 mm of the screen, 788 px', () => {
    const band = reachBand(tall55, portrait);
    expect(band?.bottom).toBe(1920);
    expect(band?.top).toBeCloseTo(1920 - (500 * 1920) / 1217.6, 0);
    expect(heightAboveFloorMm(tall55, portrait, band?.top ?? 0)).toBeCloseTo(1200, 6);
  });

  it('43" landscape from 900 mm: the lowest 300 mm, 605 px', () => {
    const band = reachBand(wide43, landscape);
    expect(band?.bottom).toBe(1080);
    expect((band?.bottom ?? 0) - (band?.top ?? 0)).toBeCloseTo(605.1, 0);
  });

  it('a screen standing low starts its band at 380 mm, not at its lower edge', () => {
    const low = { size: { diagonalInches: 32 }, lowerEdgeMm: 200 };
    const band = reachBand(low, landscape);
    expect(heightAboveFloorMm(low, landscape, band?.bottom ?? 0)).toBeCloseTo(380, 6);
    expect(band?.top).toBeCloseTo(0, 6);
    // Low reach moves the kiosk up off the floor; the top bar is within reach, so no strip is needed for the switch.
    const reach = new ReachLayout();
    reach.configure({ ...low, lowReachByDefault: false });
    reach.setViewport(landscape.width, landscape.height);
    expect([reach.offered, reach.topOutOfReach]).toEqual([true, false]);
  });

  it('a screen hung so high that less than 15 cm of it is within reach has no band, in any orientation', () => {
    expect(reachBand({ ...tall55, lowerEdgeMm: 1200 }, portrait)).toBeNull();
    expect(reachBand({ ...tall55, lowerEdgeMm: 1100 }, portrait)).toBeNull();
    expect(reachBand({ ...tall55, lowerEdgeMm: 1040 }, portrait)).not.toBeNull();
    expect(outOfReachInEveryOrientation({ ...tall55, lowerEdgeMm: 1100 })).toBe(true);
    expect(outOfReachInEveryOrientation({ ...tall55, lowerEdgeMm: 1040 })).toBe(false);
    // A screen lying almost on the floor is out of reach too.
    expect(outOfReachInEveryOrientation({ size: { widthMm: 400, heightMm: 300 }, lowerEdgeMm: 0 })).toBe(true);
    expect(reachBand(tall55, { width: 0, height: 0 })).toBeNull();
  });
});

describe('low-reach mode', () => {
  function layout(mounting: ScreenMounting | null, viewport = portrait): ReachLayout {
    const reach = new ReachLayout();
    reach.configure(mounting);
    reach.setViewport(viewport.width, viewport.height);
    return reach;
  }

  it('is offered where part of the screen is out of reach, and moves the kiosk into the band when on', () => {
    const reach = layout(tall55);
    expect([reach.offered, reach.topOutOfReach]).toEqual([true, true]);
    expect(reach.applied).toBeNull();
    reach.toggle();
    expect(reach.applied).toEqual(reach.band);
    reach.reset();
    expect(reach.active).toBe(false);
  });

  it('starts every session on where the config asks for it', () => {
    const reach = layout({ ...tall55, lowReachByDefault: true });
    expect(reach.applied).not.toBeNull();
    reach.toggle();
    expect(reach.applied).toBeNull();
    reach.reset();
    expect(reach.active).toBe(true);
  });

  it('is not offered without a mounting, nor where the whole screen is within reach', () => {
    expect(layout(null).offered).toBe(false);
    const lowAndSmall = layout({ size: { diagonalInches: 24 }, lowerEdgeMm: 700, lowReachByDefault: true }, landscape);
    expect(lowAndSmall.band?.top).toBeCloseTo(0, 6);
    expect(lowAndSmall.band?.bottom).toBe(1080);
    expect(lowAndSmall.offered).toBe(false);
    expect(lowAndSmall.applied).toBeNull();
  });

  it('a screen hung out of reach is a mounting problem, not a mode to offer', () => {
    const reach = layout({ ...tall55, lowerEdgeMm: 1500, lowReachByDefault: true });
    expect(reach.unreachable).toBe(true);
    expect(reach.offered).toBe(false);
    expect(reach.applied).toBeNull();
    expect(layout(tall55).unreachable).toBe(false);
    expect(layout(null).unreachable).toBe(false);
  });

  it('follows the window: turned to landscape, the same 55" screen has a different band', () => {
    const reach = layout(tall55);
    const tall = reach.band;
    reach.setViewport(1920, 1080);
    expect(reach.band).not.toEqual(tall);
    expect(heightAboveFloorMm(tall55, landscape, reach.band?.top ?? 0)).toBeCloseTo(1200, 6);
  });
});
