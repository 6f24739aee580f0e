import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_NAME } from './entry-names.js';
import { DEFAULT_LIMITS } from './limits.js';
import { parseManifest, type BundleManifest } from './manifest.js';

// What changed between two installed versions, for the receipt and the log. Cheap: it compares the
// two signed manifests, which every version folder keeps.

export interface BundleDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

export function diffManifests(previous: BundleManifest, next: BundleManifest): BundleDiff {
  const before = new Map(previous.files.map((f) => [f.path, f.sha256]));
  const after = new Map(next.files.map((f) => [f.path, f.sha256]));
  const added = [...after.keys()].filter((p) => !before.has(p));
  const changed = [...after.entries()].filter(([p, hash]) => before.has(p) && before.get(p) !== hash).map(([p]) => p);
  const removed = [...before.keys()].filter((p) => !after.has(p));
  return { added, changed, removed };
}

/** The manifest kept in an installed version folder, or null if it cannot be read. */
export async function readInstalledManifest(versionFolder: string): Promise<BundleManifest | null> {
  try {
    const parsed = parseManifest(await readFile(join(versionFolder, MANIFEST_NAME)), DEFAULT_LIMITS);
    return parsed.ok ? parsed.manifest : null;
  } catch {
    return null;
  }
}
