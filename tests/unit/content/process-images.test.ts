import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImageMedia, StoryEntry } from '../../../contract/content.js';
import { loadContent } from '../../../electron/core/content/load-content.js';
import { prepareImages, variantFile } from '../../../electron/core/content/process-images.js';
import { copyOfContent, editJson, tempDirs } from '../host/support.js';
import { contentWith, expectNamesFile, picture, story, type Json } from './support.js';

const dirs = tempDirs();
afterAll(dirs.cleanup);

/** An image entry as staff write it: no width/height filled in yet (the build does that). */
function image(file: string): Json {
  return { type: 'image', file, width: 1, height: 1, alt: { da: 'Et billede' }, credit: 'Foto: Lejre Kommune' };
}

async function sizeOf(path: string): Promise<[number, number]> {
  const { width, height, format } = await sharp(path).metadata();
  expect(format).toBe('webp');
  return [width, height];
}

describe('prepareImages: WebP variants for 1080p and 4K screens', () => {
  it('writes both sizes of a large picture, one of a medium one, and never enlarges', async () => {
    const dir = await contentWith(dirs, {
      stories: [
        story('store', { media: [image('media/stor.jpg'), image('media/mellem.png')] }),
        story('smaa', { media: [image('media/lille.png'), image('media/stor.jpg')] }),
      ],
      media: {
        'stor.jpg': await picture(4000, 2000, 'jpeg'),
        'mellem.png': await picture(2400, 1600),
        'lille.png': await picture(800, 600),
      },
    });
    const out = await dirs.make('vores-sted-build-');

    const result = await prepareImages(dir, out);

    if (!result.ok) throw new Error(result.problem.messageEn);
    const variantsOf = (file: string) =>
      result.stories.flatMap((entry) => entry.media).find((medium): medium is ImageMedia => medium.type === 'image' && medium.file === file);
    expect(variantsOf('media/stor.jpg')).toMatchObject({
      width: 4000,
      height: 2000,
      variants: [
        { file: 'media/stor-jpg-1920w.webp', width: 1920, height: 960 },
        { file: 'media/stor-jpg-3840w.webp', width: 3840, height: 1920 },
      ],
    });
    expect(variantsOf('media/mellem.png')).toMatchObject({
      width: 2400,
      height: 1600,
      variants: [
        { file: 'media/mellem-png-1920w.webp', width: 1920, height: 1280 },
        { file: 'media/mellem-png-2400w.webp', width: 2400, height: 1600 },
      ],
    });
    expect(variantsOf('media/lille.png')).toMatchObject({ width: 800, height: 600, variants: [{ file: 'media/lille-png-800w.webp', width: 800, height: 600 }] });

    // The files are real WebP pictures of those sizes, and a picture two stories use is made once.
    expect(await sizeOf(join(out, 'media/stor-jpg-3840w.webp'))).toEqual([3840, 1920]);
    expect(await sizeOf(join(out, 'media/mellem-png-2400w.webp'))).toEqual([2400, 1600]);
    expect(await sizeOf(join(out, 'media/lille-png-800w.webp'))).toEqual([800, 600]);
    expect((await readdir(join(out, 'media'))).sort()).toEqual(
      ['lille-png-800w.webp', 'mellem-png-1920w.webp', 'mellem-png-2400w.webp', 'stor-jpg-1920w.webp', 'stor-jpg-3840w.webp'].sort(),
    );
    expect(result.written).toHaveLength(5);

    // stories.json in the output has the sizes filled in, and the result loads as content.
    const written = JSON.parse(await readFile(join(out, 'stories.json'), 'utf8')) as StoryEntry[];
    expect(written).toEqual(result.stories);
  }, 30_000);

  it('keeps 4K sharp when the folder was itself built: sizes come from the largest copy it has', async () => {
    // The built-in content (and any opened bundle) names its 1920-px copy as `file` and lists the 4K one as
    // a variant. Building from it again must not turn 4K screens' pictures into blown-up 1920-px ones.
    const dir = await copyOfContent(dirs);
    // One built-in story with a picture is enough (preparing all of them at 4K takes a while).
    await editJson<StoryEntry[]>(dir, 'stories.json', (stories) => stories.filter((s) => s.media.some((m) => m.type === 'image')).slice(0, 1));
    const result = await prepareImages(dir, dir); // in place, as a bundle build does on its copy
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const first = result.stories.flatMap((s) => s.media).find((m): m is ImageMedia => m.type === 'image');
    expect(first?.variants.map((v) => v.width)).toEqual([1920, 3840]);
    const largest = first?.variants.at(-1);
    const meta = await sharp(join(dir, largest?.file ?? '')).metadata();
    expect(meta.width).toBe(3840);
    // …and the folder is still content the kiosk accepts (width/height describe `file` itself).
    expect((await loadContent(dir)).ok).toBe(true);
  });

  it('the output folder is valid content once the originals are next to it', async () => {
    const dir = await contentWith(dirs, { stories: [story('en', { media: [image('media/foto.png')] })], media: { 'foto.png': await picture(2000, 1000) } });
    const result = await prepareImages(dir, dir); // building in place
    expect(result.ok).toBe(true);
    const state = await loadContent(dir);
    if (!state.ok) throw new Error(state.problem.messageEn);
    expect(state.snapshot.stories[0]?.media[0]).toMatchObject({ width: 2000, height: 1000 });
  });

  it('applies the EXIF orientation, so a portrait photo from a phone stays portrait', async () => {
    const sideways = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#806040' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const dir = await contentWith(dirs, { stories: [story('telefon', { media: [image('media/telefon.jpg')] })], media: { 'telefon.jpg': sideways } });
    const out = await dirs.make('vores-sted-build-');
    const result = await prepareImages(dir, out);
    if (!result.ok) throw new Error(result.problem.messageEn);
    expect(result.stories[0]?.media[0]).toMatchObject({ width: 200, height: 300, variants: [{ width: 200, height: 300 }] });
    expect(await sizeOf(join(out, variantFile('media/telefon.jpg', 200)))).toEqual([200, 300]);
  });

  it('refuses a picture over 40 megapixels with a Danish message naming the file', async () => {
    const dir = await contentWith(dirs, { stories: [story('kaempe', { media: [image('media/kaempe.png')] })], media: { 'kaempe.png': await picture(7000, 6000) } });
    const result = await prepareImages(dir, await dirs.make('vores-sted-build-'));
    if (result.ok) throw new Error('expected the picture to be refused');
    expectNamesFile(result.problem, 'media/kaempe.png');
    expect(result.problem.messageDa).toMatch(/Højst 40 megapixel/);
  });

  it('refuses a missing picture and an invalid stories.json', async () => {
    const missing = await prepareImages(await contentWith(dirs, { stories: [story('borte', { media: [image('media/borte.png')] })] }), await dirs.make());
    if (missing.ok) throw new Error('expected a problem');
    expectNamesFile(missing.problem, 'media/borte.png');

    const broken = await contentWith(dirs, { stories: [story('x', { villages: 'alle' })] });
    const invalid = await prepareImages(broken, await dirs.make());
    if (invalid.ok) throw new Error('expected a problem');
    expectNamesFile(invalid.problem, 'stories.json');
  });
});
