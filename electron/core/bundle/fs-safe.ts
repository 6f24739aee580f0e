import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

// Small durability helpers. A kiosk is switched off at the wall: data only counts once it is fsynced,
// and a file only "exists" once it has been renamed into place after that.

/** Flushes a file's data to disk. */
export async function fsyncFile(path: string): Promise<void> {
  // 'r+' rather than 'r': Windows only flushes handles opened for writing.
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a directory entry list (new names, renames). Windows cannot open directories: skipped there. */
export async function fsyncDir(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` with `data` so that a reader (or a power cut) sees either the old or the new file,
 * never a mix: write a temp file, fsync it, rename it over, fsync the folder.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, tempPath = `${path}.tmp`): Promise<void> {
  try {
    const handle = await open(tempPath, 'w', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dirname(path));
}

export async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 3 });
}
