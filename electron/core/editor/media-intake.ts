import type { DraftMedia, ImportNote } from '../../../contract/editor-api.js';
import { readImageInfo } from '../content/image-info.js';
import { MAX_IMAGE_PIXELS } from '../content/picture-header.js';
import { VARIANT_WIDTHS } from '../content/process-images.js';

// What happens when staff drop a file on the editor: is it something the kiosk can show, is it big enough
// to look sharp, and what is it called in the bundle. The answer is in Danish and names the fix.

const MB = 1024 * 1024;

type Kind = DraftMedia['type'];

const KINDS: ReadonlyArray<{ pattern: RegExp; kind: Kind; maxBytes: number }> = [
  { pattern: /\.(jpe?g|png|webp|avif)$/, kind: 'image', maxBytes: 40 * MB },
  { pattern: /\.(mp4|webm)$/, kind: 'video', maxBytes: 200 * MB },
  { pattern: /\.(mp3|ogg|oga|opus|m4a)$/, kind: 'audio', maxBytes: 50 * MB },
];

export const MAX_UPLOAD_BYTES = 200 * MB;

export type MediaIntake = { ok: true; kind: Kind; name: string; width?: number; height?: number; notes: ImportNote[] } | { ok: false; messageDa: string };

/** A file name the bundle accepts (media/[a-z0-9._-]): lower case, æøå spelled out, the rest a dash. */
export function safeMediaName(original: string): string {
  const lower = original.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const dot = lower.lastIndexOf('.');
  const ext = dot > 0 ? lower.slice(dot).replace(/[^a-z0-9.]/g, '') : '';
  const stem = (dot > 0 ? lower.slice(0, dot) : lower).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'fil';
  return `${stem}${ext === '.jpeg' ? '.jpg' : ext}`;
}

const hasMagic = (bytes: Uint8Array, offset: number, magic: readonly number[]): boolean => magic.every((b, i) => bytes[offset + i] === b);

function looksLike(kind: Kind, name: string, bytes: Uint8Array): boolean {
  switch (kind) {
    case 'image':
      return true; // sharp reads it below, which is the real test
    case 'video':
      return name.endsWith('.mp4') ? hasMagic(bytes, 4, [0x66, 0x74, 0x79, 0x70]) : hasMagic(bytes, 0, [0x1a, 0x45, 0xdf, 0xa3]);
    case 'audio':
      return bytes.length > 16;
  }
}

/** Checks one dropped file; nothing is stored here. */
export async function inspectMedium(originalName: string, bytes: Uint8Array): Promise<MediaIntake> {
  const name = safeMediaName(originalName);
  const type = KINDS.find((k) => k.pattern.test(name));
  if (!type) {
    return { ok: false, messageDa: `„${originalName}“ kan kiosken ikke vise. Brug et billede (JPEG, PNG, WebP), en video (MP4, WebM) eller en lydfil (MP3, Ogg, M4A).` };
  }
  if (bytes.length > type.maxBytes) {
    return { ok: false, messageDa: `„${originalName}“ fylder ${Math.ceil(bytes.length / MB)} MB – højst ${type.maxBytes / MB} MB. Gem den i en mindre udgave og prøv igen.` };
  }
  if (!looksLike(type.kind, name, bytes)) {
    return { ok: false, messageDa: `„${originalName}“ er ikke en rigtig ${type.kind === 'video' ? 'videofil' : 'lydfil'} – den kan ikke afspilles.` };
  }
  if (type.kind !== 'image') return { ok: true, kind: type.kind, name, notes: [] };
  const info = await readImageInfo(bytes);
  if (!info.ok) return { ok: false, messageDa: `„${originalName}“ kan ikke åbnes som billede – filen er måske ødelagt.` };
  const { width, height } = info;
  if (width * height > MAX_IMAGE_PIXELS) {
    return { ok: false, messageDa: `„${originalName}“ er ${width} × ${height} pixels – for stort til kiosken. Gem en mindre udgave (fx 4000 pixels bred).` };
  }
  const notes: ImportNote[] = [];
  const smallest = VARIANT_WIDTHS[0];
  if (width < smallest) {
    notes.push({ messageDa: `Billedet er kun ${width} pixels bredt. Det kan se uskarpt ud på kioskens skærm – brug gerne et billede, der er mindst ${smallest} pixels bredt.` });
  }
  return { ok: true, kind: 'image', name, width, height, notes };
}
