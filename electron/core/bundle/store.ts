import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { createLogger } from '../logger.js';
import { fsyncDir, removeTree, writeFileAtomic } from './fs-safe.js';

// The kiosk's data folder:
//   current.json          {"version": 15, "dir": "versions/15"} – the one file that says what is shown
//   versions/<n>/         complete, verified content (+ bundle-manifest.json/.sig, kept for provenance)
//   staging/<n>/          a version being unpacked (staging/removing-<n>/: one being deleted); never read by the app
//   incoming/             the bundle copied off the stick; never read by the app
// Only a rename makes staging a version, and only an atomic rename of current.json switches versions,
// so a power cut at any moment leaves the previous current.json and its folder intact.

const log = createLogger('bundle-store');

export const CURRENT_FILE = 'current.json';

export function dataPaths(dataDir: string) {
  return {
    current: join(dataDir, CURRENT_FILE),
    currentTemp: join(dataDir, `${CURRENT_FILE}.tmp`),
    incoming: join(dataDir, 'incoming'),
    staging: join(dataDir, 'staging'),
    versions: join(dataDir, 'versions'),
  };
}

export function versionDir(dataDir: string, version: number): string {
  return join(dataPaths(dataDir).versions, String(version));
}

export interface CurrentVersion {
  version: number;
  /** Absolute path of the folder the app should load content from. */
  dir: string;
}

const CurrentFileSchema = v.strictObject({
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  dir: v.string(),
});

/** What current.json points at, or null when nothing is installed or it is unusable. */
export async function readCurrent(dataDir: string): Promise<CurrentVersion | null> {
  let text: string;
  try {
    text = await readFile(dataPaths(dataDir).current, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = v.parse(CurrentFileSchema, JSON.parse(text));
    // The folder is derived from the version, never taken from the file: current.json cannot point elsewhere.
    if (parsed.dir !== `versions/${parsed.version}`) throw new Error(`unexpected dir ${parsed.dir}`);
    const dir = versionDir(dataDir, parsed.version);
    if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} is not a folder`);
    return { version: parsed.version, dir };
  } catch (error) {
    log.error({ err: error, dataDir }, 'current.json is unusable');
    return null;
  }
}

export async function writeCurrent(dataDir: string, version: number): Promise<void> {
  const paths = dataPaths(dataDir);
  const body = `${JSON.stringify({ version, dir: `versions/${version}` })}\n`;
  await writeFileAtomic(paths.current, body, paths.currentTemp);
}

/** Installed version numbers, oldest first. */
export async function listVersions(dataDir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(dataPaths(dataDir).versions);
  } catch {
    return [];
  }
  return names.filter((n) => /^[1-9][0-9]{0,14}$/.test(n)).map(Number).sort((a, b) => a - b);
}

/** Deletes all but the `keep` newest versions; the current one always stays. */
export async function pruneVersions(dataDir: string, keep: number, currentVersion: number): Promise<number[]> {
  const versions = await listVersions(dataDir);
  const keepSet = new Set([...versions.slice(-Math.max(1, keep)), currentVersion]);
  const removed = versions.filter((n) => !keepSet.has(n));
  for (const version of removed) await removeVersion(dataDir, version);
  if (removed.length > 0) log.info({ removed }, 'pruned old content versions');
  return removed;
}

/**
 * Deletes a version folder so that no crash leaves part of it under its number, where rollback (or the
 * repair of a damaged current.json) would take it for complete: it is renamed into staging/, which every
 * install and recoverAfterCrash clear, and only then deleted.
 */
export async function removeVersion(dataDir: string, version: number): Promise<void> {
  const paths = dataPaths(dataDir);
  const doomed = join(paths.staging, `removing-${version}`);
  await removeTree(doomed);
  await mkdir(paths.staging, { recursive: true });
  try {
    await rename(versionDir(dataDir, version), doomed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  // The rename reaches the disk before any deletion inside does.
  await fsyncDir(paths.versions);
  await removeTree(doomed);
}

/** Removes everything an interrupted install can leave behind. */
export async function cleanWorkDirs(dataDir: string): Promise<void> {
  const paths = dataPaths(dataDir);
  await removeTree(paths.staging);
  await removeTree(paths.incoming);
  await removeTree(paths.currentTemp);
}

export interface RecoveryReport {
  current: CurrentVersion | null;
  /** True when current.json was unusable and was pointed at the newest complete version. */
  repointed: boolean;
}

/**
 * Call at startup, before the content is loaded. Deletes half-written work and makes sure current.json
 * points at a complete version. A valid current.json is never changed.
 */
export async function recoverAfterCrash(dataDir: string): Promise<RecoveryReport> {
  await cleanWorkDirs(dataDir);
  const current = await readCurrent(dataDir);
  if (current !== null) return { current, repointed: false };
  const newest = (await listVersions(dataDir)).at(-1);
  let fileExists = true;
  try {
    await stat(dataPaths(dataDir).current);
  } catch {
    fileExists = false;
  }
  // No current.json at all means nothing was ever switched to: leave it so. A damaged one is repaired.
  if (newest === undefined || !fileExists) return { current: null, repointed: false };
  await writeCurrent(dataDir, newest);
  log.warn({ version: newest }, 'current.json was damaged; pointed it at the newest complete version');
  return { current: { version: newest, dir: versionDir(dataDir, newest) }, repointed: true };
}

export type RollbackResult =
  | { ok: true; from: number; to: number }
  | { ok: false; reason: 'nothing-installed' | 'no-older-version' };

/** Switches current.json to the newest kept version older than the current one. */
export async function rollback(dataDir: string): Promise<RollbackResult> {
  const current = await readCurrent(dataDir);
  if (current === null) return { ok: false, reason: 'nothing-installed' };
  const older = (await listVersions(dataDir)).filter((n) => n < current.version).at(-1);
  if (older === undefined) return { ok: false, reason: 'no-older-version' };
  await writeCurrent(dataDir, older);
  log.info({ from: current.version, to: older }, 'rolled back content version');
  return { ok: true, from: current.version, to: older };
}
