// Helpers for the story/media tests: a content folder of our own (a copy of content/ whose stories,
// bodies and media are replaced, so the built-in stories can change without breaking these tests),
// stories, real pictures made with sharp, and the smallest MP4 / WebM files a codec probe can read.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { ContentProblem, ContentState } from '../../../contract/api.js';
import type { ContentSnapshot } from '../../../contract/content.js';
import { copyOfContent, isDanish, isEnglish, type tempDirs } from '../host/support.js';

export type Json = Record<string, unknown>;
type Dirs = ReturnType<typeof tempDirs>;

/** A village id that geo/villages.json has. */
export const KNOWN_VILLAGE = 1;

/** A story entry as staff would write it, with the fields the schema requires. */
export function story(id: string, extra: Json = {}): Json {
  return {
    id,
    coreTasks: ['trivsel-og-laering'],
    villages: [KNOWN_VILLAGE],
    title: { da: `Historien om ${id}` },
    summary: { da: 'Et kort resumé.' },
    example: true,
    ...extra,
  };
}

export interface ContentSpec {
  stories: Json[];
  /** Files under stories/, by name; each story gets "<id>.da.md" with a line of text unless named here (null: no file). */
  bodies?: Record<string, string | Buffer | null>;
  /** Files under media/, by name. */
  media?: Record<string, Buffer>;
}

/** A copy of content/ with exactly these stories, bodies and media. */
export async function contentWith(dirs: Dirs, spec: ContentSpec): Promise<string> {
  const dir = await copyOfContent(dirs);
  await rm(join(dir, 'stories'), { recursive: true, force: true });
  await rm(join(dir, 'media'), { recursive: true, force: true });
  await mkdir(join(dir, 'stories'));
  await mkdir(join(dir, 'media'));
  await writeFile(join(dir, 'stories.json'), JSON.stringify(spec.stories, null, 2));
  const bodies: Record<string, string | Buffer | null> = {};
  for (const entry of spec.stories) bodies[`${String(entry['id'])}.da.md`] = `Tekst om ${String(entry['id'])}.\n`;
  Object.assign(bodies, spec.bodies ?? {});
  for (const [name, body] of Object.entries(bodies)) {
    if (body !== null) await writeFile(join(dir, 'stories', name), body);
  }
  for (const [name, data] of Object.entries(spec.media ?? {})) await writeFile(join(dir, 'media', name), data);
  return dir;
}

export async function writeFileIn(dir: string, file: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(join(dir, file)), { recursive: true });
  await writeFile(join(dir, file), data);
}

/** A solid-colour picture of the given size; PNG of a single colour compresses to almost nothing. */
export function picture(width: number, height: number, format: 'png' | 'webp' | 'jpeg' = 'png'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2a6f5c' } })
    .toFormat(format)
    .toBuffer();
}

export function snapshotOf(state: ContentState): ContentSnapshot {
  if (!state.ok) throw new Error(`expected content to load, got: ${state.problem.messageEn}`);
  return state.snapshot;
}

export function problemOf(state: ContentState): ContentProblem {
  if (state.ok) throw new Error('expected the content to be rejected');
  return state.problem;
}

/** Danish for staff, English for the log, and both name the file. */
export function expectNamesFile(problem: ContentProblem, file: string): void {
  expect(problem.file).toBe(file);
  expect(problem.messageDa).toContain(file);
  expect(problem.messageEn).toContain(file);
  expect(isDanish(problem.messageDa), `not plain Danish: ${problem.messageDa}`).toBe(true);
  expect(isEnglish(problem.messageEn), `not plain English: ${problem.messageEn}`).toBe(true);
}

// --- MP4 (ISO BMFF): size + type boxes ---

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'latin1'), body]);
}

function track(handler: string, codec: string): Buffer {
  const hdlr = box('hdlr', u32(0), u32(0), Buffer.from(handler, 'latin1'), Buffer.alloc(12), Buffer.from('Handler\0'));
  const stsd = box('stsd', u32(0), u32(1), box(codec, Buffer.alloc(78)));
  return box('trak', box('tkhd', Buffer.alloc(84)), box('mdia', box('mdhd', Buffer.alloc(24)), hdlr, box('minf', box('stbl', stsd))));
}

/**
 * An MP4 whose video track uses `videoCodec` (avc1 = H.264, hvc1 = HEVC), plus an AAC audio track. The
 * movie box comes after the media data, as in a file that was not "fast-started".
 */
export function mp4(videoCodec: string | null): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), u32(512), Buffer.from('isomiso2mp41', 'latin1'));
  const tracks = [track('soun', 'mp4a'), ...(videoCodec ? [track('vide', videoCodec)] : [])];
  const moov = box('moov', box('mvhd', Buffer.alloc(100)), ...tracks);
  return Buffer.concat([ftyp, box('free', Buffer.alloc(16)), box('mdat', Buffer.alloc(4096, 7)), moov]);
}

// --- WebM (EBML): id + size + data elements ---

function idBytes(id: number): Buffer {
  const bytes: number[] = [];
  for (let rest = id; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from(bytes);
}

/** An EBML element with an 8-byte size, or "unknown size" (as a live recording writes its Segment). */
function element(id: number, payload: Buffer[], unknownSize = false): Buffer {
  const body = Buffer.concat(payload);
  const size = Buffer.alloc(8);
  if (unknownSize) size.fill(0xff, 1);
  else size.writeUIntBE(body.length, 2, 6);
  size[0] = 0x01;
  return Buffer.concat([idBytes(id), size, body]);
}

const uint = (value: number): Buffer => Buffer.from([value]);
const text = (value: string): Buffer => Buffer.from(value, 'latin1');

/** A WebM with one video track in `videoCodec` (V_VP9, V_MPEGH/ISO/HEVC …) and an Opus audio track. */
export function webm(videoCodec: string, options: { docType?: string; unknownSegmentSize?: boolean } = {}): Buffer {
  const header = element(0x1a45dfa3, [element(0x4286, [uint(1)]), element(0x4282, [text(options.docType ?? 'webm')])]);
  const info = element(0x1549a966, [element(0x2ad7b1, [uint(100)])]);
  const tracks = element(0x1654ae6b, [
    element(0xae, [element(0xd7, [uint(1)]), element(0x83, [uint(2)]), element(0x86, [text('A_OPUS')])]),
    element(0xae, [element(0xd7, [uint(2)]), element(0x83, [uint(1)]), element(0x86, [text(videoCodec)])]),
  ]);
  const cluster = element(0x1f43b675, [Buffer.alloc(256, 3)]);
  return Buffer.concat([header, element(0x18538067, [info, tracks, cluster], options.unknownSegmentSize)]);
}
