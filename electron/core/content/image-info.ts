import sharp from 'sharp';
import type { ImageInfo } from './picture-header.js';

// For the tools that go on to decode the pixels (bundle build, staff editor): any picture sharp reads,
// e.g. a TIFF or an iPhone photo a staff member drops in, which they then turn into WebP. The kiosk's own
// check of a content folder reads headers without sharp: picture-header.ts says why.

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
