import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageMedia, Media, VideoMedia } from '../../../contract/content.js';
import { WHOLE_FILE } from '../validation-messages.js';
import { withByteSource } from './byte-source.js';
import { type Findings, storyDa, storyEn } from './findings.js';
import { MAX_IMAGE_PIXELS, megapixels, readShownPictureSize } from './picture-header.js';
import { probeMp4, type ContainerProbe } from './mp4-probe.js';
import { probeWebm } from './webm-probe.js';

// Checks that a story's media can really be shown on the kiosk: the file is there, a picture is not too
// large and has the size stories.json claims, a video is in a codec Chromium plays, captions are WebVTT.

/** Chromium (and Electron) decode these everywhere; HEVC needs hardware and a licence it may not have. */
const PLAYABLE_MP4 = new Set(['avc1', 'avc3']);
const PLAYABLE_WEBM = new Set(['V_VP8', 'V_VP9', 'V_AV1']);
const HEVC = { da: 'HEVC (H.265)', en: 'HEVC (H.265)' };
const CODEC_NAMES: Readonly<Record<string, { da: string; en: string }>> = {
  hvc1: HEVC,
  hev1: HEVC,
  'V_MPEGH/ISO/HEVC': HEVC,
  // Chromium plays H.264 only in MP4, not inside WebM.
  'V_MPEG4/ISO/AVC': { da: 'H.264 i en WebM-fil', en: 'H.264 in WebM' },
};

export interface MediaCheck {
  dir: string;
  /** "media/<file>" for every regular file in the folder's media/ (exact, case-sensitive names). */
  mediaFiles: ReadonlySet<string>;
  findings: Findings;
  storyId: string;
  /** The file that names the medium: stories.json, or a body file that shows a picture. */
  from: string;
  /** Where in stories.json the medium sits, e.g. "[2].media[0]"; null when `from` is a body file. */
  field: string | null;
}

/**
 * The regular files in <dir>/media/. Names are compared exactly, so a picture saved as "Havn.JPG" does not
 * pass on a laptop (case-insensitive disk) and then fail on the kiosk; symbolic links do not count.
 */
export async function listMediaFiles(dir: string): Promise<Set<string>> {
  try {
    const entries = await readdir(join(dir, 'media'), { withFileTypes: true });
    return new Set(entries.filter((entry) => entry.isFile()).map((entry) => `media/${entry.name}`));
  } catch {
    return new Set();
  }
}

function exists(file: string, check: MediaCheck): boolean {
  if (check.mediaFiles.has(file)) return true;
  check.findings.error({
    file,
    field: WHOLE_FILE,
    messageDa: `Filen ${file} mangler i indholdets media-mappe. Den nævnes i ${check.from}${check.field === null ? '' : `, feltet „${check.field}“`} (${storyDa(check.storyId)}).`,
    messageEn: `${file}: missing from the media folder (named in ${check.from}${check.field === null ? '' : ` field "${check.field}"`}, ${storyEn(check.storyId)})`,
  });
  return false;
}

/** Checks a picture file; its shown size when it is usable, else null (with an error recorded). */
export async function checkImageFile(file: string, check: MediaCheck): Promise<{ width: number; height: number } | null> {
  if (!exists(file, check)) return null;
  const info = await readShownPictureSize(join(check.dir, file));
  const story = { da: storyDa(check.storyId), en: storyEn(check.storyId) };
  if (!info.ok) {
    check.findings.error({
      file,
      field: WHOLE_FILE,
      messageDa: `Filen ${file} (${story.da}) er ikke et billede, der kan læses. Gem det som WebP, JPEG, PNG eller AVIF.`,
      messageEn: `${file} (${story.en}): not a readable picture (save it as WebP, JPEG, PNG or AVIF)`,
    });
    return null;
  }
  const { width, height } = info;
  if (width * height > MAX_IMAGE_PIXELS) {
    check.findings.error({
      file,
      field: WHOLE_FILE,
      messageDa: `Billedet ${file} (${story.da}) er ${width} × ${height} pixels (${megapixels(width, height, 'da-DK')} megapixel). Højst 40 megapixel er tilladt – gør billedet mindre, fx 3840 pixels bredt.`,
      messageEn: `${file} (${story.en}): picture is ${width} × ${height} pixels (${megapixels(width, height, 'en-GB')} megapixels); at most 40 megapixels is allowed`,
    });
    return null;
  }
  return { width, height };
}

/** width/height in stories.json must be the picture's real size: the renderer lays the page out by them. */
function checkSize(file: string, field: string, claimed: { width: number; height: number }, real: { width: number; height: number }, check: MediaCheck): void {
  if (claimed.width === real.width && claimed.height === real.height) return;
  check.findings.error({
    file: 'stories.json',
    field,
    messageDa: `Filen stories.json: feltet „${field}“ (${storyDa(check.storyId)}) siger ${claimed.width} × ${claimed.height} pixels, men billedet ${file} er ${real.width} × ${real.height}. Ret width og height, eller byg pakken med „vores-sted bundle build“, som udfylder dem.`,
    messageEn: `stories.json: field "${field}" (${storyEn(check.storyId)}) says ${claimed.width} × ${claimed.height} pixels, but the picture ${file} is ${real.width} × ${real.height}`,
  });
}

async function checkImage(medium: ImageMedia, check: MediaCheck): Promise<void> {
  const real = await checkImageFile(medium.file, check);
  const field = check.field ?? '';
  if (real) checkSize(medium.file, `${field}.width`, medium, real, check);
  for (const [index, variant] of medium.variants.entries()) {
    const variantReal = await checkImageFile(variant.file, check);
    if (variantReal) checkSize(variant.file, `${field}.variants[${index}].width`, variant, variantReal, check);
  }
}

async function probeVideo(path: string, file: string): Promise<ContainerProbe> {
  try {
    return await withByteSource(path, (source) => (file.endsWith('.webm') ? probeWebm(source) : probeMp4(source)));
  } catch {
    return { ok: false };
  }
}

async function checkVideoFile(file: string, check: MediaCheck): Promise<void> {
  if (!exists(file, check)) return;
  const webm = file.endsWith('.webm');
  const format = webm ? 'WebM' : 'MP4';
  const probe = await probeVideo(join(check.dir, file), file);
  const story = { da: storyDa(check.storyId), en: storyEn(check.storyId) };
  const fail = (messageDa: string, messageEn: string): void => check.findings.error({ file, field: WHOLE_FILE, messageDa, messageEn });
  if (!probe.ok) {
    fail(
      `Filen ${file} (${story.da}) er ikke en ${format}-fil, der kan læses. Er den gemt i et andet format end navnet siger?`,
      `${file} (${story.en}): not a readable ${format} file`,
    );
    return;
  }
  if (probe.videoCodecs.length === 0) {
    fail(`Filen ${file} (${story.da}) indeholder ikke noget videospor.`, `${file} (${story.en}): there is no video track in it`);
    return;
  }
  const playable = webm ? PLAYABLE_WEBM : PLAYABLE_MP4;
  const bad = probe.videoCodecs.find((codec) => !playable.has(codec));
  if (bad !== undefined) {
    const name = CODEC_NAMES[bad] ?? { da: bad, en: bad };
    fail(
      `Videoen ${file} (${story.da}) er kodet som ${name.da}, og det kan Chromium ikke afspille. Gem den som H.264 i en MP4-fil eller VP9 i en WebM-fil.`,
      `${file} (${story.en}): video codec ${name.en} cannot be played by Chromium (use H.264 in MP4 or VP9 in WebM)`,
    );
  }
}

/** A captions file must be WebVTT: Chromium silently ignores anything else, and the video loses its text. */
async function checkCaptions(file: string, check: MediaCheck): Promise<void> {
  if (!exists(file, check)) return;
  let head: Buffer;
  try {
    head = await withByteSource(join(check.dir, file), (source) => source.read(0, 16));
  } catch {
    head = Buffer.alloc(0);
  }
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (/^WEBVTT([ \t\r\n]|$)/.test(text)) return;
  check.findings.error({
    file,
    field: WHOLE_FILE,
    messageDa: `Undertekstfilen ${file} (${storyDa(check.storyId)}) er ikke WebVTT: den skal begynde med „WEBVTT“ på første linje.`,
    messageEn: `${file} (${storyEn(check.storyId)}): captions are not WebVTT (the file must start with "WEBVTT")`,
  });
}

async function checkVideo(medium: VideoMedia, check: MediaCheck): Promise<void> {
  await checkVideoFile(medium.file, check);
  if (medium.poster !== undefined) await checkImageFile(medium.poster, check);
  if (medium.captions) {
    await checkCaptions(medium.captions.da, check);
    if (medium.captions.en !== undefined) await checkCaptions(medium.captions.en, check);
  }
}

/** Records an error in check.findings for every way `medium` cannot be shown. */
export async function checkMedium(medium: Media, check: MediaCheck): Promise<void> {
  switch (medium.type) {
    case 'image':
      return checkImage(medium, check);
    case 'video':
      return checkVideo(medium, check);
    case 'audio':
      // Every audio type the schema allows plays in Chromium; all we can usefully check is that it is there.
      exists(medium.file, check);
      return;
    default: {
      const unknown: never = medium;
      throw new Error(`unknown media type ${JSON.stringify(unknown)}`);
    }
  }
}
