import { createPublicKey } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeRejection } from '../bundle/rejection.js';
import { installBundle } from '../bundle/install.js';
import { keyIdOf, loadPrivateKey } from '../bundle/keys.js';
import { createLogger } from '../logger.js';

// "Åbn en pakke": a bundle made on another staff PC (or an older one from the bundles folder) becomes the
// project. It is unpacked with the kiosk's own installer — signature, every file's hash, the zip-attack
// checks — so the editor never opens anything a kiosk would refuse. The key is the one the editor signs
// with: a bundle it cannot verify was not made by the municipality.

const log = createLogger('editor-open-bundle');

export type OpenedBundle = { ok: true; contentDir: string; version: number; cleanUp: () => Promise<void> } | { ok: false; messageDa: string };

export async function unpackBundleForEditing(bytes: Uint8Array, keyPath: string, workDir: string): Promise<OpenedBundle> {
  let publicKey;
  try {
    publicKey = createPublicKey((await loadPrivateKey(keyPath)).key);
  } catch {
    return { ok: false, messageDa: 'En pakke kan kun åbnes, når IT har valgt kommunens nøglefil under Indstillinger.' };
  }
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const cleanUp = (): Promise<void> => rm(workDir, { recursive: true, force: true });
  const bundlePath = join(workDir, 'opened.vsb');
  await writeFile(bundlePath, bytes);
  const installed = await installBundle({
    bundlePath,
    dataDir: join(workDir, 'data'),
    trustedKeys: [{ keyId: keyIdOf(publicKey), key: publicKey }],
    installedVersion: 0,
  });
  if (!installed.ok) {
    await cleanUp();
    log.warn({ reason: installed.reason.code }, 'bundle refused for editing');
    return { ok: false, messageDa: `Pakken kan ikke åbnes: ${describeRejection(installed.reason, 'da')}` };
  }
  return { ok: true, contentDir: installed.dir, version: installed.version, cleanUp };
}
