import { lstat, readdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, parse, relative, resolve } from 'node:path';
import { createLogger } from '../logger.js';

// The kiosk's browser profile holds nothing the kiosk needs (no logins, no settings, no history), but
// Chromium fills it for weeks: crash dumps, metrics files, shader caches. At each start it is trimmed,
// and if it has still grown past a cap, removed outright; Chromium makes a fresh one.

const log = createLogger('browser-profile');

export interface ProfileCleanOptions {
  /** Above this the whole profile goes. */
  maxProfileBytes?: number;
  /** A shader cache above this goes (below it, it saves compile time at start). */
  maxShaderCacheBytes?: number;
}

export interface ProfileCleanReport {
  existed: boolean;
  /** Paths removed, relative to the profile. "." when the whole profile was removed. */
  removed: string[];
  freedBytes: number;
  wholeProfileRemoved: boolean;
  sizeAfterBytes: number;
  /** Entries that could not be removed (locked on Windows, permissions): logged, never fatal. */
  problems: string[];
}

const CRASH_DIRS = new Set(['crashpad', 'crash reports', 'crash dumps', 'crashes']);
const SHADER_CACHES = new Set(['grshadercache', 'shadercache', 'graphitedawncache', 'dawncache', 'dawngraphitecache', 'dawnwebgpucache']);

type Verdict = 'crash' | 'metrics' | 'shader-cache' | 'keep';

function classify(name: string, isDirectory: boolean): Verdict {
  const lower = name.toLowerCase();
  if (isDirectory && CRASH_DIRS.has(lower)) return 'crash';
  if (!isDirectory && lower.endsWith('.dmp')) return 'crash';
  if (lower.startsWith('browsermetrics')) return 'metrics';
  if (isDirectory && SHADER_CACHES.has(lower)) return 'shader-cache';
  return 'keep';
}

/** Bytes under `path`, without following symlinks (a link is only its own size). */
export async function treeSize(path: string): Promise<number> {
  let info;
  try {
    info = await lstat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.size;
  let total = 0;
  let entries;
  try {
    entries = await readdir(path);
  } catch {
    return 0;
  }
  for (const name of entries) total += await treeSize(join(path, name));
  return total;
}

/** Never wipe a folder that is obviously not a browser profile (a root, the home folder), whatever the config says. */
export function mayRemoveProfile(dir: string): boolean {
  const full = resolve(dir);
  return full !== parse(full).root && full !== resolve(homedir()) && basename(full) !== '';
}

/** Trims the kiosk browser profile at start-up, before the browser runs. */
export async function cleanBrowserProfile(profileDir: string, options: ProfileCleanOptions = {}): Promise<ProfileCleanReport> {
  const maxProfile = options.maxProfileBytes ?? 200 * 1024 * 1024;
  const maxShader = options.maxShaderCacheBytes ?? 64 * 1024 * 1024;
  const root = resolve(profileDir);
  const report: ProfileCleanReport = { existed: false, removed: [], freedBytes: 0, wholeProfileRemoved: false, sizeAfterBytes: 0, problems: [] };
  try {
    if (!(await lstat(root)).isDirectory()) return report;
  } catch {
    return report;
  }
  report.existed = true;

  const remove = async (path: string, size: number, why: Verdict): Promise<boolean> => {
    try {
      await rm(path, { recursive: true, force: true, maxRetries: 2 });
      report.removed.push(relative(root, path) || '.');
      report.freedBytes += size;
      log.info({ path: relative(root, path) || '.', bytes: size, why }, 'removed from the browser profile');
      return true;
    } catch (error) {
      report.problems.push(`${relative(root, path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      log.warn({ err: error, path }, 'could not remove from the browser profile');
      return false;
    }
  };

  /** Walks `dir`, removing what should go; returns the bytes that stay. */
  const walk = async (dir: string): Promise<number> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      report.problems.push(`${relative(root, dir)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return 0;
    }
    let kept = 0;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Symlinks are neither followed nor classified as folders: the profile never owns their targets.
      const isDirectory = entry.isDirectory() && !entry.isSymbolicLink();
      const verdict = classify(entry.name, isDirectory);
      const size = isDirectory && verdict === 'keep' ? 0 : await treeSize(path);
      switch (verdict) {
        case 'crash':
        case 'metrics':
          if (!(await remove(path, size, verdict))) kept += size;
          break;
        case 'shader-cache':
          if (size <= maxShader || !(await remove(path, size, verdict))) kept += size;
          break;
        case 'keep':
          kept += isDirectory ? await walk(path) : size;
          break;
        default: {
          const never: never = verdict;
          throw new Error(`unknown verdict ${String(never)}`);
        }
      }
    }
    return kept;
  };

  report.sizeAfterBytes = await walk(root);
  if (report.sizeAfterBytes > maxProfile) {
    if (!mayRemoveProfile(root)) {
      report.problems.push(`${root}: refusing to remove a folder that is not a browser profile`);
      log.error({ profileDir: root }, 'profile over its cap, but the folder is not one the kiosk may remove');
    } else if (await remove(root, report.sizeAfterBytes, 'keep')) {
      log.warn({ bytes: report.sizeAfterBytes, cap: maxProfile }, 'browser profile over its cap: removed entirely');
      report.wholeProfileRemoved = true;
      report.sizeAfterBytes = 0;
    }
  }
  return report;
}

/**
 * Where the kiosk browser writes its crash dumps (Chromium writes a minidump for every crashed renderer,
 * even with crash reporting off): inside its profile, where the start-up clean finds them. Left alone,
 * Debian's Chromium writes them to ~/.config/chromium/Crash Reports, which nothing ever empties.
 */
export const CRASH_DUMPS_FOLDER = 'Crash Reports';

/**
 * Keeps only the newest `keep` crash dumps under `dir` (with their .meta files): a renderer that crashes
 * again and again is loaded again each time without a browser restart, so its dumps are trimmed as they
 * come, not only at start. Returns how many dumps went.
 */
export async function pruneCrashDumps(dir: string, keep = 3): Promise<number> {
  const dumps: { path: string; mtimeMs: number }[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && !entry.isSymbolicLink()) await walk(path);
      else if (entry.isFile() && entry.name.endsWith('.dmp')) dumps.push({ path, mtimeMs: (await lstat(path).catch(() => null))?.mtimeMs ?? 0 });
    }
  };
  await walk(dir);
  const old = dumps.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(keep);
  for (const dump of old) {
    await rm(dump.path, { force: true });
    await rm(dump.path.replace(/\.dmp$/, '.meta'), { force: true });
  }
  if (old.length > 0) log.info({ removed: old.length, kept: keep }, 'old crash dumps removed');
  return old.length;
}

/**
 * Removes profile folders an earlier run left behind (the Chromium shell makes a fresh temp profile per
 * run and deletes it on a clean stop; after a power cut it stays in the temp folder for good).
 */
export async function removeStaleProfiles(parentDir: string, prefix: string, keep: readonly string[] = []): Promise<string[]> {
  if (prefix.length < 4) throw new Error('prefix too short to be safe');
  const keepSet = new Set(keep.map((k) => resolve(k)));
  let entries;
  try {
    entries = await readdir(parentDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const path = resolve(parentDir, entry.name);
    if (!entry.isDirectory() || entry.isSymbolicLink() || !entry.name.startsWith(prefix) || keepSet.has(path)) continue;
    try {
      await rm(path, { recursive: true, force: true, maxRetries: 2 });
      removed.push(path);
    } catch (error) {
      log.warn({ err: error, path }, 'could not remove a stale browser profile');
    }
  }
  if (removed.length > 0) log.info({ count: removed.length }, 'removed stale browser profiles from earlier runs');
  return removed;
}
