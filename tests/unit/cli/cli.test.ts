import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type CliDeps } from '../../../electron/cli/main.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function workspace() {
  const cwd = await mkdtemp(join(tmpdir(), 'vs-cli-'));
  made.push(cwd);
  const out: string[] = [];
  const err: string[] = [];
  const run = (args: string, deps?: CliDeps) => main(args.split(' ').filter(Boolean), { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd }, deps);
  const take = () => ({ out: out.splice(0).join('\n'), err: err.splice(0).join('\n') });
  return { cwd, run, take };
}

async function withBundle() {
  const ws = await workspace();
  const content = join(ws.cwd, 'indhold');
  await mkdir(join(content, 'geo'), { recursive: true });
  await writeFile(join(content, 'manifest.json'), '{"id":"lejre-vores-sted"}');
  await writeFile(join(content, 'geo', 'villages.json'), '[{"name":"Hvalsø"}]');
  expect(await ws.run('keys new --out nøgler')).toBe(0);
  expect(await ws.run('bundle build indhold --key nøgler/vores-sted-private.pem --version 7 --out ud')).toBe(0);
  ws.take();
  return ws;
}

describe('vores-sted keys new', () => {
  it('makes a key pair with a private key only its owner can read', async () => {
    const { cwd, run, take } = await workspace();
    expect(await run('keys new')).toBe(0);
    expect(take().out).toMatch(/^Nøgleparret er lavet \(nøgle-id [0-9a-f]{16}\)\./);
    if (process.platform !== 'win32') expect((await stat(join(cwd, 'vores-sted-private.pem'))).mode & 0o777).toBe(0o600);
    expect((await readdir(cwd)).sort()).toEqual(['vores-sted-private.pem', 'vores-sted-public.pem']);
  });

  it('refuses to overwrite an existing key (exit 1)', async () => {
    const { cwd, run, take } = await workspace();
    await run('keys new');
    const before = await readFile(join(cwd, 'vores-sted-private.pem'), 'utf8');
    take();
    expect(await run('keys new')).toBe(1);
    expect(take().err).toMatch(/Der findes allerede en nøgle her: .*vores-sted-private\.pem\. Den bliver ikke overskrevet/);
    expect(await readFile(join(cwd, 'vores-sted-private.pem'), 'utf8')).toBe(before);
  });
});

describe('vores-sted bundle build / verify', () => {
  it('builds a bundle that verify says a kiosk would accept (one Danish sentence)', async () => {
    const { run, take, cwd } = await withBundle();
    expect(await readdir(join(cwd, 'ud'))).toEqual(['vores-sted-7.vsb']);
    expect(await run('bundle verify ud/vores-sted-7.vsb --pubkey nøgler/vores-sted-public.pem')).toBe(0);
    expect(take().out).toMatch(/^En kiosk vil acceptere pakken: version 7, underskrevet med nøgle [0-9a-f]{16}, 2 filer, alle uændrede\.$/);
  });

  it('says why a kiosk would refuse a tampered bundle (exit 1)', async () => {
    const { run, take, cwd } = await withBundle();
    const path = join(cwd, 'ud', 'vores-sted-7.vsb');
    const bytes = await readFile(path);
    // The manifest is stored uncompressed: raise its version from 7 to 8 after signing.
    const at = bytes.indexOf('"version": 7');
    expect(at).toBeGreaterThan(0);
    bytes[at + '"version": '.length] = '8'.charCodeAt(0);
    await writeFile(path, bytes);

    expect(await run('bundle verify ud/vores-sted-7.vsb --pubkey nøgler/vores-sted-public.pem')).toBe(1);
    expect(take().out).toBe('En kiosk vil afvise pakken: Pakkens underskrift passer ikke til indholdet – pakken kan være ændret, efter den blev lavet.');
  });

  it('says a kiosk already on a newer version would refuse it, in English with --lang en', async () => {
    const { run, take } = await withBundle();
    expect(await run('bundle verify ud/vores-sted-7.vsb --pubkey nøgler/vores-sted-public.pem --installed-version 7 --lang en')).toBe(1);
    expect(take().out).toBe('A kiosk would refuse this bundle: Bundle version 7 is not newer than installed version 7.');
  });

  it('refuses to build when the content check finds problems, listing all of them', async () => {
    const { run, take } = await withBundle();
    const validateContent = async () => [
      { path: 'a', message: 'Første problem.' },
      { path: 'b', message: 'Andet problem.' },
    ];
    expect(await run('bundle build indhold --key nøgler/vores-sted-private.pem --version 8', { validateContent })).toBe(1);
    expect(take().err).toBe('Pakken blev ikke lavet, fordi:\n  – Første problem.\n  – Andet problem.');
  });
});

describe('vores-sted bundle to-usb', () => {
  it('copies the bundle to the stick, leaves no temp file, and says when the stick can be pulled', async () => {
    const { run, take, cwd } = await withBundle();
    const stick = join(cwd, 'USB');
    await mkdir(stick);
    expect(await run('bundle to-usb ud/vores-sted-7.vsb USB')).toBe(0);
    expect(take().out).toMatch(/Du kan nu skubbe USB-stikket ud og tage det ud\.$/);
    expect(await readdir(stick)).toEqual(['vores-sted-7.vsb']);
    expect(await readFile(join(stick, 'vores-sted-7.vsb'))).toEqual(await readFile(join(cwd, 'ud', 'vores-sted-7.vsb')));
  });
});

describe('usage', () => {
  it('prints Danish help by default and English with --lang en', async () => {
    const { run, take } = await workspace();
    expect(await run('--help')).toBe(0);
    expect(take().out).toMatch(/^Vores Sted – værktøj til indholdspakker/);
    expect(await run('help --lang en')).toBe(0);
    expect(take().out).toMatch(/^Vores Sted – content bundle tool/);
  });

  it.each([
    ['', /Brug:/],
    ['bundle frob', /Ukendt kommando\./],
    ['bundle build indhold --version 3', /Tilvalget --key mangler\./],
    ['bundle build indhold --key k.pem --version tre', /--version skal være et helt tal\./],
    ['bundle verify x.vsb', /Tilvalget --pubkey mangler\./],
    ['keys new --bogus', /Ugyldigt tilvalg \(--bogus\)\./],
    ['keys new --version 3', /Ugyldigt tilvalg \(--version\)\./],
    ['bundle to-usb only-one-argument', /Angiv <pakke\.vsb> <usb-mappe>\./],
    ['bundle to-usb missing.vsb USB', /Filen eller mappen findes ikke/],
  ])('"%s" is a usage error (exit 2)', async (args, message) => {
    const { run, take } = await workspace();
    expect(await run(args)).toBe(2);
    expect(take().err).toMatch(message);
  });
});
