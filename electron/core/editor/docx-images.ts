import { createHash } from 'node:crypto';
import mammoth from 'mammoth';
import sharp from 'sharp';
import { readImageInfo } from '../content/image-info.js';
import { MAX_IMAGE_PIXELS } from '../content/picture-header.js';
import type { ImageProblem } from './docx-notes.js';

// Pictures as mammoth meets them in a Word document: each is read once, checked the way the editor checks
// a dropped picture, and kept for the Markdown step, which knows where in the text it stands (for the
// notes) and what the story is called (for its file name).

/** What mammoth hands an image converter; its typings leave out the alt text it does pass. */
type MammothImage = Parameters<Parameters<typeof mammoth.images.imgElement>[0]>[0] & { altText?: string };

/** The src mammoth writes for the picture with this index; the Markdown step looks it up again. */
export const IMAGE_SRC_PREFIX = 'docx-image:';

export interface Picture {
  bytes: Buffer;
  extension: 'png' | 'jpg' | 'webp' | 'avif';
  contentType: string;
  width: number;
  height: number;
  /** The same picture used twice in a document becomes one file. */
  sha256: string;
}

export type CollectedImage =
  | { ok: true; picture: Picture; alt: string | null; generatedAlt: boolean }
  | { ok: false; problem: ImageProblem };

const SHOWN: Record<string, Picture['extension']> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/avif': 'avif' };
/** Formats a browser may not show, but which sharp turns into PNG without loss. */
const CONVERTED = new Set(['image/gif', 'image/tiff']);

/** The sentence Word appends to alt text it made up itself (Danish and English Office). */
const GENERATED_ALT =
  /\s*(?:automatisk genereret beskrivelse|beskrivelse genereret automatisk|description automatically generated(?: with (?:very )?(?:low|medium|high) confidence)?|ai-generated content may be incorrect\.?|ai-genereret indhold kan være forkert\.?)\s*$/i;
/** Older Word versions fill in the picture's file name, which describes nothing. */
const FILE_NAME_ALT = /^[\w\- .()]+\.(?:jpe?g|png|gif|bmp|tiff?|heic|webp|emf|wmf)$/i;

export function altTextOf(raw: string | undefined): { alt: string | null; generated: boolean } {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  const generated = GENERATED_ALT.test(text);
  const alt = text.replace(GENERATED_ALT, '').trim();
  if (alt === '' || FILE_NAME_ALT.test(alt)) return { alt: null, generated: false };
  return { alt, generated };
}

async function picture(contentType: string, original: Buffer): Promise<Picture | ImageProblem> {
  let bytes = original;
  let extension = SHOWN[contentType];
  if (extension === undefined && CONVERTED.has(contentType)) {
    try {
      bytes = await sharp(original, { limitInputPixels: MAX_IMAGE_PIXELS }).png().toBuffer();
      extension = 'png';
    } catch {
      return { kind: 'unreadable' };
    }
  }
  if (extension === undefined) return { kind: 'format', format: contentType };
  const info = await readImageInfo(bytes);
  if (!info.ok) return { kind: 'unreadable' };
  if (info.width * info.height > MAX_IMAGE_PIXELS) return { kind: 'too-large', width: info.width, height: info.height };
  const sha256 = createHash('sha256').update(original).digest('hex');
  return { bytes, extension, contentType: extension === 'png' ? 'image/png' : contentType, width: info.width, height: info.height, sha256 };
}

async function collect(image: MammothImage): Promise<CollectedImage> {
  let bytes: Buffer;
  try {
    bytes = await image.readAsBuffer();
  } catch (error) {
    // mammoth refuses (by our option) to follow a picture that is only linked to a file on disk.
    const linked = error instanceof Error && /external/i.test(error.message);
    return { ok: false, problem: { kind: linked ? 'not-embedded' : 'unreadable' } };
  }
  const result = await picture(image.contentType ?? 'ukendt', bytes);
  if (!('bytes' in result)) return { ok: false, problem: result };
  const { alt, generated } = altTextOf(image.altText);
  return { ok: true, picture: result, alt, generatedAlt: generated };
}

/** Collects every picture mammoth converts; `converter` goes into mammoth's options. */
export class ImageCollector {
  readonly #images: Array<Promise<CollectedImage>> = [];

  readonly converter = mammoth.images.imgElement(async (image) => {
    // The index is taken before the first await, so it follows the document order even if mammoth
    // converts pictures concurrently.
    const index = this.#images.push(collect(image)) - 1;
    await this.#images[index];
    return { src: `${IMAGE_SRC_PREFIX}${index}` };
  });

  /** Every collected picture by index; call after mammoth has finished. */
  all(): Promise<CollectedImage[]> {
    return Promise.all(this.#images);
  }
}
