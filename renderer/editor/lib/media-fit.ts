import type { DraftMedia } from '../../../contract/editor-api';

// How a picture will sit on the kiosk's screens. The kiosk never crops: a picture fills the width of the
// story's gallery (60 % of a landscape screen, all of a portrait one, as the Gallery's `sizes` says) and
// keeps its proportions. Staff see what that means for their picture before a visitor does.

export interface ScreenFit {
  screen: string;
  width: number;
  height: number;
  /** Taller than the screen: the visitor has to scroll to see all of it. */
  tallerThanScreen: boolean;
  /** The picture has fewer pixels than it is drawn with: it looks soft. */
  soft: boolean;
}

const SCREENS = [
  { screen: 'Liggende 1080p (1920 × 1080)', screenWidth: 1920, screenHeight: 1080, share: 0.6 },
  { screen: 'Stående 1080p (1080 × 1920)', screenWidth: 1080, screenHeight: 1920, share: 1 },
  { screen: 'Liggende 4K (3840 × 2160)', screenWidth: 3840, screenHeight: 2160, share: 0.6 },
  { screen: 'Stående 4K (2160 × 3840)', screenWidth: 2160, screenHeight: 3840, share: 1 },
] as const;

export function screenFits(medium: Pick<DraftMedia, 'width' | 'height'>): ScreenFit[] {
  const { width, height } = medium;
  if (!width || !height) return [];
  return SCREENS.map(({ screen, screenWidth, screenHeight, share }) => {
    const shownWidth = Math.round(screenWidth * share);
    const shownHeight = Math.round((shownWidth * height) / width);
    return { screen, width: shownWidth, height: shownHeight, tallerThanScreen: shownHeight > screenHeight * 0.8, soft: width < shownWidth };
  });
}
