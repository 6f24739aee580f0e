import { access, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../logger.js';
import type { TrustedKey } from './keys.js';
import type { BundleLimits } from './limits.js';
import type { BundleRejection, Outcome } from './rejection.js';
import type { BundleManifest } from './manifest.js';
import { peekBundle } from './signed-manifest.js';

// Notices USB sticks by polling the usual mount points: no native modules, no udev, works the same on
// Linux and Windows. Only a stick's top level is looked at, and only for *.vsb files.

const log = createLogger('bundle-usb');

export interface BundleCandidate {
  path: string;
  /** From the signed manifest; null when it could not be read. */
  version: number | null;
  /** True when the manifest is signed by a trusted key. The full check still runs on install. */
  valid: boolean;
  reason?: BundleRejection;
}

export interface StickScan {
  stickDir: string;
  candidates: BundleCandidate[];
  /** The bundle to install: the newest valid one newer than the installed version, if any. */
  chosen: BundleCandidate | null;
}

/** Pure: the newest valid candidate that is newer than what is installed. Ties go to the first found. */
export function pickNewestValid(candidates: readonly BundleCandidate[], installedVersion = 0): BundleCandidate | null {
  let best: BundleCandidate | null = null;
  for (const candidate of candidates) {
    if (!candidate.valid || candidate.version === null || candidate.version <= installedVersion) continue;
    if (best === null || (best.version ?? 0) < candidate.version) best = candidate;
  }
  return best;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

/** Where sticks get mounted: /media/<user>/<stick>, /run/media/<user>/<stick>, /mnt/<stick>, D:–Z:. */
export async function listDefaultMountRoots(platform: NodeJS.Platform = process.platform, extraFolders: readonly string[] = []): Promise<string[]> {
  const roots: string[] = [];
  if (platform === 'win32') {
    for (const letter of 'DEFGHIJKLMNOPQRSTUVWXYZ') {
      const drive = `${letter}:\\`;
      if (await access(drive).then(() => true, () => false)) roots.push(drive);
    }
  } else {
    for (const base of ['/media', '/run/media']) {
      for (const user of await subfolders(base)) roots.push(...(await subfolders(user)));
    }
    roots.push(...(await subfolders('/mnt')));
  }
  // The configured folder is treated as a stick itself (handy for a network share or for tests).
  return [...roots, ...extraFolders];
}

/** *.vsb regular files at the top level of a stick; [] when the stick is gone. */
export async function findBundleFiles(stickDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(stickDir);
  } catch (error) {
    log.info({ stickDir, code: (error as NodeJS.ErrnoException).code }, 'stick not readable (removed?)');
    return [];
  }
  const found: string[] = [];
  for (const name of names.filter((n) => /\.vsb$/i.test(n) && !n.startsWith('.')).sort()) {
    const path = join(stickDir, name);
    const info = await lstat(path).catch(() => null);
    if (info?.isFile()) found.push(path);
  }
  return found;
}

export type PeekBundle = (path: string) => Promise<Outcome<{ manifest: BundleManifest }>>;

export async function scanStick(stickDir: string, peek: PeekBundle, installedVersion = 0): Promise<StickScan> {
  const candidates: BundleCandidate[] = [];
  for (const path of await findBundleFiles(stickDir)) {
    let peeked: Awaited<ReturnType<PeekBundle>>;
    try {
      peeked = await peek(path);
    } catch (error) {
      // ENOENT/EIO mid-scan: the stick was pulled. Not an error worth more than a log line.
      log.info({ err: error, path }, 'bundle vanished while scanning');
      continue;
    }
    candidates.push(peeked.ok
      ? { path, version: peeked.manifest.version, valid: true }
      : { path, version: null, valid: false, reason: peeked.reason });
  }
  return { stickDir, candidates, chosen: pickNewestValid(candidates, installedVersion) };
}

export interface UsbWatcherOptions {
  listMountRoots: () => Promise<string[]>;
  trustedKeys: readonly TrustedKey[];
  installedVersion: () => number;
  /** Called once per newly seen stick, whether or not it carries a usable bundle. */
  onStick: (scan: StickScan) => void | Promise<void>;
  onStickRemoved?: (stickDir: string) => void;
  /** More that makes a stick "new" again when it changes (e.g. a statistics request folder appearing). */
  extraSignature?: (stickDir: string) => Promise<string>;
  intervalMs?: number;
  limits?: Partial<BundleLimits>;
}

export interface UsbWatcher {
  /** One polling round; tests call this directly instead of waiting for the timer. */
  poll(): Promise<void>;
  start(): void;
  stop(): void;
}

/**
 * What a stick holds, as far as the watcher cares: its bundle files with size and time. A change (a new
 * bundle copied into a watched folder, or a stick pulled and put back with other files) means scan again.
 */
async function stickSignature(stickDir: string): Promise<string> {
  const parts: string[] = [];
  for (const path of await findBundleFiles(stickDir)) {
    const info = await lstat(path).catch(() => null);
    if (info) parts.push(`${path}:${info.size}:${info.mtimeMs}`);
  }
  return parts.join('|');
}

export function createUsbWatcher(options: UsbWatcherOptions): UsbWatcher {
  const seen = new Map<string, string>();
  let timer: NodeJS.Timeout | null = null;
  let polling = false;
  const peek: PeekBundle = (path) => peekBundle(path, options.trustedKeys, options.limits);

  const poll = async (): Promise<void> => {
    if (polling) return; // a slow stick must not stack up overlapping scans
    polling = true;
    try {
      const roots = new Set(await options.listMountRoots().catch(() => []));
      for (const gone of [...seen.keys()].filter((root) => !roots.has(root))) {
        seen.delete(gone);
        options.onStickRemoved?.(gone);
      }
      for (const root of roots) {
        const signature = `${await stickSignature(root)}#${(await options.extraSignature?.(root)) ?? ''}`;
        if (seen.get(root) === signature) continue;
        seen.set(root, signature);
        await options.onStick(await scanStick(root, peek, options.installedVersion()));
      }
    } catch (error) {
      log.warn({ err: error }, 'stick scan failed');
    } finally {
      polling = false;
    }
  };

  return {
    poll,
    start() {
      if (timer !== null) return;
      timer = setInterval(() => void poll(), options.intervalMs ?? 2000);
      timer.unref();
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
