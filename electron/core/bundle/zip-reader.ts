import { open as openFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { createLogger } from '../logger.js';
import type { BundleRejection } from './rejection.js';

// Thin promise layer over yauzl, plus the one place where its errors become rejection codes.

const log = createLogger('bundle-zip');

/** The strict options the kiosk always reads bundles with. */
const ZIP_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  validateEntrySizes: true,
  strictFileNames: true,
  decodeStrings: true,
  autoClose: false,
};

export interface OpenZip {
  zip: ZipFile;
  /** Byte offset of the central directory, as the end record claims. */
  centralDirectoryStart: number;
}

/** Thrown by our own stream guards; mapped to `hash-mismatch` like yauzl's own size errors. */
export class ContentMismatchError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

function yauzlOpen(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, ZIP_OPTIONS, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

async function startsLikeZip(path: string): Promise<boolean> {
  const handle = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

export async function openZip(path: string): Promise<{ ok: true; open: OpenZip } | { ok: false; reason: BundleRejection }> {
  try {
    const zip = await yauzlOpen(path);
    // yauzl emits 'error' on the zip object, also after we stopped iterating (e.g. when the file is
    // closed); without a listener that would crash the kiosk. The reading code handles its own errors.
    zip.on('error', (error: unknown) => log.debug({ err: error, path }, 'zip reader error'));
    const cursor = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    return { ok: true, open: { zip, centralDirectoryStart: cursor } };
  } catch (error) {
    const reason = rejectionFromError(error);
    if (reason.code === 'not-a-zip' && (await startsLikeZip(path).catch(() => false))) {
      // It begins like a zip but has no end record: most likely a copy that was cut short.
      return { ok: false, reason: { code: 'truncated', detail: reason.detail } };
    }
    return { ok: false, reason };
  }
}

/** Central-directory records one at a time; stops early when the caller returns a rejection. */
export async function readEntries(
  zip: ZipFile,
  check: (entry: Entry) => BundleRejection | null,
): Promise<{ ok: true; entries: Entry[] } | { ok: false; reason: BundleRejection }> {
  const entries: Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const problem = check(entry);
      if (problem !== null) return { ok: false, reason: problem };
      entries.push(entry);
    }
  } catch (error) {
    return { ok: false, reason: rejectionFromError(error) };
  }
  return { ok: true, entries };
}

export function centralDirectoryEnd(zip: ZipFile): number {
  return (zip as unknown as { readEntryCursor: number }).readEntryCursor;
}

export function openEntryStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return zip.openReadStreamPromise(entry);
}

/** A whole (small) entry in memory, never more than `maxBytes` even if the headers lie. */
export async function readEntryBytes(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> {
  const stream = await openEntryStream(zip, entry);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new ContentMismatchError(entry.fileName, `${entry.fileName} is longer than ${maxBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** Maps anything thrown while reading or writing a bundle to what staff will be told. */
export function rejectionFromError(error: unknown): BundleRejection {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return { code: 'disk-full', detail: message };
  if (error instanceof ContentMismatchError) return { code: 'hash-mismatch', path: error.path };
  // zlib reports its own codes (Z_DATA_ERROR, ...): the compressed data is broken.
  if (code?.startsWith('Z_') || code?.startsWith('ERR_ZLIB')) return { code: 'corrupt-zip', detail: message };
  if (code !== undefined && /^E[A-Z]+$/.test(code)) return { code: 'io-error', detail: `${code}: ${message}` };
  const pathMatch = /^(?:absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(message);
  if (pathMatch) return { code: 'unsafe-path', path: pathMatch[1] ?? '' };
  if (message.startsWith('End of central directory record signature not found')) {
    return { code: 'not-a-zip', detail: message };
  }
  if (/unexpected EOF|overflows file bounds/.test(message)) return { code: 'truncated', detail: message };
  if (/encrypt|unsupported compression method/.test(message)) {
    return { code: 'unsupported-entry', path: '', detail: message };
  }
  return { code: 'corrupt-zip', detail: message };
}
