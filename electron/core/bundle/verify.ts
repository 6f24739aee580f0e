import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Transform, Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import type { ZipFile } from 'yauzl';
import { checkEntry, checkEntrySet, matchEntriesToManifest, type ContentEntry } from './entry-checks.js';
import type { TrustedKey } from './keys.js';
import { checkLayout } from './layout.js';
import { withDefaults, type BundleLimits } from './limits.js';
import type { BundleManifest } from './manifest.js';
import { reject, type BundleRejection, type Outcome } from './rejection.js';
import { readSignedManifest } from './signed-manifest.js';
import { ContentMismatchError, centralDirectoryEnd, openEntryStream, openZip, readEntries, rejectionFromError } from './zip-reader.js';

// Everything the kiosk checks before it writes a byte of content: zip structure, every record, the
// signature, the version, and that the records are exactly the files the manifest lists. Content
// hashes are checked while streaming (streamVerifiedFile), because the files are too big to hold.

export interface VerifyOptions {
  trustedKeys: readonly TrustedKey[];
  /** Version the kiosk has now; 0 when it has none. Only newer bundles are accepted (rollback attacks). */
  installedVersion: number;
  limits?: Partial<BundleLimits>;
  /** When set, bundles for other content (another kiosk) are refused. */
  expectedContentId?: string;
}

export interface VerifiedBundle {
  zip: ZipFile;
  manifest: BundleManifest;
  manifestBytes: Buffer;
  signatureBytes: Buffer;
  keyId: string;
  contentEntries: ContentEntry[];
}

function checkAcceptable(manifest: BundleManifest, options: VerifyOptions): BundleRejection | null {
  if (options.expectedContentId !== undefined && manifest.contentId !== options.expectedContentId) {
    return { code: 'wrong-content', contentId: manifest.contentId, expected: options.expectedContentId };
  }
  if (manifest.version <= options.installedVersion) {
    return { code: 'not-newer', version: manifest.version, installedVersion: options.installedVersion };
  }
  return null;
}

/** Runs every check except content hashes. On success the caller owns `bundle.zip` and must close it. */
export async function openVerifiedBundle(path: string, options: VerifyOptions): Promise<Outcome<{ bundle: VerifiedBundle }>> {
  const limits = withDefaults(options.limits);
  const opened = await openZip(path);
  if (!opened.ok) return opened;
  const { zip, centralDirectoryStart } = opened.open;
  let handedOver = false;
  try {
    // The end record's count is checked before a single record is read, so a claim of 2^31 entries costs nothing.
    if (zip.entryCount > limits.maxEntries) {
      return reject({ code: 'too-many-entries', count: zip.entryCount, limit: limits.maxEntries });
    }
    const read = await readEntries(zip, (entry) => checkEntry(entry, limits));
    if (!read.ok) return read;
    const setProblem = checkEntrySet(read.entries);
    if (setProblem !== null) return reject(setProblem);
    const layoutProblem = await checkLayout(zip, read.entries, path, centralDirectoryStart, centralDirectoryEnd(zip));
    if (layoutProblem !== null) return reject(layoutProblem);
    const signed = await readSignedManifest(zip, read.entries, options.trustedKeys, limits);
    if (!signed.ok) return signed;
    const notAcceptable = checkAcceptable(signed.manifest, options);
    if (notAcceptable !== null) return reject(notAcceptable);
    const matched = matchEntriesToManifest(read.entries, signed.manifest, limits);
    if (!matched.ok) return matched;
    handedOver = true;
    const { manifest, manifestBytes, signatureBytes, keyId } = signed;
    return { ok: true, bundle: { zip, manifest, manifestBytes, signatureBytes, keyId, contentEntries: matched.contentEntries } };
  } finally {
    if (!handedOver) zip.close();
  }
}

/** Streams one listed file into `sink`, failing unless its bytes are exactly the signed ones. */
export async function streamVerifiedFile(
  zip: ZipFile,
  { entry, file }: ContentEntry,
  sink: Writable,
  onBytes: (count: number) => void,
): Promise<BundleRejection | null> {
  const hash = createHash('sha256');
  let seen = 0;
  let crc = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      // Our own cap, independent of the zip reader's: never pass on more than the manifest signed.
      if (seen > file.size) return callback(new ContentMismatchError(file.path, `${file.path} is longer than signed`));
      hash.update(chunk);
      crc = crc32(chunk, crc);
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(await openEntryStream(zip, entry), guard, sink);
  } catch (error) {
    const reason = rejectionFromError(error);
    return reason.code === 'unsupported-entry' ? { ...reason, path: file.path } : reason;
  }
  if (seen !== file.size || hash.digest('hex') !== file.sha256) return { code: 'hash-mismatch', path: file.path };
  // The content is the signed one, so a wrong CRC means the zip's own bookkeeping is off. Such archives
  // are not what our builder makes, and other tools may read them differently: refuse them too.
  if (crc !== entry.crc32) return { code: 'corrupt-zip', detail: `CRC-32 of ${file.path} does not match its header` };
  return null;
}

export function discardingSink(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

/** The full check without installing: what `vores-sted bundle verify` reports. */
export async function verifyBundle(path: string, options: VerifyOptions): Promise<Outcome<{ manifest: BundleManifest; keyId: string }>> {
  const maxBundleBytes = withDefaults(options.limits).maxBundleBytes;
  try {
    const { size } = await stat(path);
    if (size === 0) return reject({ code: 'empty' });
    if (size > maxBundleBytes) return reject({ code: 'too-large', subject: 'bundle', bytes: size, limit: maxBundleBytes });
  } catch (error) {
    return reject(rejectionFromError(error));
  }
  const opened = await openVerifiedBundle(path, options);
  if (!opened.ok) return opened;
  const { bundle } = opened;
  try {
    for (const contentEntry of bundle.contentEntries) {
      const problem = await streamVerifiedFile(bundle.zip, contentEntry, discardingSink(), () => undefined);
      if (problem !== null) return reject(problem);
    }
    return { ok: true, manifest: bundle.manifest, keyId: bundle.keyId };
  } finally {
    bundle.zip.close();
  }
}
