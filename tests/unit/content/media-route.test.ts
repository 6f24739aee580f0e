import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaResponse, parseRange, readMediaFile } from '../../../electron/core/content/media-files.js';
import { loadConfig } from '../../../electron/core/config.js';
import { KioskHost } from '../../../electron/core/kiosk-host.js';
import { startKioskServer, type KioskServer } from '../../../electron/kiosk/http-server.js';
import { httpRequest, projectRoot, tempDirs } from '../host/support.js';
import { contentWith, story } from './support.js';

const SECRET = 'SECRET-OUTSIDE-MEDIA';
/** 5000 printable bytes, each telling its position, so a wrong range is obvious. */
const CLIP = Buffer.from(Array.from({ length: 5000 }, (_, i) => String.fromCharCode(33 + (i % 90))).join(''), 'latin1');

const dirs = tempDirs();
let contentDir: string;
let host: KioskHost;
let server: KioskServer;

beforeAll(async () => {
  contentDir = await contentWith(dirs, {
    stories: [story('medier')],
    media: {
      'clip.mp4': CLIP,
      'film.webm': Buffer.from('webm'),
      'mark.webp': Buffer.from('webp'),
      'foto.jpg': Buffer.from('jpg'),
      'kort.png': Buffer.from('png'),
      'ny.avif': Buffer.from('avif'),
      'film.da.vtt': Buffer.from('WEBVTT\n'),
      'lyd.mp3': Buffer.from('mp3'),
      'lyd.ogg': Buffer.from('ogg'),
      'tale.opus': Buffer.from('opus'),
      'tale.m4a': Buffer.from('m4a'),
      'notes.txt': Buffer.from(SECRET),
      '.hidden.webp': Buffer.from(SECRET),
    },
  });
  await writeFile(join(contentDir, 'outside.webp'), SECRET);
  await symlink(join(contentDir, 'outside.webp'), join(contentDir, 'media', 'link.webp'));
  await mkdir(join(contentDir, 'media', 'sub'));
  await writeFile(join(contentDir, 'media', 'sub', 'inner.webp'), SECRET);
  const rendererRoot = await dirs.make('vores-sted-renderer-');
  await writeFile(join(rendererRoot, 'index.html'), '<!doctype html>');
  host = await KioskHost.start(await loadConfig({ env: { VORES_STED_CONTENT: contentDir }, projectRoot }));
  expect(host.content.ok).toBe(true);
  server = await startKioskServer(host, rendererRoot, 0);
});

afterAll(async () => {
  await server.close();
  await dirs.cleanup();
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return httpRequest({ port: server.port, path, method, headers: { Host: `127.0.0.1:${server.port}`, ...headers } });
}

describe('GET /media/<file> serves the current content folder’s media', () => {
  it('a whole video, with its type, length, Range support and the security headers', async () => {
    const response = await get('/media/clip.mp4');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('video/mp4');
    expect(response.headers['content-length']).toBe('5000');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toBe(CLIP.toString('latin1'));
  });

  it.each([
    ['film.webm', 'video/webm'],
    ['mark.webp', 'image/webp'],
    ['foto.jpg', 'image/jpeg'],
    ['kort.png', 'image/png'],
    ['ny.avif', 'image/avif'],
    ['film.da.vtt', 'text/vtt; charset=utf-8'],
    ['lyd.mp3', 'audio/mpeg'],
    ['lyd.ogg', 'audio/ogg'],
    ['tale.opus', 'audio/ogg'],
    ['tale.m4a', 'audio/mp4'],
  ])('%s is %s', async (file, type) => {
    const response = await get(`/media/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
  });

  it('a Range request gets 206 with exactly those bytes', async () => {
    const response = await get('/media/clip.mp4', { Range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe('bytes 100-199/5000');
    expect(response.headers['content-length']).toBe('100');
    expect(response.body).toBe(CLIP.subarray(100, 200).toString('latin1'));
  });

  it('open-ended and suffix ranges (how Chromium asks for the start and the end of a video)', async () => {
    const tail = await get('/media/clip.mp4', { Range: 'bytes=4990-' });
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe('bytes 4990-4999/5000');
    expect(tail.body).toBe(CLIP.subarray(4990).toString('latin1'));
    const suffix = await get('/media/clip.mp4', { Range: 'bytes=-25' });
    expect(suffix.headers['content-range']).toBe('bytes 4975-4999/5000');
    expect(suffix.body).toBe(CLIP.subarray(4975).toString('latin1'));
  });

  it('a range past the end is 416 with the size', async () => {
    const response = await get('/media/clip.mp4', { Range: 'bytes=5000-6000' });
    expect(response.status).toBe(416);
    expect(response.headers['content-range']).toBe('bytes */5000');
    expect(response.body).toBe('');
  });

  it('HEAD gives the headers without the body', async () => {
    const response = await get('/media/clip.mp4', {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe('5000');
    expect(response.body).toBe('');
  });

  it('only GET and HEAD', async () => {
    expect((await get('/media/clip.mp4', {}, 'POST')).status).toBe(405);
  });
});

describe('nothing outside media/ is ever served', () => {
  it.each([
    '/media/../stories.json',
    '/media/%2e%2e/stories.json',
    '/media/..%2fstories.json',
    '/media/%2e%2e%2foutside.webp',
    '/media/..%5coutside.webp',
    '/media/%2e%2e%5coutside.webp',
    '/media/....//outside.webp',
    '/media/.hidden.webp',
    '/media/%2ehidden.webp',
    '/media/sub/inner.webp',
    '/media/sub%2finner.webp',
    '/media/link.webp',
    '/media/notes.txt',
    '/media/clip.mp4%00.png',
    '/media/CLIP.MP4',
    '/media/',
    '/media/%zz.webp',
    '/media//etc/passwd',
    `/media/${'%2e%2e%2f'.repeat(12)}etc%2fpasswd`,
  ])('%s is refused', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('"id"');
    expect(response.body).not.toContain('root:');
  });
});

describe('after a new bundle version is installed', () => {
  it('media come from the new folder', async () => {
    const next = await contentWith(dirs, { stories: [story('ny')], media: { 'ny-film.mp4': Buffer.from('new') } });
    await host.reloadContent(next);
    expect(host.contentDir).toBe(next);
    expect((await get('/media/ny-film.mp4')).body).toBe('new');
    expect((await get('/media/clip.mp4')).status).toBe(404);
    await host.reloadContent(contentDir);
  });
});

describe('the same media for the Electron shell (readMediaFile, mediaResponse)', () => {
  it('readMediaFile resolves a file with its type and size, or null', async () => {
    const file = await readMediaFile(contentDir, '/media/clip.mp4');
    expect(file).toMatchObject({ size: 5000, contentType: 'video/mp4' });
    expect(await readMediaFile(contentDir, '/media/../stories.json')).toBeNull();
    expect(await readMediaFile(contentDir, '/media/link.webp')).toBeNull();
    expect(await readMediaFile(join(contentDir, 'nowhere'), '/media/clip.mp4')).toBeNull();
  });

  it('mediaResponse streams the requested range', async () => {
    const response = await mediaResponse(contentDir, '/media/clip.mp4', 'bytes=0-9');
    expect(response.status).toBe(206);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body ?? []) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(CLIP.subarray(0, 10));
  });

  it('parseRange', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-2000', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=-300', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull(); // several ranges: the whole file instead
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange('bytes=-', 100)).toBeNull();
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-4', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-0', 0)).toBe('unsatisfiable');
  });
});
