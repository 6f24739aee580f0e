import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/bundle/fs-safe.js';
import { createLogger } from '../core/logger.js';
import type { SoftwareFallbackFlag } from './watchdog-policy.js';

// The Electron shell's GPU fallback, carried across the relaunch it needs: a small file beside the start
// record in the data folder's health/ (whether it still applies is watchdog-policy's renderingAtStart).

const log = createLogger('software-flag');

export function softwareFlagPath(dataDir: string): string {
  return join(dataDir, 'health', 'software-rendering.json');
}

/** The flag, or null when there is none or it cannot be read (then the GPU gets its chance). */
export async function readSoftwareFlag(dataDir: string): Promise<SoftwareFallbackFlag | null> {
  let text: string;
  try {
    text = await readFile(softwareFlagPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(text) as Partial<SoftwareFallbackFlag>;
    if (typeof data.bootedAt === 'number' && typeof data.at === 'number') return { bootedAt: data.bootedAt, at: data.at };
  } catch {
    // handled below
  }
  log.warn('the software rendering flag is damaged; ignoring it');
  return null;
}

export async function writeSoftwareFlag(dataDir: string, flag: SoftwareFallbackFlag): Promise<void> {
  await mkdir(join(dataDir, 'health'), { recursive: true });
  await writeFileAtomic(softwareFlagPath(dataDir), JSON.stringify(flag));
}
