import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeRejection } from '../../../electron/core/bundle/rejection.js';
import { SAMPLE_CONTENT, setUpKiosk, snapshotTree, useTempDirs } from './helpers.js';

const tmp = useTempDirs();

function ioError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** Serves `data` in 4 KB chunks like a USB stick, then fails with EIO once `failAt` bytes are out. */
function stickThatIsPulledAt(data: Buffer, failAt: number): Readable {
  let position = 0;
  return new Readable({
    read() {
      if (position >= failAt) return this.destroy(ioError('EIO'));
      const end = Math.min(position + 4096, failAt, data.length);
      this.push(data.subarray(position, end));
      position = end;
      if (position >= data.length) this.push(null);
    },
  });
}

/** A disk that fills up after `room` bytes have been written to files matching `where`. */
function diskFullAfter(room: number, where: RegExp) {
  let written = 0;
  return (path: string): Writable => {
    if (!where.test(path)) return createWriteStream(path, { flags: 'wx' });
    const real = createWriteStream(path, { flags: 'wx' });
    return new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        if (written > room) return callback(ioError('ENOSPC'));
        real.write(chunk, callback);
      },
      final(callback) {
        real.end(callback);
      },
      destroy(error, callback) {
        real.destroy();
        callback(error);
      },
    });
  };
}

async function kioskWithBigBundle() {
  const kiosk = await setUpKiosk(tmp);
  const bundlePath = await kiosk.build(2, { ...SAMPLE_CONTENT, 'media/film.webm': randomBytes(200_000) });
  return { ...kiosk, bundlePath, bytes: await readFile(bundlePath), before: await snapshotTree(kiosk.dataDir) };
}

describe('the stick is pulled or the disk fills up mid-install', () => {
  it('a read error at any of 20 points during the copy is refused, and the kiosk is left as it was', async () => {
    const kiosk = await kioskWithBigBundle();
    for (let i = 0; i < 20; i += 1) {
      const failAt = Math.floor((kiosk.bytes.length * i) / 20);

      const result = await kiosk.install(kiosk.bundlePath, { io: { openSource: () => stickThatIsPulledAt(kiosk.bytes, failAt) } });

      expect(result.ok || result.reason.code, `failing at byte ${failAt}`).toBe('io-error');
      if (!result.ok) expect(describeRejection(result.reason, 'da')).toMatch(/blev stikket taget ud\?/);
      expect(await snapshotTree(kiosk.dataDir), `failing at byte ${failAt}`).toEqual(kiosk.before);
    }
    // Same kiosk, stick back in: the install now goes through.
    expect((await kiosk.install(kiosk.bundlePath)).ok).toBe(true);
  });

  it('a bundle that vanishes before the copy starts is an io-error, not a crash', async () => {
    const kiosk = await setUpKiosk(tmp);
    const result = await kiosk.install(join(kiosk.stickDir, 'gone.vsb'));
    expect(result.ok || result.reason.code).toBe('io-error');
  });

  it.each([
    ['copying the bundle off the stick', /[/\\]incoming[/\\]/],
    ['unpacking into staging', /[/\\]staging[/\\]/],
  ])('disk full while %s: refused with the disk-full message, previous content intact', async (_when, where) => {
    const kiosk = await kioskWithBigBundle();

    const result = await kiosk.install(kiosk.bundlePath, { io: { createWriteStream: diskFullAfter(50_000, where) } });

    expect(result.ok || result.reason.code).toBe('disk-full');
    if (!result.ok) expect(describeRejection(result.reason, 'da')).toBe('Der er ikke plads nok på kiosken til at installere pakken. Kontakt IT.');
    expect(await snapshotTree(kiosk.dataDir)).toEqual(kiosk.before);
    expect(await readdir(kiosk.dataDir)).toEqual(['current.json', 'versions']);
  });
});
