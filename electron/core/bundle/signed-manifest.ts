import type { Entry, ZipFile } from 'yauzl';
import { MANIFEST_NAME, SIGNATURE_NAME } from './entry-names.js';
import { verifyManifestSignature, type TrustedKey } from './keys.js';
import { MAX_SIGNATURE_BYTES, withDefaults, type BundleLimits } from './limits.js';
import { parseManifest, type BundleManifest } from './manifest.js';
import { reject, type Outcome } from './rejection.js';
import { openZip, readEntries, readEntryBytes, rejectionFromError } from './zip-reader.js';

// Finding, reading and checking bundle-manifest.json and its signature inside an open zip.

export interface SignedManifest {
  manifest: BundleManifest;
  manifestBytes: Buffer;
  signatureBytes: Buffer;
  keyId: string;
}

export async function readSignedManifest(
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
