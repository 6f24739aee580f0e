import type { ByteSource } from './byte-source.js';
import type { ContainerProbe } from './mp4-probe.js';

// Just enough EBML (WebM/Matroska) to name the codec of each video track: the EBML header must say
// DocType "webm", then Segment → Tracks → TrackEntry gives TrackType (1 = video) and CodecID (V_VP9 …).

const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackType: 0x83,
  codecId: 0x86,
  cluster: 0x1f43b675,
} as const;
const VIDEO_TRACK = 1;
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_TRACKS_BYTES = 1024 * 1024;
const MAX_SEGMENT_CHILDREN = 10_000;

interface Element {
  id: number;
  /** Where the data starts; its size, or null for "unknown size" (a live stream's Segment). */
  start: number;
  size: number | null;
}

/** A variable-length integer: the count of leading zero bits in the first byte gives its length. */
function vint(buffer: Buffer, offset: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  const first = buffer[offset];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (offset + length > buffer.length || length > 8) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = buffer[offset + i] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function elementAt(buffer: Buffer, offset: number): Element | null {
  const id = vint(buffer, offset, true);
  if (!id || id.length > 4) return null;
  const size = vint(buffer, offset + id.length, false);
  if (!size) return null;
  return { id: id.value, start: offset + id.length + size.length, size: size.unknown ? null : size.value };
}

/** The children of an in-memory element. */
function childrenOf(buffer: Buffer, start: number, end: number): Element[] {
  const found: Element[] = [];
  let offset = start;
  while (offset < end) {
    const element = elementAt(buffer, offset);
    if (!element || element.size === null || element.start + element.size > end) break;
    found.push(element);
    offset = element.start + element.size;
  }
  return found;
}

function readUint(buffer: Buffer, element: Element): number {
  let value = 0;
  for (let i = 0; i < (element.size ?? 0); i++) value = value * 256 + (buffer[element.start + i] as number);
  return value;
}

function readString(buffer: Buffer, element: Element): string {
  return buffer.toString('latin1', element.start, element.start + (element.size ?? 0)).replace(/\0+$/, '');
}

function videoCodecs(tracks: Buffer): string[] {
  const codecs: string[] = [];
  for (const entry of childrenOf(tracks, 0, tracks.length).filter((element) => element.id === ID.trackEntry)) {
    const fields = childrenOf(tracks, entry.start, entry.start + (entry.size ?? 0));
    const type = fields.find((field) => field.id === ID.trackType);
    const codec = fields.find((field) => field.id === ID.codecId);
    if (type && readUint(tracks, type) === VIDEO_TRACK) codecs.push(codec ? readString(tracks, codec) : 'unknown');
  }
  return codecs;
}

/** Video codec IDs of a WebM file; ok:false when it is not a WebM we can read. */
export async function probeWebm(source: ByteSource): Promise<ContainerProbe> {
  const head = await source.read(0, 16);
  const ebml = elementAt(head, 0);
  if (!ebml || ebml.id !== ID.ebml || ebml.size === null || ebml.size > MAX_HEADER_BYTES) return { ok: false };
  const header = await source.read(ebml.start, ebml.size);
  const docType = childrenOf(header, 0, header.length).find((element) => element.id === ID.docType);
  if (!docType || readString(header, docType) !== 'webm') return { ok: false };

  const segmentAt = ebml.start + ebml.size;
  const segment = elementAt(await source.read(segmentAt, 16), 0);
  if (!segment || segment.id !== ID.segment) return { ok: false };
  const segmentStart = segmentAt + segment.start;
  const segmentEnd = segment.size === null ? source.size : Math.min(source.size, segmentStart + segment.size);
  // Walk the Segment's top-level elements by their sizes (never reading the clusters' video data) until
  // Tracks. WebM puts Tracks before the first Cluster; a file that does not cannot start playing anyway.
  let position = segmentStart;
  for (let count = 0; count < MAX_SEGMENT_CHILDREN && position < segmentEnd; count++) {
    const element = elementAt(await source.read(position, 16), 0);
    if (!element || element.size === null || element.id === ID.cluster) return { ok: false };
    const dataStart = position + element.start;
    if (element.id === ID.tracks) {
      if (element.size > MAX_TRACKS_BYTES) return { ok: false };
      return { ok: true, videoCodecs: videoCodecs(await source.read(dataStart, element.size)) };
    }
    position = dataStart + element.size;
  }
  return { ok: false };
}
