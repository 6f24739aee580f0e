import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fsyncFile } from './fs-safe.js';
import { reject, type Outcome } from './rejection.js';
import { rejectionFromError } from './zip-reader.js';

// Step one of every install: copy the bundle off the stick and never look at the stick's copy again.
// Checking one copy and then unpacking another read of the stick would let a malicious stick serve
// different bytes the second time (RAUC CVE-2020-25860).

/** How the installer reads and writes files; tests replace it to pull the stick or fill the disk. */
export interface InstallIo {
  openSource(path: string): Readable;
  createWriteStream(path: string): Writable;
}

export const defaultIo: InstallIo = {
  openSource: (path) => createReadStream(path),
  // 'wx': never write through a file or symlink that is already there.
  createWriteStream: (path) => createWriteStream(path, { flags: 'wx', mode: 0o644 }),
};

export const INCOMING_NAME = 'bundle.vsb';

export async function copyBundleToIncoming(
  bundlePath: string,
  incomingDir: string,
  maxBundleBytes: number,
  io: InstallIo,
  onBytes: (done: number, total: number) => void,
): Promise<Outcome<{ copyPath: string; bytes: number }>> {
  let size: number;
  try {
    // lstat, and refuse anything but a plain file: a symlink on the stick could point at kiosk files.
    const info = await lstat(bundlePath);
    if (!info.isFile()) return reject({ code: 'not-a-zip', detail: 'not a regular file' });
    size = info.size;
  } catch (error) {
    return reject(rejectionFromError(error));
  }
  if (size === 0) return reject({ code: 'empty' });
  // Decided from stat alone, before a byte is read: a 5 GB file costs nothing to refuse.
  if (size > maxBundleBytes) return reject({ code: 'too-large', subject: 'bundle', bytes: size, limit: maxBundleBytes });

  const copyPath = join(incomingDir, INCOMING_NAME);
  let copied = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      copied += chunk.length;
      // The file grew after stat: never copy more than was promised (and checked against the limit).
      if (copied > size) return callback(Object.assign(new Error('bundle grew while copying'), { code: 'ECHANGED' }));
      onBytes(copied, size);
      callback(null, chunk);
    },
  });
  try {
    await mkdir(incomingDir, { recursive: true });
    await pipeline(io.openSource(bundlePath), counter, io.createWriteStream(copyPath));
    await fsyncFile(copyPath);
  } catch (error) {
    return reject(rejectionFromError(error));
  }
  if (copied !== size) return reject({ code: 'truncated', detail: `copied ${copied} of ${size} bytes` });
  return { ok: true, copyPath, bytes: size };
}
