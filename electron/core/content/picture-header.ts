import { imageSizeFromFile } from 'image-size/fromFile';

// The kiosk's check of the pictures in a content folder (built-in, installed, or a bundle being installed):
// read each picture's size from its header, in plain JavaScript. No image library is loaded for this. The
// reason: reading the headers of the Lejre content's 78 WebP files through sharp (libvips) left the host
// process 170 MB bigger. glibc does not give that memory back, and the content is read again every midnight.
// And the parser that looks at a file from a USB stick is then bounds-checked JavaScript, not native code.
// sharp stays in the tools that decode pixels anyway (bundle build, staff editor): image-info.ts.

/** Larger pictures are refused: decoding one would take ~160 MB of memory on a kiosk PC for nothing. */
export const MAX_IMAGE_PIXELS = 40_000_000;

export type ImageInfo = { ok: true; width: number; height: number } | { ok: false };

/**
 * The formats Chromium (and Electron) show in an <img> everywhere, by image-size's name for them. A GIF, a
 * TIFF or an SVG is refused: a TIFF would show as a broken picture, and an SVG is a document, not a photo.
 * An AVIF file names itself "avif" (a still picture) or "avis" (a sequence).
 */
const SHOWN_FORMATS: ReadonlySet<string> = new Set(['jpg', 'png', 'webp', 'avif', 'avis']);

/** EXIF orientations 5–8 turn the picture a quarter: it is shown with width and height swapped. */
function turnedAQuarter(orientation: number | undefined): boolean {
  return orientation !== undefined && orientation >= 5 && orientation <= 8;
}

/**
 * The size a picture is shown at, read from its header (at most its first 512 KB); ok:false when the file is
 * not a picture in a format the kiosk shows. The EXIF orientation is applied for JPEG, which is where cameras
 * write it. Pictures made by the bundle build or the staff editor carry none: sharp turns the pixels instead.
 */
export async function readShownPictureSize(file: string): Promise<ImageInfo> {
  try {
    const { width, height, type, orientation } = await imageSizeFromFile(file);
    if (type === undefined || !SHOWN_FORMATS.has(type) || !width || !height) return { ok: false };
    return turnedAQuarter(orientation) ? { ok: true, width: height, height: width } : { ok: true, width, height };
  } catch {
    return { ok: false };
  }
}

/** "42,5" for Danish, "42.5" for English: megapixels to one decimal. */
export function megapixels(width: number, height: number, locale: 'da-DK' | 'en-GB'): string {
  return (Math.round((width * height) / 100_000) / 10).toLocaleString(locale);
}
