// Signed content bundles: the public surface the kiosk and the CLI use. See install.ts for the kiosk
// flow, build.ts for the staff side, usb-watch.ts for finding bundles on sticks.

export { buildBundle, type BuildOptions, type BuildResult } from './build.js';
export { parseBundleConfig, BundleConfigSchema, type BundleConfigInput, type BundleSettings } from './config.js';
export type { ContentProblem } from './content-walk.js';
export type { InstallIo } from './copy-in.js';
export { MANIFEST_NAME, SIGNATURE_NAME } from './entry-names.js';
export { installBundle, type InstallOptions, type InstallProgress, type InstallResult, type InstallStep } from './install.js';
export {
  PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, generateKeyPair, keyIdOf, loadPrivateKey, loadPublicKey, parsePublicKey,
  type GenerateKeyPairResult, type TrustedKey,
} from './keys.js';
export { DEFAULT_LIMITS, type BundleLimits } from './limits.js';
export { bundleFileName, type BundleManifest } from './manifest.js';
export { RECEIPT_FILE, formatReceipt, writeReceipt } from './receipt.js';
export { describeRejection, type BundleRejection, type Lang, type RejectionCode } from './rejection.js';
export { readCurrent, recoverAfterCrash, rollback, type CurrentVersion, type RecoveryReport, type RollbackResult } from './store.js';
export {
  createUsbWatcher, listDefaultMountRoots, pickNewestValid, scanStick,
  type BundleCandidate, type StickScan, type UsbWatcher, type UsbWatcherOptions,
} from './usb-watch.js';
export { peekBundle } from './signed-manifest.js';
export { verifyBundle, type VerifyOptions } from './verify.js';
export type { BundleDiff } from './version-diff.js';
