import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { writeFileAtomic } from '../bundle/fs-safe.js';
import { loadPrivateKey } from '../bundle/keys.js';
import { createLogger } from '../logger.js';

// What IT sets once on the staff PC (where the municipality's signing key lives) and what the editor
// remembers between launches (the last bundle version it wrote). The key itself never leaves the host:
// only its path is stored, and the browser only ever learns whether it works.

const log = createLogger('editor-settings');
const FILE = 'editor-settings.json';

const SettingsSchema = v.object({
  keyPath: v.optional(v.string(), ''),
  lastVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
});
export type EditorSettings = v.InferOutput<typeof SettingsSchema>;

export async function readSettings(dataDir: string): Promise<EditorSettings> {
  try {
    const parsed = v.safeParse(SettingsSchema, JSON.parse(await readFile(join(dataDir, FILE), 'utf8')));
    if (parsed.success) return parsed.output;
    log.warn('editor settings unreadable; using defaults');
  } catch {
    // First launch: no settings yet.
  }
  return { keyPath: '', lastVersion: 0 };
}

export async function writeSettings(dataDir: string, settings: EditorSettings): Promise<void> {
  await writeFileAtomic(join(dataDir, FILE), `${JSON.stringify(settings, null, 2)}\n`);
}

export interface KeyCheck {
  keyOk: boolean;
  messageDa: string;
}

/** Whether the configured key can sign, said so that staff know whom to ask. */
export async function checkKey(keyPath: string): Promise<KeyCheck> {
  if (keyPath.trim() === '') {
    return { keyOk: false, messageDa: 'Der er ikke valgt en nøglefil endnu. IT skal vælge kommunens nøglefil én gang, før der kan gemmes til USB.' };
  }
  try {
    await loadPrivateKey(keyPath);
    return { keyOk: true, messageDa: 'Nøglefilen virker.' };
  } catch (error) {
    log.warn({ err: (error as Error).message, keyPath }, 'signing key cannot be loaded');
    return { keyOk: false, messageDa: 'Nøglefilen kan ikke læses. Kontakt IT – stien er forkert, eller filen er ikke kommunens nøgle.' };
  }
}

/**
 * The next bundle version: the date and time as yyyymmddhhmm, so versions from two staff PCs still grow
 * with time; never lower than one above the last written here or the content's own version.
 */
export function nextVersion(lastVersion: number, contentVersion: number, now: Date): number {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = Number(`${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}${p(now.getHours())}${p(now.getMinutes())}`);
  return Math.max(stamp, lastVersion + 1, contentVersion + 1);
}
