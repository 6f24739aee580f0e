import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile } from '../../../electron/kiosk/static-files.js';
import { tempDirs } from './support.js';

const dirs = tempDirs();
let parent: string;
let root: string;

beforeAll(async () => {
  parent = await dirs.make('vores-sted-static-');
  root = join(parent, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(root, 'fonts.woff2')); // a folder that looks like a file
  await writeFile(join(root, 'index.html'), '<!doctype html>');
  await writeFile(join(root, 'assets', 'app-3f9a.js'), 'export {};');
  await writeFile(join(root, 'assets', 'map.webp'), 'webp');
  await writeFile(join(root, 'assets', 'data.bin'), 'binary');
  await writeFile(join(root, '.env'), 'TOKEN=secret');
  await writeFile(join(parent, 'secret.json'), '{"secret":true}');
});
afterAll(dirs.cleanup);

describe('readStaticFile', () => {
  it('"/" is index.html, revalidated on every load', async () => {
    const file = await readStaticFile(root, '/');
    expect(file?.body.toString()).toBe('<!doctype html>');
    expect(file?.contentType).toBe('text/html; charset=utf-8');
    expect(file?.immutable).toBe(false);
  });

  it('assets get their MIME type and may be cached for good', async () => {
    expect(await readStaticFile(root, '/assets/app-3f9a.js')).toMatchObject({ contentType: 'text/javascript; charset=utf-8', immutable: true });
    expect(await readStaticFile(root, '/assets/map.webp')).toMatchObject({ contentType: 'image/webp', immutable: true });
  });

  it('finds files whatever form the root is given in', async () => {
    for (const form of [root + '/', join(parent, 'x', '..', 'renderer'), `${parent}/./renderer`]) {
      expect((await readStaticFile(form, '/assets/app-3f9a.js'))?.body.toString(), form).toBe('export {};');
    }
  });

  it.each([
    ['/../secret.json'],
    ['/assets/../../secret.json'],
    ['/%2e%2e/secret.json'],
    ['/assets/%2e%2e/%2e%2e/secret.json'],
    ['/..%2fsecret.json'],
    ['/..%5csecret.json'],
    ['/assets\\..\\..\\secret.json'],
    ['/index.html%00'],
    ['/index.html\0.js'],
    ['/.env'],
    ['/assets/.hidden.js'],
    ['/%2eenv.json'],
    ['/C:/secret.json'],
    ['/index.html::$DATA'],
    ['/%E0%A4%A.json'], // malformed escape
    ['/assets/data.bin'], // a type the renderer never has
    ['/fonts.woff2'], // a folder
    ['/missing.js'],
  ])('refuses %s', async (path) => {
    expect(await readStaticFile(root, path)).toBeNull();
  });
});
