import type { Rgb } from '../math/mesh-data';

// The map's palette (linear-ish 0..1 RGB for vertex colours). Calm and muted so the core-task colours of
// highlighted villages stand out; land reads clearly against water for visitors with low vision.

// three.js treats vertex colours as linear and writes sRGB to the screen, so the palette (written in sRGB
// like every colour in the design tokens) is converted here; otherwise every colour would come out pale.
const toLinear = (channel: number): number => (channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
const hex = (value: number): Rgb => [
  toLinear(((value >> 16) & 255) / 255),
  toLinear(((value >> 8) & 255) / 255),
  toLinear((value & 255) / 255),
];

export const MAP_COLOURS = {
  background: 0xdfe9ee,
  water: hex(0x9ec3d6),
  neighbour: hex(0xd9dccf),
  neighbourSide: hex(0xa9ad9c),
  land: hex(0xf4efdf),
  landSide: hex(0xb9ab88),
  parishLine: 0xc9b98f,
  marker: hex(0x2b3a42),
  markerDimmed: hex(0x9aa4a8),
  markerSelected: hex(0xb3261e),
} as const;

/** The land is raised as a low slab above the fjords; exaggerated so it reads at municipality scale. */
export const SLAB_HEIGHT_M = 220;

export function cssColourToRgb(css: string): Rgb {
  return hex(Number.parseInt(css.replace('#', ''), 16));
}
