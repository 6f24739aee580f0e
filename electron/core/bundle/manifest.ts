import * as v from 'valibot';
import { RESERVED_NAMES, findCollision, unsafeNameReason } from './entry-names.js';
import type { BundleLimits } from './limits.js';
import { reject, type Outcome } from './rejection.js';

// bundle-manifest.json: the signed list of everything in a bundle. The signature covers its exact
// bytes, so this file is the only thing the kiosk has to trust; every content file is checked against it.

export const BUNDLE_FORMAT = 1;

const Sha256Hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'));
const ByteCount = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

export const BundleFileEntrySchema = v.strictObject({
  path: v.pipe(v.string(), v.minLength(1)),
  size: ByteCount,
  sha256: Sha256Hex,
});

export const BundleManifestSchema = v.strictObject({
  format: v.literal(BUNDLE_FORMAT),
  contentId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  created: v.pipe(v.string(), v.isoTimestamp()),
  keyId: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/, 'must be 16 lower-case hex digits')),
  files: v.pipe(v.array(BundleFileEntrySchema), v.minLength(1, 'a bundle must contain at least one file')),
});

export type BundleManifest = v.InferOutput<typeof BundleManifestSchema>;
export type BundleFileEntry = v.InferOutput<typeof BundleFileEntrySchema>;

export function bundleFileName(version: number): string {
  return `vores-sted-${version}.vsb`;
}

export function serializeManifest(manifest: BundleManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

function decodeJson(bytes: Uint8Array): unknown {
  // fatal: a manifest that is not valid UTF-8 is refused rather than silently "repaired".
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

/** The keyId a manifest claims, read *before* its signature is checked; only used to pick a message. */
export function claimedKeyId(bytes: Uint8Array): string | null {
  try {
    const parsed = decodeJson(bytes);
    if (typeof parsed === 'object' && parsed !== null && 'keyId' in parsed && typeof parsed.keyId === 'string') {
      return parsed.keyId;
    }
  } catch {
    // An unreadable manifest simply claims no key.
  }
  return null;
}

export function parseManifest(bytes: Uint8Array, limits: BundleLimits): Outcome<{ manifest: BundleManifest }> {
  let raw: unknown;
  try {
    raw = decodeJson(bytes);
  } catch (error) {
    return reject({ code: 'bad-manifest', detail: `not UTF-8 JSON: ${String(error)}` });
  }
  const parsed = v.safeParse(BundleManifestSchema, raw);
  if (!parsed.success) return reject({ code: 'bad-manifest', detail: v.summarize(parsed.issues) });
  const manifest = parsed.output;
  const paths = manifest.files.map((f) => f.path);
  for (const path of paths) {
    if (unsafeNameReason(path, limits.maxPathBytes) !== null || path.endsWith('/')) {
      return reject({ code: 'unsafe-path', path });
    }
    if (RESERVED_NAMES.has(path)) return reject({ code: 'bad-manifest', detail: `lists reserved name ${path}` });
  }
  const clash = findCollision(paths);
  if (clash !== null) return reject({ code: 'duplicate-entry', path: clash });
  return { ok: true, manifest };
}
