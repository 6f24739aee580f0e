import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ChecklistItem, StickChoice } from '../../../contract/editor-api.js';
import { buildBundle } from '../bundle/build.js';
import { copyToStick } from '../bundle/copy-to-stick.js';
import { listDefaultMountRoots } from '../bundle/usb-watch.js';
import { prepareContentCopy } from '../content/prepare-content.js';
import { validateContentFolder } from '../content/validate-content.js';
import { createLogger } from '../logger.js';

// "Gem til USB": the checklist must be clean, the key must work, then the bundle is built and signed
// here on the host (the key never reaches the browser), copied to the stick with the same safe copy the
// CLI uses (temp name, fsync, rename, read back) and only then do we say the stick may be pulled.

const log = createLogger('editor-save');

export type SaveOutcome = { ok: true; version: number; messageDa: string } | { ok: false; messageDa: string };

export interface SaveRequest {
  projectDir: string;
  stickDir: string;
  keyPath: string;
  version: number;
  checklist: readonly ChecklistItem[];
  /** Built bundles are kept here too, so a stick that dies later costs nothing. */
  outDir: string;
  /** Sets the content manifest's version before the build. */
  stampManifest: (version: number) => Promise<void>;
}

export async function saveToStick(request: SaveRequest): Promise<SaveOutcome> {
  const errors = request.checklist.filter((item) => item.level === 'error').length;
  if (errors > 0) {
    return { ok: false, messageDa: `Der er ${errors === 1 ? 'én fejl' : `${errors} fejl`} i tjeklisten. Ret ${errors === 1 ? 'den' : 'dem'} først – så kan kiosken vise indholdet.` };
  }
  const stick = await stat(request.stickDir).catch(() => null);
  if (!stick?.isDirectory()) return { ok: false, messageDa: 'USB-stikket kan ikke findes. Sæt det i igen, og vælg det på listen.' };

  await request.stampManifest(request.version);
  const prepared = await prepareContentCopy(request.projectDir);
  if (!prepared.ok) return { ok: false, messageDa: prepared.message };
  try {
    await mkdir(request.outDir, { recursive: true });
    const built = await buildBundle({
      contentDir: prepared.dir,
      outDir: request.outDir,
      privateKeyPath: request.keyPath,
      version: request.version,
      validate: validateContentFolder,
    });
    if (!built.ok) {
      log.warn({ problems: built.problems.length }, 'bundle build refused');
      return { ok: false, messageDa: `Pakken kunne ikke laves: ${built.problems.map((p) => p.message).join(' ')}` };
    }
    const copied = await copyToStick(built.bundlePath, request.stickDir);
    if (!copied.ok) {
      log.warn({ problem: copied.problem, detail: copied.detail }, 'copy to stick failed');
      switch (copied.problem) {
        case 'stick-full':
          return { ok: false, messageDa: 'Der er ikke plads nok på USB-stikket. Slet noget på stikket, eller brug et andet, og prøv igen.' };
        case 'differs':
          return { ok: false, messageDa: 'USB-stikket gemte ikke pakken rigtigt. Prøv et andet stik.' };
        case 'failed':
          return { ok: false, messageDa: 'Pakken kunne ikke skrives på USB-stikket. Blev stikket taget ud? Sæt det i igen, og prøv igen.' };
      }
    }
    log.info({ version: request.version, stick: request.stickDir }, 'bundle saved to stick');
    return {
      ok: true,
      version: request.version,
      messageDa: `Færdig: pakken (version ${request.version}) er gemt på USB-stikket, og du kan tage stikket ud nu.`,
    };
  } finally {
    await prepared.cleanUp();
  }
}

/** The sticks staff can choose from: mounted removable drives plus any folder IT configured. */
export async function listSticks(extraFolders: readonly string[]): Promise<StickChoice[]> {
  const roots = await listDefaultMountRoots(process.platform, extraFolders);
  const sticks: StickChoice[] = [];
  for (const path of roots) {
    const writable = await readdir(path).then(() => true, () => false);
    if (writable) sticks.push({ path, label: basename(path) || path });
  }
  return sticks;
}

export const bundlesFolder = (dataDir: string): string => join(dataDir, 'bundles');
