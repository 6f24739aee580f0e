import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareImages } from './process-images.js';

/**
 * A build-ready copy of a content folder: every story picture gets WebP sizes for 1080p and 4K screens
 * with width and height written down, so nothing on the kiosk jumps while it loads.
 */
export async function prepareContentCopy(
  contentDir: string,
): Promise<{ ok: true; dir: string; cleanUp: () => Promise<void> } | { ok: false; message: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'vores-sted-build-'));
  const cleanUp = (): Promise<void> => rm(dir, { recursive: true, force: true });
  await cp(contentDir, dir, { recursive: true, dereference: false });
  const prepared = await prepareImages(dir, dir);
  if (prepared.ok) return { ok: true, dir, cleanUp };
  await cleanUp();
  return { ok: false, message: `${prepared.problem.messageDa}` };
}
