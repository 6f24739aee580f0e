import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { createLogger } from '../logger.js';
import { copyBundleToIncoming, defaultIo, type InstallIo } from './copy-in.js';
import { MANIFEST_NAME, SIGNATURE_NAME } from './entry-names.js';
import { fsyncDir, fsyncFile } from './fs-safe.js';
import type { TrustedKey } from './keys.js';
import { withDefaults, type BundleLimits } from './limits.js';
import { describeRejection, type BundleRejection } from './rejection.js';
import { cleanWorkDirs, dataPaths, pruneVersions, readCurrent, removeVersion, versionDir, writeCurrent } from './store.js';
import { openVerifiedBundle, streamVerifiedFile, type VerifiedBundle } from './verify.js';
import { diffManifests, readInstalledManifest, type BundleDiff } from './version-diff.js';
import { rejectionFromError } from './zip-reader.js';

const log = createLogger('bundle-install');

/** Points where an install can be interrupted; tests throw from `afterStep` to simulate a crash there. */
export type InstallStep = 'cleaned' | 'copied' | 'verified' | 'unpacked' | 'synced' | 'moved' | 'switched' | 'pruned';

export interface InstallProgress {
  phase: 'copy' | 'unpack';
  done: number;
  total: number;
}

export interface InstallOptions {
  bundlePath: string;
  dataDir: string;
  trustedKeys: readonly TrustedKey[];
  /** Defaults to the version in current.json (0 when none). */
  installedVersion?: number;
  limits?: Partial<BundleLimits>;
  expectedContentId?: string;
  onProgress?: (progress: InstallProgress) => void;
  /** Fault injection for tests (pulled stick, full disk). */
  io?: Partial<InstallIo>;
  /** Tests only: an error thrown here escapes untouched, like a crash, with no clean-up. */
  afterStep?: (step: InstallStep) => void | Promise<void>;
}

export type InstallResult =
  | { ok: true; version: number; previousVersion: number | null; dir: string; keyId: string; fileCount: number; bytes: number; diff: BundleDiff | null; durationMs: number }
  | { ok: false; reason: BundleRejection; previousVersion: number | null; durationMs: number };

class CrashFromHook {
  constructor(readonly cause: unknown) {}
}

// One install at a time per data folder: two sticks inserted together must not share staging/.
const queues = new Map<string, Promise<unknown>>();

/** Copies, verifies and installs a bundle, then switches current.json to it. Never throws for a bad bundle. */
export function installBundle(options: InstallOptions): Promise<InstallResult> {
  const key = resolve(options.dataDir);
  const run = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => installNow(options));
  queues.set(key, run);
  run.finally(() => queues.get(key) === run && queues.delete(key)).catch(() => undefined);
  return run;
}

async function installNow(options: InstallOptions): Promise<InstallResult> {
  const started = performance.now();
  const { dataDir, bundlePath } = options;
  const limits = withDefaults(options.limits);
  const io: InstallIo = { ...defaultIo, ...options.io };
  const paths = dataPaths(dataDir);
  const step = async (name: InstallStep): Promise<void> => {
    try {
      await options.afterStep?.(name);
    } catch (error) {
      throw new CrashFromHook(error);
    }
  };
  const previous = await readCurrent(dataDir);
  const installedVersion = options.installedVersion ?? previous?.version ?? 0;
  const fail = async (reason: BundleRejection): Promise<InstallResult> => {
    await cleanWorkDirs(dataDir).catch((error: unknown) => log.warn({ err: error }, 'could not clean work folders'));
    log.warn({ bundlePath, reason, message: describeRejection(reason, 'en') }, 'bundle rejected');
    return { ok: false, reason, previousVersion: previous?.version ?? null, durationMs: performance.now() - started };
  };

  try {
    await mkdir(dataDir, { recursive: true });
    await cleanWorkDirs(dataDir);
    await step('cleaned');
    const copied = await copyBundleToIncoming(bundlePath, paths.incoming, limits.maxBundleBytes, io, (done, total) =>
      options.onProgress?.({ phase: 'copy', done, total }),
    );
    if (!copied.ok) return await fail(copied.reason);
    await step('copied');
    const opened = await openVerifiedBundle(copied.copyPath, {
      trustedKeys: options.trustedKeys, installedVersion, limits, expectedContentId: options.expectedContentId,
    });
    if (!opened.ok) return await fail(opened.reason);
    const { bundle } = opened;
    const { version } = bundle.manifest;
    if (previous?.version === version) {
      // Possible only when the caller passes a lower installedVersion: the shown version is never replaced.
      bundle.zip.close();
      return await fail({ code: 'not-newer', version, installedVersion: previous.version });
    }
    const stagingDir = join(paths.staging, String(version));
    // Read now: pruning below may delete the previous version's folder.
    const previousManifest = previous ? await readInstalledManifest(previous.dir) : null;
    try {
      await step('verified');
      const problem = await unpack(bundle, stagingDir, io, options.onProgress);
      if (problem !== null) return await fail(problem);
    } finally {
      bundle.zip.close();
    }
    await step('unpacked');
    await syncTree(stagingDir, bundle);
    await step('synced');
    const target = versionDir(dataDir, version);
    // A folder for this version can only be left over from an interrupted install or a rollback.
    await removeVersion(dataDir, version);
    await mkdir(paths.versions, { recursive: true });
    await rename(stagingDir, target);
    await fsyncDir(paths.versions);
    await step('moved');
    await writeCurrent(dataDir, version);
    await step('switched');
    // The new version is live from here on: housekeeping failures are logged, never reported as a failed install.
    try {
      await pruneVersions(dataDir, limits.keepVersions, version);
      await step('pruned');
      await cleanWorkDirs(dataDir);
    } catch (error) {
      if (error instanceof CrashFromHook) throw error;
      log.warn({ err: error, dataDir }, 'installed, but could not tidy up old versions or work folders');
    }
    const diff = previousManifest ? diffManifests(previousManifest, bundle.manifest) : null;
    const bytes = bundle.manifest.files.reduce((sum, f) => sum + f.size, 0);
    const durationMs = performance.now() - started;
    log.info({ version, previousVersion: previous?.version ?? null, keyId: bundle.keyId, diff, bytes, durationMs }, 'bundle installed');
    return {
      ok: true, version, previousVersion: previous?.version ?? null, dir: target, keyId: bundle.keyId,
      fileCount: bundle.manifest.files.length, bytes, diff, durationMs,
    };
  } catch (error) {
    if (error instanceof CrashFromHook) throw error.cause;
    return await fail(rejectionFromError(error));
  }
}

/** Writes every listed file under stagingDir, checking each against the manifest as it streams. */
async function unpack(
  bundle: VerifiedBundle,
  stagingDir: string,
  io: InstallIo,
  onProgress: InstallOptions['onProgress'],
): Promise<BundleRejection | null> {
  const total = bundle.manifest.files.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  await mkdir(stagingDir, { recursive: true });
  for (const contentEntry of bundle.contentEntries) {
    const target = join(stagingDir, ...contentEntry.file.path.split(posix.sep));
    // The names were checked already; this guards the guard: nothing may land outside staging.
    if (!target.startsWith(`${stagingDir}${sep}`)) {
      return { code: 'unsafe-path', path: contentEntry.file.path };
    }
    await mkdir(dirname(target), { recursive: true });
    const problem = await streamVerifiedFile(bundle.zip, contentEntry, io.createWriteStream(target), (count) => {
      done += count;
      onProgress?.({ phase: 'unpack', done, total });
    });
    if (problem !== null) return problem;
    await fsyncFile(target);
  }
  // Kept with the content so the kiosk can show where a version came from and diff the next one.
  await writeFile(join(stagingDir, MANIFEST_NAME), bundle.manifestBytes, { flag: 'wx' });
  await writeFile(join(stagingDir, SIGNATURE_NAME), bundle.signatureBytes, { flag: 'wx' });
  return null;
}

/** fsyncs the provenance files and every folder, deepest first, so the rename publishes complete data. */
async function syncTree(stagingDir: string, bundle: VerifiedBundle): Promise<void> {
  await fsyncFile(join(stagingDir, MANIFEST_NAME));
  await fsyncFile(join(stagingDir, SIGNATURE_NAME));
  const folders = new Set<string>();
  for (const { path } of bundle.manifest.files) {
    const parts = path.split('/').slice(0, -1);
    for (let i = parts.length; i > 0; i -= 1) folders.add(join(stagingDir, ...parts.slice(0, i)));
  }
  const deepestFirst = [...folders].sort((a, b) => b.length - a.length);
  for (const folder of [...deepestFirst, stagingDir, dirname(stagingDir)]) await fsyncDir(folder);
}
