import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fsyncDir, fsyncFile } from './fs-safe.js';

// Copies a bundle to a USB stick so that a stick pulled too early never carries a half-written bundle
// under the real name: write a hidden temp file, fsync, rename, fsync the folder, then read it back.

export type CopyToStickResult =
  | { ok: true; path: string }
  | { ok: false; problem: 'stick-full' | 'failed' | 'differs'; detail: string };

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function copyToStick(bundlePath: string, stickDir: string): Promise<CopyToStickResult> {
  const name = basename(bundlePath);
  const target = join(stickDir, name);
  const temp = join(stickDir, `.${name}.tmp`);
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await rm(temp, { force: true });
    await pipeline(createReadStream(bundlePath), hashing, createWriteStream(temp, { flags: 'wx' }));
    await fsyncFile(temp);
    await rename(temp, target);
    await fsyncDir(stickDir);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: code === 'ENOSPC' || code === 'EDQUOT' ? 'stick-full' : 'failed', detail };
  }
  // Cheap insurance against sticks that accept writes and then lose them.
  const written = await sha256Of(target).catch(() => '');
  if (written !== hash.digest('hex')) return { ok: false, problem: 'differs', detail: 'read-back hash differs' };
  return { ok: true, path: target };
}
