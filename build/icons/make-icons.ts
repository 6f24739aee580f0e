// Renders build/icons/icon.svg (the project's own drawing) to the icon files the packagers want:
//   png/<n>x<n>.png   Linux (electron-builder takes the folder; the .desktop file and AppImage pick sizes)
//   icon.png          1024 px, for anything that wants one big picture
//   icon.ico          Windows: PNG-compressed entries 16–256 px (valid since Windows Vista)
// Run: npx tsx build/icons/make-icons.ts [out-folder]   (default: build/icons). The outputs are committed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const BIG_SIZE = 1024;

const here = dirname(fileURLToPath(import.meta.url));

export async function renderPng(svg: Buffer, size: number): Promise<Buffer> {
  // density scales the 1024-unit drawing so small sizes are rendered from vectors, not downscaled bitmaps.
  return sharp(svg, { density: Math.max(1, (72 * size) / BIG_SIZE) })
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** An .ico file whose entries are whole PNG files (ICONDIR + ICONDIRENTRY[] + data). */
export function encodeIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

export async function makeIcons(outDir: string, svgPath = join(here, 'icon.svg')): Promise<string[]> {
  const svg = await readFile(svgPath);
  await mkdir(join(outDir, 'png'), { recursive: true });
  const written: string[] = [];
  const rendered = new Map<number, Buffer>();
  for (const size of new Set<number>([...PNG_SIZES, ...ICO_SIZES, BIG_SIZE])) rendered.set(size, await renderPng(svg, size));
  const pick = (size: number): Buffer => {
    const png = rendered.get(size);
    if (!png) throw new Error(`no ${size} px rendering`);
    return png;
  };
  for (const size of PNG_SIZES) {
    const path = join(outDir, 'png', `${size}x${size}.png`);
    await writeFile(path, pick(size));
    written.push(path);
  }
  await writeFile(join(outDir, 'icon.png'), pick(BIG_SIZE));
  written.push(join(outDir, 'icon.png'));
  await writeFile(join(outDir, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, png: pick(size) }))));
  written.push(join(outDir, 'icon.ico'));
  return written;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? here);
  const written = await makeIcons(outDir);
  console.log(`make-icons: ${written.length} files in ${outDir}`);
}
