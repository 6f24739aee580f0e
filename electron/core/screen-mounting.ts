import * as v from 'valibot';
import { REACH_RANGE_MM, outOfReachInEveryOrientation, type ScreenMounting } from '../../contract/reach.js';
import { createLogger } from './logger.js';

// The "mounting" section of the kiosk config: how big the screen is and how high it hangs, for the
// low-reach layout (issue 10), e.g.
//   "mounting": { "diagonalInches": 55, "lowerEdgeMm": 700 }
//   "mounting": { "widthMm": 1210, "heightMm": 680, "lowerEdgeMm": 850, "lowReachByDefault": true }
// No section = no low-reach mode: without the mounting the kiosk cannot know what is within reach.

const log = createLogger('screen-mounting');

export const MountingConfigSchema = v.strictObject({
  /** The picture's diagonal as sold ("55 inch"); the window's shape gives its sides. */
  diagonalInches: v.optional(v.pipe(v.number(), v.minValue(10), v.maxValue(150))),
  /** Or the picture's two sides from the data sheet ("active area"), either way round. */
  widthMm: v.optional(v.pipe(v.number(), v.minValue(100), v.maxValue(4000))),
  heightMm: v.optional(v.pipe(v.number(), v.minValue(100), v.maxValue(4000))),
  /** Height of the picture's lower edge above the floor (not the frame's). */
  lowerEdgeMm: v.pipe(v.number(), v.minValue(0), v.maxValue(3000)),
  /** Every session starts in low-reach mode (visitors can still switch it off). */
  lowReachByDefault: v.optional(v.boolean(), false),
});

export type MountingConfig = v.InferOutput<typeof MountingConfigSchema>;

export type MountingParse = { ok: true; mounting: ScreenMounting | null } | { ok: false; messageDa: string; messageEn: string };

/** The section as the renderer gets it; one of the two sizes, never both or half of one. */
export function parseMounting(section: MountingConfig | undefined): MountingParse {
  if (!section) return { ok: true, mounting: null };
  const { diagonalInches, widthMm, heightMm, lowerEdgeMm, lowReachByDefault } = section;
  const sides = widthMm !== undefined && heightMm !== undefined;
  if (diagonalInches !== undefined && (widthMm !== undefined || heightMm !== undefined)) {
    return {
      ok: false,
      messageDa: 'feltet „mounting“ må kun give skærmens størrelse på én måde: enten „diagonalInches“ eller „widthMm“ og „heightMm“.',
      messageEn: 'field "mounting": give the screen size one way only, either "diagonalInches" or "widthMm" and "heightMm".',
    };
  }
  if (diagonalInches === undefined && !sides) {
    return {
      ok: false,
      messageDa: 'feltet „mounting“ mangler skærmens størrelse: „diagonalInches“ (fx 55) eller både „widthMm“ og „heightMm“.',
      messageEn: 'field "mounting" lacks the screen size: "diagonalInches" (e.g. 55) or both "widthMm" and "heightMm".',
    };
  }
  const size = diagonalInches !== undefined ? { diagonalInches } : { widthMm: widthMm ?? 0, heightMm: heightMm ?? 0 };
  return { ok: true, mounting: { size, lowerEdgeMm, lowReachByDefault } };
}

/**
 * A screen hung so high (or so low) that nothing on it is within reach is a mounting problem: said once in
 * the log at start; the staff health screen says it too (the renderer, which knows the orientation).
 */
export function logMountingProblems(mounting: ScreenMounting | null): boolean {
  if (!mounting || !outOfReachInEveryOrientation(mounting)) return false;
  log.warn(
    { lowerEdgeMm: mounting.lowerEdgeMm, reachRangeMm: REACH_RANGE_MM },
    'the screen is mounted so that (almost) nothing on it is within reach from a wheelchair: low-reach mode is off; mount it lower or fix "mounting" in the config',
  );
  return true;
}
