// Every size a bundle may have. The kiosk checks these before it reads or writes anything big, so a
// hostile or broken stick can neither fill the disk nor keep the kiosk busy for long.

export interface BundleLimits {
  /** Size of the .vsb file itself; checked with stat before a single byte is copied. */
  maxBundleBytes: number;
  /** Entries in the zip's central directory (content files + the two manifest files). */
  maxEntries: number;
  /** Uncompressed size of one content file. */
  maxFileBytes: number;
  /** Uncompressed size of all content files together. */
  maxTotalBytes: number;
  /** Uncompressed : compressed, the classic zip-bomb signal. */
  maxCompressionRatio: number;
  /** Files smaller than this are never rejected for their ratio: a tiny file cannot be a bomb. */
  compressionRatioMinBytes: number;
  /** bundle-manifest.json; 10 000 files need about 1.5 MB. */
  maxManifestBytes: number;
  /** Bytes of one entry name (UTF-8). */
  maxPathBytes: number;
  /** How many installed versions stay on disk (current included) so rollback has somewhere to go. */
  keepVersions: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxBundleBytes: 2 * GiB,
  maxEntries: 10_000,
  maxFileBytes: 1 * GiB,
  maxTotalBytes: 3 * GiB,
  maxCompressionRatio: 100,
  compressionRatioMinBytes: 64 * 1024,
  maxManifestBytes: 4 * MiB,
  maxPathBytes: 512,
  keepVersions: 3,
});

/** Signatures are 64 bytes; base64 plus a newline is 89 characters. Anything much longer is not ours. */
export const MAX_SIGNATURE_BYTES = 256;

export function withDefaults(partial: Partial<BundleLimits> | undefined): BundleLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
