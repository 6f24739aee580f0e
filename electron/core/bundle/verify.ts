import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Entry, ZipFile } from 'yauzl';
import { checkEntry, checkEntrySet, matchEntriesToManifest, type ContentEntry } from './entry-checks.js';
import { MANIFEST_NAME, SIGNATURE_NAME } from './entry-names.js';
import { verifyManifestSignature, type TrustedKey } from './keys.js';
import { checkLayout } from './layout.js';
import { MAX_SIGNATURE_BYTES, withDefaults, type BundleLimits } from './limits.js';
import { parseManifest, type BundleManifest } from './manifest.js';
import { reject, type BundleRejection, type Outcome } from './rejection.js';
import { ContentMismatchError, centralDirectoryEnd, openEntryStream, openZip, readEntries, readEntryBytes, rejectionFromError } from './zip-reader.js';

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

interface SignedManifest {
  manifest: BundleManifest;
  manifestBytes: Buffer;
  signatureBytes: Buffer;
  keyId: string;
}

async function readSignedManifest(
  zip: ZipFile,
  entries: readonly Entry[],
  trustedKeys: readonly TrustedKey[],
  limits: BundleLimits,
): Promise<Outcome<SignedManifest>> {
  const manifestEntry = entries.find((e) => e.fileName === MANIFEST_NAME);
  const signatureEntry = entries.find((e) => e.fileName === SIGNATURE_NAME);
  if (manifestEntry === undefined) return reject({ code: 'missing-manifest', path: MANIFEST_NAME });
  if (signatureEntry === undefined) return reject({ code: 'missing-manifest', path: SIGNATURE_NAME });
  if (manifestEntry.uncompressedSize > limits.maxManifestBytes) {
    return reject({ code: 'too-large', subject: 'manifest', bytes: manifestEntry.uncompressedSize, limit: limits.maxManifestBytes });
  }
  if (signatureEntry.uncompressedSize > MAX_SIGNATURE_BYTES) return reject({ code: 'bad-signature' });
  let manifestBytes: Buffer;
  let signatureBytes: Buffer;
  try {
    manifestBytes = await readEntryBytes(zip, manifestEntry, limits.maxManifestBytes);
    signatureBytes = await readEntryBytes(zip, signatureEntry, MAX_SIGNATURE_BYTES);
  } catch (error) {
    return reject(rejectionFromError(error));
  }
  const signed = verifyManifestSignature(manifestBytes, signatureBytes, trustedKeys);
  if (!signed.ok) return signed;
  const parsed = parseManifest(manifestBytes, limits);
  if (!parsed.ok) return parsed;
  if (parsed.manifest.keyId !== signed.keyId) {
    return reject({ code: 'bad-manifest', detail: `claims key ${parsed.manifest.keyId}, signed by ${signed.keyId}` });
  }
  return { ok: true, manifest: parsed.manifest, manifestBytes, signatureBytes, keyId: signed.keyId };
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
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      // Our own cap, independent of the zip reader's: never pass on more than the manifest signed.
      if (seen > file.size) return callback(new ContentMismatchError(file.path, `${file.path} is longer than signed`));
      hash.update(chunk);
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

/**
 * Reads only the signed manifest: enough to rank several bundles on a stick by version. The bundle is
 * still fully checked when it is installed.
 */
export async function peekBundle(path: string, trustedKeys: readonly TrustedKey[], limits?: Partial<BundleLimits>): Promise<Outcome<{ manifest: BundleManifest; keyId: string }>> {
  const fullLimits = withDefaults(limits);
  const opened = await openZip(path);
  if (!opened.ok) return opened;
  const { zip } = opened.open;
  try {
    if (zip.entryCount > fullLimits.maxEntries) {
      return reject({ code: 'too-many-entries', count: zip.entryCount, limit: fullLimits.maxEntries });
    }
    const read = await readEntries(zip, () => null);
    if (!read.ok) return read;
    const signed = await readSignedManifest(zip, read.entries, trustedKeys, fullLimits);
    return signed.ok ? { ok: true, manifest: signed.manifest, keyId: signed.keyId } : signed;
  } finally {
    zip.close();
  }
}
