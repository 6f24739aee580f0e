import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIG_SIZE, ICO_SIZES, PNG_SIZES, encodeIco, makeIcons } from '../../../build/icons/make-icons.ts';

// The project's own icon: build/icons/icon.svg, rendered by build/icons/make-icons.ts into the files
// electron-builder takes (committed). Checked by reading the files' own headers.

const icons = resolve(import.meta.dirname, '../../../build/icons');

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function icoEntries(bytes: Buffer): { size: number; png: Buffer }[] {
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1);
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    const size = bytes.readUInt8(at) || 256;
    const length = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    return { size, png: bytes.subarray(offset, offset + length) };
  });
}

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the icon', () => {
  it('is the project\'s own drawing (an SVG in the repository)', async () => {
    const svg = await readFile(join(icons, 'icon.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
    expect(svg).toContain('<title>Vores Sted</title>');
    expect(svg).not.toMatch(/<image|href="http/); // drawn, not an embedded bitmap or a download
  });

  it.each(PNG_SIZES)('has a %i px PNG for Linux', async (size) => {
    expect(pngSize(await readFile(join(icons, 'png', `${size}x${size}.png`)))).toEqual({ width: size, height: size });
  });

  it('has a 1024 px icon.png', async () => {
    expect(pngSize(await readFile(join(icons, 'icon.png')))).toEqual({ width: BIG_SIZE, height: BIG_SIZE });
  });

  it('has a Windows icon.ico with PNG entries from 16 to 256 px', async () => {
    const entries = icoEntries(await readFile(join(icons, 'icon.ico')));
    expect(entries.map((e) => e.size)).toEqual([...ICO_SIZES]);
    for (const entry of entries) expect(pngSize(entry.png)).toEqual({ width: entry.size, height: entry.size });
  });

  it('is rendered again by make-icons.ts with sharp, into any folder', async () => {
    const out = await mkdtemp(join(tmpdir(), 'vs-icons-'));
    made.push(out);
    const written = await makeIcons(out);
    expect(written).toHaveLength(PNG_SIZES.length + 2);
    for (const size of PNG_SIZES) {
      const fresh = await readFile(join(out, 'png', `${size}x${size}.png`));
      expect(pngSize(fresh)).toEqual({ width: size, height: size });
    }
    expect(icoEntries(await readFile(join(out, 'icon.ico'))).map((e) => e.size)).toEqual([...ICO_SIZES]);
  });

  it('encodes an .ico whose 256 px entry is written as 0 (the format\'s way to say 256)', () => {
    const fake = Buffer.from('png');
    const ico = encodeIco([{ size: 16, png: fake }, { size: 256, png: fake }]);
    expect(ico.readUInt8(6)).toBe(16);
    expect(ico.readUInt8(6 + 16)).toBe(0);
    expect(ico.readUInt32LE(6 + 12)).toBe(6 + 32);
    expect(ico.readUInt32LE(6 + 16 + 12)).toBe(6 + 32 + fake.length);
  });
});
