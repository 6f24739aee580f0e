import * as v from 'valibot';
import { parsePublicKey, type TrustedKey } from './keys.js';
import { withDefaults, type BundleLimits } from './limits.js';

// The bundle part of the kiosk config. The kiosk config (electron/core/config.ts) belongs to the app;
// it can embed BundleConfigSchema under a key of its choice (e.g. `bundles`, optional: no section = no
// USB updates) and hand that part to parseBundleConfig. kioskId and dataDir live in the app's config.

const positive = v.pipe(v.number(), v.safeInteger(), v.minValue(1));

export const BundleConfigSchema = v.strictObject({
  /** Public keys allowed to sign bundles: SPKI PEM text or base64 of the raw 32-byte key. Several = key change-over. */
  trustedKeys: v.pipe(v.array(v.string()), v.minLength(1, 'at least one trusted key is needed')),
  /** Refuse bundles made for other content. */
  contentId: v.optional(v.string()),
  /** A folder scanned like a stick, besides the usual mount points. */
  extraBundleFolder: v.optional(v.string()),
  limits: v.optional(v.partial(v.strictObject({
    maxBundleBytes: positive,
    maxEntries: positive,
    maxFileBytes: positive,
    maxTotalBytes: positive,
    maxCompressionRatio: positive,
    compressionRatioMinBytes: positive,
    maxManifestBytes: positive,
    maxPathBytes: positive,
    keepVersions: v.pipe(positive, v.maxValue(50)),
  }))),
});

export type BundleConfigInput = v.InferInput<typeof BundleConfigSchema>;

export interface BundleSettings {
  trustedKeys: TrustedKey[];
  contentId: string | undefined;
  extraBundleFolder: string | undefined;
  limits: BundleLimits;
}

/** Parses and checks the bundle config; problems are English sentences for the log. */
export function parseBundleConfig(input: unknown): { ok: true; settings: BundleSettings } | { ok: false; problems: string[] } {
  const parsed = v.safeParse(BundleConfigSchema, input);
  if (!parsed.success) return { ok: false, problems: parsed.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`) };
  const trustedKeys: TrustedKey[] = [];
  const problems: string[] = [];
  parsed.output.trustedKeys.forEach((text, index) => {
    try {
      trustedKeys.push(parsePublicKey(text));
    } catch (error) {
      problems.push(`trustedKeys.${index}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  const { contentId, extraBundleFolder, limits } = parsed.output;
  return { ok: true, settings: { trustedKeys, contentId, extraBundleFolder, limits: withDefaults(limits) } };
}
