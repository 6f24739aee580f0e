import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCurrent, writeCurrent } from '../../../electron/core/bundle/store.js';
import { buildTestBundle, expectedContent, installedContent, makeKeys, useTempDirs } from './helpers.js';
import { installBundle } from '../../../electron/core/bundle/install.js';

const tmp = useTempDirs();

// Small on purpose: every single byte of the bundle gets flipped, one at a time.
const CONTENT = { 'a.json': '{"by":"Lejre"}', 'geo/b.txt': 'Hvalsø' };
const LANES = 4;

describe('tamper test: flipping any one byte of a bundle', () => {
  it('never lets a tampered byte reach versions/', async () => {
    const root = await tmp('vs-tamper-');
    const keys = await makeKeys(join(root, 'keys'));
    const original = await readFile(await buildTestBundle(root, keys, 2, CONTENT));
    const expected = expectedContent(CONTENT);
    const first = await buildTestBundle(root, keys, 1, { 'a.json': '{}' });
    let accepted = 0;

    // Independent kiosks ("lanes") share the offsets between them, so the disk waits overlap.
    const lane = async (index: number): Promise<void> => {
      const dataDir = join(root, `data-${index}`);
      const stickCopy = join(root, `stick-${index}.vsb`);
      const install = (bundlePath: string) => installBundle({ bundlePath, dataDir, trustedKeys: [keys.trusted] });
      expect((await install(first)).ok).toBe(true);
      for (let offset = index; offset < original.length; offset += LANES) {
        const tampered = Buffer.from(original);
        tampered[offset] = (tampered[offset] ?? 0) ^ 0xff;
        await writeFile(stickCopy, tampered);

        const result = await install(stickCopy);

        if (result.ok) {
          // The flip hit bytes nobody reads as content (a timestamp, a CRC that SHA-256 makes moot): the
          // installed files must still be exactly the signed ones.
          accepted += 1;
          expect(await installedContent(join(dataDir, 'versions', '2')), `offset ${offset}`).toEqual(expected);
          await rm(join(dataDir, 'versions', '2'), { recursive: true });
          await writeCurrent(dataDir, 1);
        } else {
          expect(await readdir(join(dataDir, 'versions')), `offset ${offset}`).toEqual(['1']);
          expect((await readCurrent(dataDir))?.version, `offset ${offset}`).toBe(1);
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));

    expect(original.length).toBeGreaterThan(500);
    // Most bytes matter: the manifest, the signature, names, sizes and content are all covered.
    expect(accepted).toBeLessThan(original.length / 4);
  }, 60_000);
});
