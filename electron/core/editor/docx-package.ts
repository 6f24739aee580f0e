import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { BundleRejection } from '../bundle/rejection.js';
import { readEntries, readEntryBytes, rejectionFromError } from '../bundle/zip-reader.js';
import { DocxImportError } from './docx-errors.js';
import { scanFeatures, type DocxFeatures } from './docx-features.js';

// Before mammoth sees a file: is it a .docx at all (staff pick the wrong file more often than a broken
// one, and deserve to hear what they picked), is it small enough to unpack in memory, and what does its
// raw XML hold that mammoth passes over in silence (tracked changes, comments, text boxes, charts).

const MB = 1024 * 1024;

export interface DocxLimits {
  /** The .docx file itself; pictures are most of it. */
  maxFileBytes: number;
  /** All parts unpacked together (mammoth holds them in memory); also the zip-bomb guard. */
  maxUnpackedBytes: number;
  /** The main text part unpacked: a 500-page report is about 10 MB of XML. */
  maxDocumentXmlBytes: number;
}

export const DOCX_LIMITS: Readonly<DocxLimits> = Object.freeze({
  maxFileBytes: 50 * MB,
  maxUnpackedBytes: 250 * MB,
  maxDocumentXmlBytes: 40 * MB,
});

/** Small parts read for their structure only. */
const MAX_SIDE_PART_BYTES = 8 * MB;

const ZIP_OPTIONS: yauzl.Options = { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false };

const startsWith = (bytes: Buffer, magic: string | readonly number[]): boolean =>
  bytes.length >= magic.length && (typeof magic === 'string' ? bytes.subarray(0, magic.length).toString('latin1') === magic : magic.every((b, i) => bytes[i] === b));

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
/** Compound File Binary: old .doc/.xls, and also a password-protected .docx (an encrypted package inside one). */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Throws a DocxImportError naming what the file is instead, when it is not a zip we may unpack. */
function sniff(bytes: Buffer, limits: DocxLimits): void {
  if (bytes.length === 0) throw new DocxImportError({ code: 'empty-file' });
  if (bytes.length > limits.maxFileBytes) {
    throw new DocxImportError({ code: 'too-large', what: 'file', bytes: bytes.length, limit: limits.maxFileBytes });
  }
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return;
  if (startsWith(bytes, '%PDF')) throw new DocxImportError({ code: 'pdf' });
  if (startsWith(bytes, '{\\rtf')) throw new DocxImportError({ code: 'rtf' });
  if (startsWith(bytes, CFB)) {
    const encrypted = bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    throw new DocxImportError({ code: encrypted ? 'password-protected' : 'legacy-word' });
  }
  throw new DocxImportError({ code: 'not-docx', detail: `starts with ${bytes.subarray(0, 8).toString('hex')}` });
}

function failureFrom(reason: BundleRejection, limits: DocxLimits): DocxImportError {
  if (reason.code === 'too-large') {
    return new DocxImportError({ code: 'too-large', what: 'unpacked', bytes: reason.bytes, limit: limits.maxUnpackedBytes });
  }
  return new DocxImportError({ code: 'corrupt', detail: 'detail' in reason ? reason.detail : reason.code });
}

/** The main document part, as the package's own relationships name it (usually word/document.xml). */
function mainPartName(rels: string | null): string {
  for (const [relationship] of (rels ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    if (!/Type="[^"]*\/officeDocument"/.test(relationship)) continue;
    const target = /Target="([^"]+)"/.exec(relationship)?.[1];
    if (target) return target.replace(/^\//, '');
  }
  return 'word/document.xml';
}

async function readPart(zip: ZipFile, entry: Entry | undefined, maxBytes: number): Promise<string | null> {
  return entry ? (await readEntryBytes(zip, entry, maxBytes)).toString('utf8') : null;
}

/**
 * Checks that `bytes` is a .docx within the limits and reports what mammoth will not: throws a
 * DocxImportError (with a Danish message) for anything that is not a readable Word document.
 */
export async function inspectDocx(bytes: Buffer, limits: DocxLimits): Promise<DocxFeatures> {
  sniff(bytes, limits);
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, ZIP_OPTIONS);
  } catch (error) {
    throw failureFrom(rejectionFromError(error), limits);
  }
  try {
    let unpacked = 0;
    const listed = await readEntries(zip, (entry) => {
      unpacked += entry.uncompressedSize;
      return unpacked > limits.maxUnpackedBytes ? { code: 'too-large', subject: 'total', bytes: unpacked, limit: limits.maxUnpackedBytes } : null;
    });
    if (!listed.ok) throw failureFrom(listed.reason, limits);
    const byName = new Map(listed.entries.map((entry) => [entry.fileName, entry]));

    const mimetype = await readPart(zip, byName.get('mimetype'), 1024);
    if (mimetype?.startsWith('application/vnd.oasis.opendocument')) throw new DocxImportError({ code: 'odt' });
    const main = byName.get(mainPartName(await readPart(zip, byName.get('_rels/.rels'), MAX_SIDE_PART_BYTES)));
    if (!main) throw new DocxImportError({ code: 'not-docx', detail: 'a zip without a Word main document part' });
    if (main.uncompressedSize > limits.maxDocumentXmlBytes) {
      throw new DocxImportError({ code: 'too-large', what: 'text', bytes: main.uncompressedSize, limit: limits.maxDocumentXmlBytes });
    }
    const documentXml = (await readPart(zip, main, limits.maxDocumentXmlBytes)) ?? '';
    const commentsXml = await readPart(zip, byName.get('word/comments.xml'), MAX_SIDE_PART_BYTES);
    return scanFeatures(documentXml, commentsXml);
  } catch (error) {
    if (error instanceof DocxImportError) throw error;
    throw failureFrom(rejectionFromError(error), limits);
  } finally {
    zip.close();
  }
}
