import { mkdir, readdir, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanBrowserProfile, mayRemoveProfile, pruneCrashDumps, removeStaleProfiles, treeSize } from '../../../electron/core/unattended/browser-profile';
import { chromiumEnv, crashDumpsDir } from '../../../electron/kiosk/chromium-launcher';
import { tempDirs } from './support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function file(path: string, bytes: number): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, Buffer.alloc(bytes, 1));
}

async function exists(path: string): Promise<boolean> {
  return await stat(path).then(
    () => true,
    () => false,
  );
}

/** A profile as Chromium leaves it after a few weeks. */
async function profile(): Promise<string> {
  const root = join(await dirs.make(), 'chromium-profile');
  await file(join(root, 'Local State'), 2000);
  await file(join(root, 'Default', 'Preferences'), 3000);
  await file(join(root, 'Crashpad', 'completed', 'a.dmp'), 50_000);
  await file(join(root, 'crash dumps', 'b.dmp'), 40_000);
  await file(join(root, 'Default', 'stray.dmp'), 10_000);
  await file(join(root, 'BrowserMetrics', 'BrowserMetrics-1.pma'), 30_000);
  await file(join(root, 'BrowserMetrics-spare.pma'), 20_000);
  await file(join(root, 'GrShaderCache', 'data_1'), 5_000);
  await file(join(root, 'Default', 'ShaderCache', 'data_1'), 90_000);
  return root;
}

describe('kiosk browser profile hygiene', () => {
  it('removes crash dumps and metrics, keeps a small shader cache, removes a big one', async () => {
    const root = await profile();
    const report = await cleanBrowserProfile(root, { maxProfileBytes: 1_000_000, maxShaderCacheBytes: 50_000 });
    expect(report.removed.sort()).toEqual(['BrowserMetrics', 'BrowserMetrics-spare.pma', 'Crashpad', join('Default', 'ShaderCache'), join('Default', 'stray.dmp'), 'crash dumps'].sort());
    expect(report.freedBytes).toBe(50_000 + 40_000 + 10_000 + 30_000 + 20_000 + 90_000);
    expect(report.wholeProfileRemoved).toBe(false);
    expect(report.sizeAfterBytes).toBe(2000 + 3000 + 5000);
    expect(await exists(join(root, 'GrShaderCache', 'data_1'))).toBe(true);
    expect(await exists(join(root, 'Default', 'Preferences'))).toBe(true);
    expect((await readdir(root)).sort()).toEqual(['Default', 'GrShaderCache', 'Local State']);
  });

  it('removes the whole profile when it is still over the cap', async () => {
    const root = await profile();
    await file(join(root, 'Default', 'IndexedDB', 'big'), 300_000);
    const report = await cleanBrowserProfile(root, { maxProfileBytes: 200_000, maxShaderCacheBytes: 50_000 });
    expect(report.wholeProfileRemoved).toBe(true);
    expect(report.sizeAfterBytes).toBe(0);
    expect(await exists(root)).toBe(false);
  });

  it('does nothing to a missing profile (first start)', async () => {
    const report = await cleanBrowserProfile(join(await dirs.make(), 'none'));
    expect(report).toMatchObject({ existed: false, removed: [], wholeProfileRemoved: false });
  });

  it('never follows a symlink out of the profile', async () => {
    const root = await profile();
    const outside = await dirs.make('vores-sted-outside-');
    await file(join(outside, 'precious.dmp'), 1000);
    await file(join(outside, 'Crashpad', 'keep.txt'), 1000);
    await symlink(outside, join(root, 'Default', 'link'));
    await symlink(join(outside, 'Crashpad'), join(root, 'Default', 'Crashpad'));
    const report = await cleanBrowserProfile(root, { maxProfileBytes: 1_000_000 });
    expect(await exists(join(outside, 'precious.dmp'))).toBe(true);
    expect(await exists(join(outside, 'Crashpad', 'keep.txt'))).toBe(true);
    expect(report.wholeProfileRemoved).toBe(false);
  });

  it('refuses to remove a folder that cannot be a profile, whatever the config says', () => {
    expect(mayRemoveProfile('/')).toBe(false);
    expect(mayRemoveProfile(homedir())).toBe(false);
    expect(mayRemoveProfile(join(homedir(), '.local', 'share', 'vores-sted', 'chromium-profile'))).toBe(true);
  });

  it('removes temp profiles an earlier run left behind, but not the current one', async () => {
    const tmp = await dirs.make();
    await mkdir(join(tmp, 'vores-sted-chromium-old1'));
    await mkdir(join(tmp, 'vores-sted-chromium-old2'));
    await mkdir(join(tmp, 'vores-sted-chromium-now'));
    await mkdir(join(tmp, 'something-else'));
    const removed = await removeStaleProfiles(tmp, 'vores-sted-chromium-', [join(tmp, 'vores-sted-chromium-now')]);
    expect(removed.map((p) => p.slice(tmp.length + 1)).sort()).toEqual(['vores-sted-chromium-old1', 'vores-sted-chromium-old2']);
    expect((await readdir(tmp)).sort()).toEqual(['something-else', 'vores-sted-chromium-now']);
  });

  it('sends the browser\'s crash dumps into its own profile, where the start-up clean removes them', async () => {
    const root = await profile();
    const env = chromiumEnv({ userDataDir: root }, { PATH: '/usr/bin' });
    expect(env['PATH']).toBe('/usr/bin');
    expect(env['BREAKPAD_DUMP_LOCATION']).toBe(crashDumpsDir({ userDataDir: root }));
    await file(join(env['BREAKPAD_DUMP_LOCATION'] ?? '', 'pending', 'c.dmp'), 30_000);
    const report = await cleanBrowserProfile(root);
    expect(report.removed).toContain('Crash Reports');
    expect(await exists(join(root, 'Crash Reports'))).toBe(false);
  });

  it('keeps only the newest crash dumps of a renderer that crashes again and again', async () => {
    const dumps = join(await dirs.make(), 'Crash Reports');
    for (let i = 0; i < 6; i++) {
      await file(join(dumps, 'pending', `${i}.dmp`), 1000);
      await file(join(dumps, 'pending', `${i}.meta`), 10);
      const when = new Date(Date.UTC(2026, 5, 1, 10, i));
      await utimes(join(dumps, 'pending', `${i}.dmp`), when, when);
    }
    await file(join(dumps, 'settings.dat'), 40);
    expect(await pruneCrashDumps(dumps, 2)).toBe(4);
    expect((await readdir(join(dumps, 'pending'))).sort()).toEqual(['4.dmp', '4.meta', '5.dmp', '5.meta']);
    expect(await exists(join(dumps, 'settings.dat'))).toBe(true);
    expect(await pruneCrashDumps(join(dumps, 'missing'))).toBe(0);
  });

  it('measures trees without following links', async () => {
    const root = await dirs.make();
    await file(join(root, 'a', 'b'), 100);
    expect(await treeSize(root)).toBe(100);
  });
});
