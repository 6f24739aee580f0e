import type { ByteSource } from './byte-source.js';

// Just enough ISO BMFF (MP4) to name the codec of each video track: no ffprobe, nothing executed. The
// path is moov → trak → mdia → hdlr (is it video?) and mdia → minf → stbl → stsd (the sample entry's
// four-character code, e.g. avc1 for H.264, hvc1 for HEVC).

/** A movie header larger than this is not a kiosk video; refusing it keeps a bad file from eating memory. */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const MAX_TOP_LEVEL_BOXES = 10_000;

export type ContainerProbe = { ok: true; videoCodecs: string[] } | { ok: false };

interface Box {
  type: string;
  /** Where the payload starts and the box ends (absolute). */
  start: number;
  end: number;
}

function boxAt(header: Buffer, position: number, limit: number): Box | null {
  if (header.length < 8) return null;
  const size32 = header.readUInt32BE(0);
  const type = header.toString('latin1', 4, 8);
  if (!/^[\x20-\x7e]{4}$/.test(type)) return null;
  let size: number;
  let headerSize = 8;
  if (size32 === 1) {
    if (header.length < 16) return null;
    size = Number(header.readBigUInt64BE(8));
    headerSize = 16;
  } else {
    // 0 means "to the end of the file" (only the last box may say so).
    size = size32 === 0 ? limit - position : size32;
  }
  if (size < headerSize || position + size > limit) return null;
  return { type, start: position + headerSize, end: position + size };
}

function children(buffer: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let position = start;
  while (position + 8 <= end) {
    const box = boxAt(buffer.subarray(position, Math.min(position + 16, end)), position, end);
    if (!box) break;
    boxes.push(box);
    position = box.end;
  }
  return boxes;
}

function child(buffer: Buffer, parent: Box, type: string): Box | undefined {
  return children(buffer, parent.start, parent.end).find((box) => box.type === type);
}

/** The codec of one track if it is a video track, else null. */
function videoCodecOf(moov: Buffer, trak: Box): string | null {
  const mdia = child(moov, trak, 'mdia');
  const hdlr = mdia && child(moov, mdia, 'hdlr');
  // hdlr payload: version+flags (4), pre_defined (4), handler_type (4).
  if (!mdia || !hdlr || hdlr.end - hdlr.start < 12) return null;
  if (moov.toString('latin1', hdlr.start + 8, hdlr.start + 12) !== 'vide') return null;
  const minf = child(moov, mdia, 'minf');
  const stbl = minf && child(moov, minf, 'stbl');
  const stsd = stbl && child(moov, stbl, 'stsd');
  // stsd payload: version+flags (4), entry_count (4), then sample entries, each a box named by its codec.
  if (!stsd || stsd.end - stsd.start < 16) return 'unknown';
  return moov.toString('latin1', stsd.start + 12, stsd.start + 16);
}

/** Video codecs (four-character codes) of an MP4 file; ok:false when it is not an MP4 we can read. */
export async function probeMp4(source: ByteSource): Promise<ContainerProbe> {
  let position = 0;
  let first = true;
  for (let count = 0; count < MAX_TOP_LEVEL_BOXES && position + 8 <= source.size; count++) {
    const box = boxAt(await source.read(position, 16), position, source.size);
    // Every MP4 starts with its file type box; anything else is another format with an .mp4 name.
    if (!box || (first && box.type !== 'ftyp')) return { ok: false };
    first = false;
    if (box.type === 'moov') {
      const length = box.end - position;
      if (length > MAX_MOOV_BYTES) return { ok: false };
      const moov = await source.read(position, length);
      const root: Box = { type: 'moov', start: box.start - position, end: length };
      const codecs = children(moov, root.start, root.end)
        .filter((trak) => trak.type === 'trak')
        .map((trak) => videoCodecOf(moov, trak))
        .filter((codec): codec is string => codec !== null);
      return { ok: true, videoCodecs: codecs };
    }
    position = box.end;
  }
  return { ok: false };
}
