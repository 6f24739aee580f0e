import type { Entry } from 'yauzl';
import { RESERVED_NAMES, findCollision, unsafeNameReason } from './entry-names.js';
import type { BundleLimits } from './limits.js';
import type { BundleFileEntry, BundleManifest } from './manifest.js';
import type { BundleRejection } from './rejection.js';

// Checks on central-directory records. They run before anything is unpacked, and they look at the
// records themselves, not at the signed manifest: a record can be dangerous even if its name is listed.

const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const EXTRA_UNICODE_PATH = 0x7075;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const DOS_REPARSE_POINT = 0x400;

export function isSymlink(entry: Entry): boolean {
  const unixType = (entry.externalFileAttributes >>> 16) & S_IFMT;
  // Windows symlinks and junctions are reparse points in the DOS attribute word.
  return unixType === S_IFLNK || (entry.externalFileAttributes & DOS_REPARSE_POINT) !== 0;
}

/** Checks one central-directory record on its own. */
export function checkEntry(entry: Entry, limits: BundleLimits): BundleRejection | null {
  const path = entry.fileName;
  if (isSymlink(entry)) return { code: 'symlink', path };
  const unixType = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (unixType !== 0 && unixType !== S_IFREG && unixType !== S_IFDIR) {
    return { code: 'unsupported-entry', path, detail: `special file type 0o${unixType.toString(8)}` };
  }
  // A second, different name in the Unicode Path extra field means other zip tools may see another file.
  if (entry.extraFields.some((field) => field.id === EXTRA_UNICODE_PATH)) return { code: 'unsafe-path', path };
  // Without the UTF-8 flag, non-ASCII bytes are CP437 to us but may be anything to the next tool.
  if ((entry.generalPurposeBitFlag & FLAG_UTF8) === 0 && entry.fileNameRaw.some((byte) => byte >= 0x80)) {
    return { code: 'unsafe-path', path };
  }
  if (unsafeNameReason(path, limits.maxPathBytes) !== null) return { code: 'unsafe-path', path };
  if ((entry.generalPurposeBitFlag & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0) {
    return { code: 'unsupported-entry', path, detail: 'encrypted' };
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return { code: 'unsupported-entry', path, detail: `compression method ${entry.compressionMethod}` };
  }
  return null;
}

/** Checks the records against each other once they are all read. */
export function checkEntrySet(entries: readonly Entry[]): BundleRejection | null {
  const clash = findCollision(entries.map((e) => e.fileName));
  return clash === null ? null : { code: 'duplicate-entry', path: clash };
}

export interface ContentEntry {
  entry: Entry;
  file: BundleFileEntry;
}

/**
 * Pairs every record with its signed manifest line: nothing unlisted, nothing missing, sizes as signed,
 * and sizes and compression ratios within the limits. Returns the pairs in archive order.
 */
export function matchEntriesToManifest(
  entries: readonly Entry[],
  manifest: BundleManifest,
  limits: BundleLimits,
): { ok: true; contentEntries: ContentEntry[] } | { ok: false; reason: BundleRejection } {
  const listed = new Map(manifest.files.map((file) => [file.path, file]));
  const byName = new Map<string, Entry>();
  for (const entry of entries) {
    if (RESERVED_NAMES.has(entry.fileName)) continue;
    if (!listed.has(entry.fileName)) return { ok: false, reason: { code: 'extra-file', path: entry.fileName } };
    byName.set(entry.fileName, entry);
  }
  let total = 0;
  const contentEntries: ContentEntry[] = [];
  for (const file of manifest.files) {
    const entry = byName.get(file.path);
    if (entry === undefined) return { ok: false, reason: { code: 'missing-file', path: file.path } };
    if (file.size > limits.maxFileBytes) {
      return { ok: false, reason: { code: 'too-large', subject: 'file', bytes: file.size, limit: limits.maxFileBytes, path: file.path } };
    }
    total += file.size;
    if (total > limits.maxTotalBytes) {
      return { ok: false, reason: { code: 'too-large', subject: 'total', bytes: total, limit: limits.maxTotalBytes } };
    }
    if (entry.uncompressedSize !== file.size) return { ok: false, reason: { code: 'hash-mismatch', path: file.path } };
    const ratio = file.size / Math.max(1, entry.compressedSize);
    if (file.size >= limits.compressionRatioMinBytes && ratio > limits.maxCompressionRatio) {
      return { ok: false, reason: { code: 'compression-ratio', path: file.path, ratio, limit: limits.maxCompressionRatio } };
    }
    contentEntries.push({ entry, file });
  }
  contentEntries.sort((a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader);
  return { ok: true, contentEntries };
}
