import { inflateRawSync } from 'node:zlib';
import { signFor, type TestKeys } from './helpers.js';
import { endRecords, entryRecords } from './raw-zip.js';

// Turns a third-party hostile zip into a *signed* bundle that keeps its hostile records, so the
// installer's record checks are exercised, not only its signature check. A tolerant reader finds the
// archive's central directory; the signed manifest lists the archive's own entries.

interface CdRecord {
  raw: Buffer;
  name: Buffer;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

function findEndRecord(zip: Buffer): number | null {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === 0x06054b50) return i;
  }
  return null;
}

/** The archive's central directory as its end record describes it, or null if that makes no sense. */
export function parseCentralDirectory(zip: Buffer): { cdStart: number; records: CdRecord[] } | null {
  const end = findEndRecord(zip);
  if (end === null) return null;
  let count = zip.readUInt16LE(end + 10);
  let cdStart = zip.readUInt32LE(end + 16);
  if ((count === 0xffff || cdStart === 0xffffffff) && end >= 20 && zip.readUInt32LE(end - 20) === 0x07064b50) {
    const record = Number(zip.readBigUInt64LE(end - 12));
    if (record + 56 > zip.length || zip.readUInt32LE(record) !== 0x06064b50) return null;
    count = Number(zip.readBigUInt64LE(record + 32));
    cdStart = Number(zip.readBigUInt64LE(record + 48));
  }
  if (count > 10_000) return null;
  const records: CdRecord[] = [];
  let position = cdStart;
  for (let i = 0; i < count; i += 1) {
    if (position + 46 > zip.length || zip.readUInt32LE(position) !== 0x02014b50) return null;
    const nameLength = zip.readUInt16LE(position + 28);
    const length = 46 + nameLength + zip.readUInt16LE(position + 30) + zip.readUInt16LE(position + 32);
    if (position + length > zip.length) return null;
    records.push({
      raw: zip.subarray(position, position + length),
      name: zip.subarray(position + 46, position + 46 + nameLength),
      method: zip.readUInt16LE(position + 10),
      compressedSize: zip.readUInt32LE(position + 20),
      uncompressedSize: zip.readUInt32LE(position + 24),
      localHeaderOffset: zip.readUInt32LE(position + 42),
    });
    position += length;
  }
  return { cdStart, records };
}

/** Best-effort content of a record: the bytes a naive extractor would produce (capped), else empty. */
function contentOf(zip: Buffer, record: CdRecord): Buffer {
  try {
    const at = record.localHeaderOffset;
    if (record.uncompressedSize > 2_000_000 || zip.readUInt32LE(at) !== 0x04034b50) return Buffer.alloc(0);
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const data = zip.subarray(start, start + record.compressedSize);
    if (record.method === 0) return data;
    if (record.method === 8) return inflateRawSync(data, { maxOutputLength: 2_000_000 });
  } catch {
    // Undecodable: the manifest then signs the empty file, which the entry will not match.
  }
  return Buffer.alloc(0);
}

function signedEntries(zip: Buffer, records: readonly CdRecord[], keys: TestKeys, version: number) {
  const files = records
    .filter((r) => !r.name.toString('utf8').endsWith('/'))
    .map((r) => ({ path: r.name.toString('utf8'), data: contentOf(zip, r), size: r.uncompressedSize === 0xffffffff ? 0 : r.uncompressedSize }));
  const signed = signFor(keys, version, files);
  return [
    { name: 'bundle-manifest.json', data: signed.manifest },
    { name: 'bundle-manifest.sig', data: signed.signature },
  ];
}

/**
 * Keeps every original byte where it was (junk, prefixes, comments, old end record and all) and appends
 * the signed manifest, then a new central directory: the original records verbatim plus two new ones.
 */
export function appendSigned(zip: Buffer, keys: TestKeys, version: number): Buffer | null {
  const cd = parseCentralDirectory(zip);
  if (cd === null) return null;
  const [manifestEntry, signatureEntry] = signedEntries(zip, cd.records, keys, version);
  if (manifestEntry === undefined || signatureEntry === undefined) return null;
  const manifest = entryRecords(manifestEntry, zip.length);
  const signature = entryRecords(signatureEntry, zip.length + manifest.local.length);
  const central = Buffer.concat([...cd.records.map((r) => r.raw), manifest.central, signature.central]);
  const cdOffset = zip.length + manifest.local.length + signature.local.length;
  return Buffer.concat([zip, manifest.local, signature.local, central, endRecords(cd.records.length + 2, central.length, cdOffset)]);
}

/**
 * Rebuilds the archive as tidily as its records allow: signed manifest first, then the original bytes up
 * to its central directory, then its records (offsets shifted) and a fresh end record. Whatever is left
 * of the attack lives in the records and the data they point at.
 */
export function repackSigned(zip: Buffer, keys: TestKeys, version: number): Buffer | null {
  const cd = parseCentralDirectory(zip);
  if (cd === null || cd.cdStart > zip.length) return null;
  const [manifestEntry, signatureEntry] = signedEntries(zip, cd.records, keys, version);
  if (manifestEntry === undefined || signatureEntry === undefined) return null;
  const manifest = entryRecords(manifestEntry, 0);
  const signature = entryRecords(signatureEntry, manifest.local.length);
  const shift = manifest.local.length + signature.local.length;
  const records = cd.records.map((r) => {
    const copy = Buffer.from(r.raw);
    if (r.localHeaderOffset !== 0xffffffff) copy.writeUInt32LE(r.localHeaderOffset + shift, 42);
    return copy;
  });
  const central = Buffer.concat([manifest.central, signature.central, ...records]);
  const body = zip.subarray(0, cd.cdStart);
  return Buffer.concat([manifest.local, signature.local, body, central, endRecords(records.length + 2, central.length, shift + body.length)]);
}
