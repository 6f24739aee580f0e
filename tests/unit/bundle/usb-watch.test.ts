import { copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peekBundle } from '../../../electron/core/bundle/signed-manifest.js';
import { createUsbWatcher, findBundleFiles, pickNewestValid, scanStick, type BundleCandidate, type StickScan } from '../../../electron/core/bundle/usb-watch.js';
import { buildTestBundle, makeKeys, useTempDirs } from './helpers.js';

const tmp = useTempDirs();

const candidate = (path: string, version: number | null, valid = true): BundleCandidate => ({ path, version, valid });

describe('pickNewestValid', () => {
  it('picks the newest valid bundle newer than the installed version', () => {
    const candidates = [candidate('a', 3), candidate('b', 9, false), candidate('c', 5), candidate('d', null, false), candidate('e', 4)];
    expect(pickNewestValid(candidates, 2)?.path).toBe('c');
    expect(pickNewestValid(candidates, 5)).toBeNull();
    expect(pickNewestValid([])).toBeNull();
  });
});

async function stickWithBundles() {
  const root = await tmp('vs-usb-');
  const keys = await makeKeys(join(root, 'keys'));
  const stranger = await makeKeys(join(root, 'stranger'));
  const stick = join(root, 'media', 'kiosk', 'USB');
  await mkdir(stick, { recursive: true });
  for (const version of [4, 6]) await copyFile(await buildTestBundle(root, keys, version), join(stick, `vores-sted-${version}.vsb`));
  // Newer, but signed by someone the kiosk does not trust: must never win.
  await copyFile(await buildTestBundle(root, stranger, 9), join(stick, 'vores-sted-9.vsb'));
  await writeFile(join(stick, 'vores-sted-7.vsb'), 'not a zip');
  return { root, keys, stick, peek: (path: string) => peekBundle(path, [keys.trusted]) };
}

describe('scanning a stick', () => {
  it('with several bundles on it, the newest validly signed one wins', async () => {
    const { stick, peek } = await stickWithBundles();
    const scan = await scanStick(stick, peek, 1);
    expect(scan.candidates.map((c) => [basename(c.path), c.valid, c.version])).toEqual([
      ['vores-sted-4.vsb', true, 4], ['vores-sted-6.vsb', true, 6], ['vores-sted-7.vsb', false, null], ['vores-sted-9.vsb', false, null],
    ]);
    expect(scan.candidates.find((c) => c.path.endsWith('9.vsb'))?.reason?.code).toBe('unknown-key');
    expect(basename(scan.chosen?.path ?? '')).toBe('vores-sted-6.vsb');
    expect((await scanStick(stick, peek, 6)).chosen).toBeNull();
  });

  it('looks only at .vsb files at the top level, skipping hidden files, folders and symlinks', async () => {
    const { stick } = await stickWithBundles();
    await mkdir(join(stick, 'old'));
    await copyFile(join(stick, 'vores-sted-6.vsb'), join(stick, 'old', 'vores-sted-8.vsb'));
    await copyFile(join(stick, 'vores-sted-6.vsb'), join(stick, '.vores-sted-8.vsb'));
    await symlink(join(stick, 'vores-sted-6.vsb'), join(stick, 'vores-sted-10.vsb'));
    await writeFile(join(stick, 'readme.txt'), 'hej');
    expect((await findBundleFiles(stick)).map((p) => basename(p))).toEqual(['vores-sted-4.vsb', 'vores-sted-6.vsb', 'vores-sted-7.vsb', 'vores-sted-9.vsb']);
  });

  it('a stick pulled mid-scan is handled quietly', async () => {
    const { stick, peek } = await stickWithBundles();
    let first = true;
    const pullingPeek = async (path: string) => {
      if (first) {
        first = false;
        await rm(stick, { recursive: true });
      }
      return peek(path);
    };
    const scan = await scanStick(stick, pullingPeek, 0);
    expect(scan.chosen).toBeNull();
    expect(scan.candidates.every((c) => !c.valid)).toBe(true);
    expect(await scanStick(join(stick, 'gone'), peek)).toEqual({ stickDir: join(stick, 'gone'), candidates: [], chosen: null });
  });

  it('a peek that throws EIO skips that bundle but still reports the others', async () => {
    const { stick, peek } = await stickWithBundles();
    const flaky = async (path: string) => {
      if (path.endsWith('4.vsb')) throw Object.assign(new Error('EIO'), { code: 'EIO' });
      return peek(path);
    };
    const scan = await scanStick(stick, flaky, 0);
    expect(scan.candidates.map((c) => basename(c.path))).not.toContain('vores-sted-4.vsb');
    expect(basename(scan.chosen?.path ?? '')).toBe('vores-sted-6.vsb');
  });
});

describe('the polling watcher', () => {
  it('reports each newly mounted stick once, and reports it when it goes away', async () => {
    const { root, keys, stick } = await stickWithBundles();
    let mounted: string[] = [];
    const scans: StickScan[] = [];
    const removed: string[] = [];
    const watcher = createUsbWatcher({
      listMountRoots: async () => mounted,
      trustedKeys: [keys.trusted],
      installedVersion: () => 4,
      onStick: (scan) => void scans.push(scan),
      onStickRemoved: (dir) => void removed.push(dir),
    });

    await watcher.poll();
    expect(scans).toEqual([]);
    mounted = [stick, join(root, 'empty-stick')];
    await watcher.poll();
    await watcher.poll();
    expect(scans.map((s) => [s.stickDir, basename(s.chosen?.path ?? '-')])).toEqual([[stick, 'vores-sted-6.vsb'], [join(root, 'empty-stick'), '-']]);
    mounted = [];
    await watcher.poll();
    expect(removed).toEqual([stick, join(root, 'empty-stick')]);
  });

  it('survives a failing mount-point listing', async () => {
    const { keys } = await stickWithBundles();
    const scans: StickScan[] = [];
    const watcher = createUsbWatcher({
      listMountRoots: async () => {
        throw Object.assign(new Error('EIO'), { code: 'EIO' });
      },
      trustedKeys: [keys.trusted],
      installedVersion: () => 0,
      onStick: (scan) => void scans.push(scan),
    });
    await expect(watcher.poll()).resolves.toBeUndefined();
    expect(scans).toEqual([]);
  });
});
