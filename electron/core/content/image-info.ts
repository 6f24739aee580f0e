import sharp from 'sharp';

/** Larger pictures are refused: decoding one would take ~160 MB of memory on a kiosk PC for nothing. */
export const MAX_IMAGE_PIXELS = 40_000_000;

export type ImageInfo = { ok: true; width: number; height: number } | { ok: false };

/**
 * The size a picture is shown at (after its EXIF orientation is applied), read from its header only (a file path or the bytes):
 * no pixels are decoded. ok:false when the file is not a picture sharp understands.
 */
export async function readImageInfo(input: string | Uint8Array): Promise<ImageInfo> {
  try {
    // No pixel limit here: we only read the header, and want to report the real size of a huge picture.
    const metadata = await sharp(input, { limitInputPixels: false }).metadata();
    const { width, height } = metadata.autoOrient;
    if (!width || !height) return { ok: false };
    return { ok: true, width, height };
  } catch {
    return { ok: false };
  }
}

/** "42,5" for Danish, "42.5" for English: megapixels to one decimal. */
export function megapixels(width: number, height: number, locale: 'da-DK' | 'en-GB'): string {
  return (Math.round((width * height) / 100_000) / 10).toLocaleString(locale);
}
