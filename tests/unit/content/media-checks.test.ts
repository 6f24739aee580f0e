import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../electron/core/content/load-content.js';
import { tempDirs } from '../host/support.js';
import { contentWith, expectNamesFile, mp4, picture, problemOf, snapshotOf, story, webm, type Json } from './support.js';

const dirs = tempDirs();
afterAll(dirs.cleanup);

const VTT = 'WEBVTT\n\n00:00.000 --> 00:02.000\nGod morgen, Lejre.\n';
let small: Buffer;

beforeAll(async () => {
  small = await picture(40, 30);
});

function image(file: string, extra: Json = {}): Json {
  return { type: 'image', file, width: 40, height: 30, alt: { da: 'Et billede' }, credit: 'Foto: Lejre Kommune', ...extra };
}

function video(file: string, extra: Json = {}): Json {
  return { type: 'video', file, alt: { da: 'En film' }, credit: 'Video: Lejre Kommune', ...extra };
}

/** One story with these media and files. */
async function loadWith(media: Json[], files: Record<string, Buffer>) {
  return loadContent(await contentWith(dirs, { stories: [story('medier', { media })], media: files }));
}

describe('media that can be shown are accepted', () => {
  it('a picture, an H.264 MP4 with poster and captions, VP9/AV1 WebM and audio', async () => {
    const state = await loadWith(
      [
        image('media/mark.png'),
        video('media/film.mp4', { poster: 'media/mark.png', captions: { da: 'media/film.da.vtt', en: 'media/film.en.vtt' } }),
        video('media/film.webm'),
        video('media/av1.webm'),
        video('media/live.webm'),
        video('media/avc3.mp4'),
        { type: 'audio', file: 'media/lyd.mp3', transcript: { da: 'Fuglesang.' }, credit: 'Lyd: Lejre Kommune' },
      ],
      {
        'mark.png': small,
        'film.mp4': mp4('avc1'),
        'avc3.mp4': mp4('avc3'),
        'film.da.vtt': Buffer.from(VTT),
        // A byte order mark before WEBVTT is allowed by the WebVTT standard.
        'film.en.vtt': Buffer.from(`\uFEFF${VTT}`),
        'film.webm': webm('V_VP9'),
        'av1.webm': webm('V_AV1'),
        'live.webm': webm('V_VP8', { unknownSegmentSize: true }),
        'lyd.mp3': Buffer.from('ID3'),
      },
    );
    expect(snapshotOf(state).stories[0]?.media).toHaveLength(7);
  });

  it('a JPEG, a WebP and an AVIF picture as well as a PNG', async () => {
    const state = await loadWith([image('media/a.jpg'), image('media/b.webp'), image('media/c.avif')], {
      'a.jpg': await picture(40, 30, 'jpeg'),
      'b.webp': await picture(40, 30, 'webp'),
      'c.avif': await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6f5c' } }).avif().toBuffer(),
    });
    expect(snapshotOf(state).stories[0]?.media).toHaveLength(3);
  });

  it('a phone photo turned by its EXIF orientation is checked at the size it is shown', async () => {
    const sideways = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#806040' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await loadWith([image('media/telefon.jpg', { width: 30, height: 40 })], { 'telefon.jpg': sideways })).ok).toBe(true);
    const problem = problemOf(await loadWith([image('media/telefon.jpg')], { 'telefon.jpg': sideways }));
    expect(problem.messageDa).toContain('30 × 40');
  });

  it('listed variants are checked like the original', async () => {
    const state = await loadWith([image('media/mark.png', { variants: [{ file: 'media/mark-1920w.webp', width: 40, height: 30 }] })], {
      'mark.png': small,
      'mark-1920w.webp': await picture(40, 30, 'webp'),
    });
    expect(state.ok).toBe(true);
  });
});

describe('media that cannot be shown are refused, naming the file', () => {
  it('a picture that is not in media/', async () => {
    const problem = problemOf(await loadWith([image('media/borte.png')], {}));
    expectNamesFile(problem, 'media/borte.png');
    expect(problem.messageDa).toMatch(/mangler/);
    expect(problem.messageDa).toContain('[0].media[0]');
    expect(problem.messageDa).toContain('medier');
  });

  it('a file name that differs only in case (works on a laptop, fails on the kiosk)', async () => {
    const problem = problemOf(await loadWith([image('media/havn.png')], { 'Havn.png': small }));
    expectNamesFile(problem, 'media/havn.png');
  });

  it('a picture over 40 megapixels', async () => {
    const huge = await picture(7000, 6000);
    const problem = problemOf(await loadWith([image('media/stor.png', { width: 7000, height: 6000 })], { 'stor.png': huge }));
    expectNamesFile(problem, 'media/stor.png');
    expect(problem.messageDa).toContain('7000 × 6000');
    expect(problem.messageDa).toMatch(/42 megapixel.*Højst 40 megapixel/);
  });

  it('width and height that are not the picture’s', async () => {
    const problem = problemOf(await loadWith([image('media/mark.png', { width: 30, height: 40 })], { 'mark.png': small }));
    expectNamesFile(problem, 'stories.json');
    expect(problem.field).toBe('[0].media[0].width');
    expect(problem.messageDa).toContain('media/mark.png');
    expect(problem.messageDa).toContain('30 × 40');
    expect(problem.messageDa).toContain('40 × 30');
  });

  it('a variant whose size is wrong', async () => {
    const problem = problemOf(
      await loadWith([image('media/mark.png', { variants: [{ file: 'media/mark-1920w.webp', width: 1920, height: 1440 }] })], {
        'mark.png': small,
        'mark-1920w.webp': await picture(40, 30, 'webp'),
      }),
    );
    expectNamesFile(problem, 'stories.json');
    expect(problem.field).toBe('[0].media[0].variants[0].width');
  });

  it('a "picture" that is not a picture', async () => {
    const problem = problemOf(await loadWith([image('media/falsk.png')], { 'falsk.png': Buffer.from('<html>ikke et billede</html>') }));
    expectNamesFile(problem, 'media/falsk.png');
    expect(problem.messageDa).toMatch(/ikke et billede/);
  });

  it('a GIF, TIFF or SVG saved with a picture name (the browser would show a broken picture), with the formats to use', async () => {
    const gif = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6f5c' } }).gif().toBuffer();
    const tiff = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6f5c' } }).tiff().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30"/></svg>');
    for (const [name, bytes] of [['anim.png', gif], ['scan.jpg', tiff], ['logo.webp', svg]] as const) {
      const problem = problemOf(await loadWith([image(`media/${name}`)], { [name]: bytes }));
      expectNamesFile(problem, `media/${name}`);
      expect(problem.messageDa).toMatch(/ikke et billede, der kan læses\. Gem det som WebP, JPEG, PNG eller AVIF/);
    }
  });

  it('an empty picture file, and one cut off in its header', async () => {
    const whole = await picture(40, 30, 'webp');
    for (const [name, bytes] of [['tom.webp', Buffer.alloc(0)], ['halv.webp', whole.subarray(0, 12)]] as const) {
      expectNamesFile(problemOf(await loadWith([image(`media/${name}`)], { [name]: bytes })), `media/${name}`);
    }
  });

  it('an HEVC (hvc1) MP4', async () => {
    const problem = problemOf(await loadWith([video('media/iphone.mp4')], { 'iphone.mp4': mp4('hvc1') }));
    expectNamesFile(problem, 'media/iphone.mp4');
    expect(problem.messageDa).toMatch(/HEVC \(H\.265\).*kan Chromium ikke afspille/);
    expect(problem.messageEn).toMatch(/HEVC/);
  });

  it('an HEVC (hev1) MP4', async () => {
    const problem = problemOf(await loadWith([video('media/hev.mp4')], { 'hev.mp4': mp4('hev1') }));
    expectNamesFile(problem, 'media/hev.mp4');
    expect(problem.messageDa).toMatch(/HEVC/);
  });

  it('an MP4 with sound only', async () => {
    const problem = problemOf(await loadWith([video('media/lyd.mp4')], { 'lyd.mp4': mp4(null) }));
    expectNamesFile(problem, 'media/lyd.mp4');
    expect(problem.messageDa).toMatch(/intet videospor|ikke noget videospor/);
  });

  it('a WebM file with an .mp4 name', async () => {
    const problem = problemOf(await loadWith([video('media/forkert.mp4')], { 'forkert.mp4': webm('V_VP9') }));
    expectNamesFile(problem, 'media/forkert.mp4');
    expect(problem.messageDa).toMatch(/ikke en MP4-fil/);
  });

  it('a truncated MP4 (the movie box cut off)', async () => {
    const whole = mp4('avc1');
    const problem = problemOf(await loadWith([video('media/halv.mp4')], { 'halv.mp4': whole.subarray(0, whole.length - 40) }));
    expectNamesFile(problem, 'media/halv.mp4');
  });

  it('an HEVC WebM', async () => {
    const problem = problemOf(await loadWith([video('media/hevc.webm')], { 'hevc.webm': webm('V_MPEGH/ISO/HEVC') }));
    expectNamesFile(problem, 'media/hevc.webm');
    expect(problem.messageDa).toMatch(/HEVC/);
  });

  it('H.264 inside WebM (Chromium plays H.264 only in MP4)', async () => {
    const problem = problemOf(await loadWith([video('media/avc.webm')], { 'avc.webm': webm('V_MPEG4/ISO/AVC') }));
    expectNamesFile(problem, 'media/avc.webm');
    expect(problem.messageDa).toMatch(/H\.264 i en WebM-fil/);
  });

  it('a Matroska file with a .webm name', async () => {
    const problem = problemOf(await loadWith([video('media/mkv.webm')], { 'mkv.webm': webm('V_VP9', { docType: 'matroska' }) }));
    expectNamesFile(problem, 'media/mkv.webm');
    expect(problem.messageDa).toMatch(/ikke en WebM-fil/);
  });

  it('captions that are not WebVTT (an .srt renamed)', async () => {
    const srt = '1\n00:00:00,000 --> 00:00:02,000\nGod morgen, Lejre.\n';
    const problem = problemOf(
      await loadWith([video('media/film.mp4', { captions: { da: 'media/film.da.vtt' } })], { 'film.mp4': mp4('avc1'), 'film.da.vtt': Buffer.from(srt) }),
    );
    expectNamesFile(problem, 'media/film.da.vtt');
    expect(problem.messageDa).toMatch(/ikke WebVTT/);
  });

  it('a missing captions file', async () => {
    const problem = problemOf(await loadWith([video('media/film.mp4', { captions: { da: 'media/film.da.vtt' } })], { 'film.mp4': mp4('avc1') }));
    expectNamesFile(problem, 'media/film.da.vtt');
  });

  it('a missing poster', async () => {
    const problem = problemOf(await loadWith([video('media/film.mp4', { poster: 'media/plakat.jpg' })], { 'film.mp4': mp4('avc1') }));
    expectNamesFile(problem, 'media/plakat.jpg');
  });

  it('a missing audio file', async () => {
    const problem = problemOf(await loadWith([{ type: 'audio', file: 'media/lyd.opus', transcript: { da: 'Tale.' }, credit: 'Lyd: Lejre Kommune' }], {}));
    expectNamesFile(problem, 'media/lyd.opus');
  });
});
