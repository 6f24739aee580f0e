import { open as openFile } from 'node:fs/promises';
import type { Entry, LocalFileHeader, ZipFile } from 'yauzl';
import type { BundleRejection } from './rejection.js';
import { rejectionFromError } from './zip-reader.js';

// A bundle must be laid out exactly as our builder writes it: entries back to back from byte 0, the
// central directory right after them, the end record right after that, no comment, nothing appended.
// That leaves no room for overlapping entries (Fifield's zip bombs), hidden prefixes or appended
// payloads (polyglots), or a second central directory that another zip tool would read instead.

const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const COMPARED_FLAGS = FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR | FLAG_UTF8;
// Data descriptor: CRC + two sizes, with or without its optional signature, 32- or 64-bit sizes.
const DESCRIPTOR_LENGTHS = [12, 16, 20, 24];
const END_RECORD = 22;
const ZIP64_END_RECORD = 56;
const ZIP64_LOCATOR = 20;
const ZIP64_SENTINEL = 0xffffffff;

interface Span {
  entry: Entry;
  start: number;
  end: number;
  usesDescriptor: boolean;
}

function agrees(local: number, central: number): boolean {
  return local === central || local === ZIP64_SENTINEL;
}

function headerMatches(header: LocalFileHeader, entry: Entry): boolean {
  if (!header.fileName.equals(entry.fileNameRaw)) return false;
  if (header.compressionMethod !== entry.compressionMethod) return false;
  if ((header.generalPurposeBitFlag & COMPARED_FLAGS) !== (entry.generalPurposeBitFlag & COMPARED_FLAGS)) return false;
  if ((entry.generalPurposeBitFlag & FLAG_DATA_DESCRIPTOR) !== 0) return true;
  return (
    header.crc32 === entry.crc32 &&
    agrees(header.compressedSize, entry.compressedSize) &&
    agrees(header.uncompressedSize, entry.uncompressedSize)
  );
}

export async function checkLayout(
  zip: ZipFile,
  entries: readonly Entry[],
  path: string,
  centralDirectoryStart: number,
  centralDirectoryEnd: number,
): Promise<BundleRejection | null> {
  const spans: Span[] = [];
  for (const entry of entries) {
    let header: LocalFileHeader;
    try {
      header = await zip.readLocalFileHeaderPromise(entry);
    } catch (error) {
      return rejectionFromError(error);
    }
    if (!headerMatches(header, entry)) return { code: 'header-mismatch', path: entry.fileName };
    spans.push({
      entry,
      start: entry.relativeOffsetOfLocalHeader,
      end: header.fileDataStart + entry.compressedSize,
      usesDescriptor: (entry.generalPurposeBitFlag & FLAG_DATA_DESCRIPTOR) !== 0,
    });
  }
  spans.sort((a, b) => a.start - b.start);
  let expectedStart = 0;
  for (const [index, span] of spans.entries()) {
    if (span.start !== expectedStart) {
      return { code: 'corrupt-zip', detail: `unexpected bytes before or overlapping entry ${span.entry.fileName}` };
    }
    const next = spans[index + 1]?.start ?? centralDirectoryStart;
    const gap = next - span.end;
    if (!(span.usesDescriptor ? DESCRIPTOR_LENGTHS.includes(gap) : gap === 0)) {
      return { code: 'corrupt-zip', detail: `unexpected bytes after entry ${span.entry.fileName}` };
    }
    expectedStart = next;
  }
  if (expectedStart !== centralDirectoryStart) return { code: 'corrupt-zip', detail: 'data before the central directory' };
  return checkEndRecords(path, entries.length, centralDirectoryStart, centralDirectoryEnd);
}

async function checkEndRecords(
  path: string,
  entryCount: number,
  cdStart: number,
  cdEnd: number,
): Promise<BundleRejection | null> {
  const handle = await openFile(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = size - cdEnd;
    if (tailLength !== END_RECORD && tailLength !== ZIP64_LOCATOR + ZIP64_END_RECORD + END_RECORD) {
      return { code: 'corrupt-zip', detail: `${tailLength} bytes instead of the end record after the central directory` };
    }
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tail.length, cdEnd);
    const end = tail.subarray(tail.length - END_RECORD);
    if (end.readUInt32LE(0) !== 0x06054b50 || end.readUInt16LE(20) !== 0) {
      return { code: 'corrupt-zip', detail: 'end record is not where it must be, or has a comment' };
    }
    if (tail.length === END_RECORD) {
      const consistent =
        end.readUInt16LE(4) === 0 && end.readUInt16LE(6) === 0 &&
        end.readUInt16LE(8) === entryCount && end.readUInt16LE(10) === entryCount &&
        end.readUInt32LE(12) === cdEnd - cdStart && end.readUInt32LE(16) === cdStart;
      return consistent ? null : { code: 'corrupt-zip', detail: 'end record disagrees with the central directory' };
    }
    const zip64 = tail.subarray(0, ZIP64_END_RECORD);
    const locator = tail.subarray(ZIP64_END_RECORD, ZIP64_END_RECORD + ZIP64_LOCATOR);
    const consistent =
      zip64.readUInt32LE(0) === 0x06064b50 && locator.readUInt32LE(0) === 0x07064b50 &&
      Number(locator.readBigUInt64LE(8)) === cdEnd &&
      Number(zip64.readBigUInt64LE(24)) === entryCount && Number(zip64.readBigUInt64LE(32)) === entryCount &&
      Number(zip64.readBigUInt64LE(40)) === cdEnd - cdStart && Number(zip64.readBigUInt64LE(48)) === cdStart;
    return consistent ? null : { code: 'corrupt-zip', detail: 'zip64 end records disagree with the central directory' };
  } finally {
    await handle.close();
  }
}
