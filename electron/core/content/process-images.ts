import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, parse } from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import type { ContentProblem } from '../../../contract/api.js';
import { CONTENT_FILES, StoriesFile, type ImageMedia, type ImageVariant, type StoryEntry } from '../../../contract/content.js';
import { createLogger } from '../logger.js';
import { WHOLE_FILE } from '../validation-messages.js';
import { readImageInfo } from './image-info.js';
import { MAX_IMAGE_PIXELS, megapixels } from './picture-header.js';
import { listMediaFiles } from './media-checks.js';
import { ProblemError, readValid } from './read-json.js';

// The image step of `vores-sted bundle build`: for every picture a story shows, WebP copies sized for a
// 1080p and a 4K screen, so the kiosk never decodes a 24-megapixel photo to show it 1920 pixels wide.
// Pure sharp (libvips): no external program is run. One picture at a time, with sharp's cache off, so a
// folder of hundreds of photos needs the memory of one.

const log = createLogger('process-images');

/** The widest variant for each screen class; a smaller original is never enlarged. */
export const VARIANT_WIDTHS = [1920, 3840] as const;
const WEBP_QUALITY = 82;

export type PreparedImages =
  | { ok: true; stories: StoryEntry[]; written: string[] }
  | { ok: false; problem: ContentProblem };

interface Prepared {
  width: number;
  height: number;
  variants: ImageVariant[];
}

/** "media/havn.jpg" → "media/havn-jpg-1920w.webp": unique per original, and a valid media path. */
export function variantFile(file: string, width: number): string {
  const { name, ext } = parse(file);
  return `media/${name}-${ext.slice(1)}-${width}w.webp`;
}

function fail(file: string, messageDa: string, messageEn: string): never {
  throw new ProblemError({ file, field: WHOLE_FILE, messageDa, messageEn });
}

/**
 * The largest copy of a picture the folder has: a folder that was itself made by a build (the built-in
 * content, an opened bundle) names its 1920-px copy as `file` and keeps the 4K one as a variant. Sizing
 * down from that keeps 4K screens sharp; sizing from `file` would quietly make every later bundle softer.
 */
function largestSource(medium: ImageMedia, mediaFiles: ReadonlySet<string>): string {
  let best: { file: string; width: number } = { file: medium.file, width: medium.width };
  for (const variant of medium.variants) {
    if (variant.width > best.width && mediaFiles.has(variant.file)) best = variant;
  }
  return best.file;
}

async function prepareOne(contentDir: string, outDir: string, file: string, written: string[], sourceFile = file): Promise<Prepared> {
  const source = join(contentDir, sourceFile);
  const info = await readImageInfo(source);
  if (!info.ok) {
    fail(file, `Filen ${file} er ikke et billede, der kan læses. Gem det som WebP, JPEG, PNG eller AVIF.`, `${file}: not a readable picture`);
  }
  const { width, height } = info;
  if (width * height > MAX_IMAGE_PIXELS) {
    fail(
      file,
      `Billedet ${file} er ${width} × ${height} pixels (${megapixels(width, height, 'da-DK')} megapixel). Højst 40 megapixel er tilladt – gør billedet mindre, fx 3840 pixels bredt.`,
      `${file}: picture is ${width} × ${height} pixels; at most 40 megapixels is allowed`,
    );
  }
  const variants: ImageVariant[] = [];
  for (const maxWidth of VARIANT_WIDTHS) {
    const target = Math.min(maxWidth, width);
    // A picture no wider than the 1080p size needs only that one variant; a 4K copy would be the same.
    if (variants.some((variant) => variant.width === target)) continue;
    const out = variantFile(file, target);
    const temp = join(outDir, `${out}.partial`);
    let result: OutputInfo;
    try {
      result = await sharp(source, { limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true })
        .autoOrient()
        .resize({ width: target, withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toFile(temp);
    } catch (error) {
      // A header that reads fine over pixel data that does not: a truncated or damaged file.
      fail(file, `Billedet ${file} er beskadiget og kan ikke gøres mindre (${(error as Error).message}).`, `${file}: cannot be converted (${(error as Error).message})`);
    }
    // Renamed only when complete: an interrupted build never leaves a half-written picture behind.
    await rename(temp, join(outDir, out));
    written.push(out);
    variants.push({ file: out, width: result.width, height: result.height });
  }
  if (sourceFile === file) return { width, height, variants };
  // width and height describe `file` itself (the loader checks them against it); the sizes come from the larger copy.
  const own = await readImageInfo(join(contentDir, file));
  return own.ok ? { width: own.width, height: own.height, variants } : { width, height, variants };
}

function missing(file: string, story: string): never {
  fail(file, `Filen ${file} mangler i indholdets media-mappe (nævnt i stories.json, historien „${story}“).`, `${file}: missing from the media folder (story "${story}")`);
}

/**
 * Writes WebP variants of every story image to `outDir`/media and `outDir`/stories.json with width,
 * height and variants filled in. The caller copies the rest of the folder (originals included); `outDir`
 * may be `contentDir` itself. Never throws for bad content: the first problem names the file.
 */
export async function prepareImages(contentDir: string, outDir: string): Promise<PreparedImages> {
  sharp.cache(false);
  const written: string[] = [];
  try {
    const entries = await readValid(contentDir, CONTENT_FILES.stories, StoriesFile);
    const mediaFiles = await listMediaFiles(contentDir);
    await mkdir(join(outDir, 'media'), { recursive: true });
    const done = new Map<string, Prepared>();
    const stories: StoryEntry[] = [];
    for (const entry of entries) {
      const media = [];
      for (const medium of entry.media) {
        if (medium.type !== 'image') {
          media.push(medium);
          continue;
        }
        if (!mediaFiles.has(medium.file)) missing(medium.file, entry.id);
        const prepared = done.get(medium.file) ?? (await prepareOne(contentDir, outDir, medium.file, written, largestSource(medium, mediaFiles)));
        done.set(medium.file, prepared);
        media.push({ ...medium, ...prepared } satisfies ImageMedia);
      }
      stories.push({ ...entry, media });
    }
    await writeFile(join(outDir, CONTENT_FILES.stories), `${JSON.stringify(stories, null, 2)}\n`);
    log.info({ images: done.size, variants: written.length }, 'story images prepared');
    return { ok: true, stories, written };
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    log.error({ file: error.problem.file }, `image preparation failed: ${error.problem.messageEn}`);
    return { ok: false, problem: error.problem };
  }
}
