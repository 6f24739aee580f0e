import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EditorResponse } from '../../../contract/editor-api.js';
import { verifyBundle } from '../../../electron/core/bundle/index.js';
import type * as CopyToStick from '../../../electron/core/bundle/copy-to-stick.js';
import { removeTree } from '../../../electron/core/bundle/fs-safe.js';
import { nextVersion } from '../../../electron/core/editor/editor-settings.js';
import type { EditorHost } from '../../../electron/core/editor/editor-host.js';
import { ProjectStore } from '../../../electron/core/editor/project-store.js';
import { saveToStick } from '../../../electron/core/editor/save-to-usb.js';
import { makeKeys, readZipEntries } from '../bundle/helpers.js';
import { contentWith, story } from '../content/support.js';
import { tempDirs } from '../host/support.js';
import { openTestEditor } from './support/editor-project.js';

// A full stick cannot be made from a plain folder, so that one case swaps the copy's answer; every other
// test copies for real.
const stickIo = vi.hoisted(() => ({ full: false }));
vi.mock('../../../electron/core/bundle/copy-to-stick.js', async (importOriginal) => {
  const real = await importOriginal<typeof CopyToStick>();
  const copyToStick: typeof real.copyToStick = (bundlePath, stickDir) =>
    stickIo.full ? Promise.resolve({ ok: false, problem: 'stick-full', detail: 'ENOSPC: no space left on device (simulated)' }) : real.copyToStick(bundlePath, stickDir);
  return { ...real, copyToStick };
});

const dirs = tempDirs();
afterEach(async () => {
  stickIo.full = false;
  await dirs.cleanup();
});

async function call<M extends 'open' | 'saveToUsb' | 'setKeyPath' | 'newStory'>(host: EditorHost, method: M, payload: object): Promise<EditorResponse<M>> {
  const result = await host.handle(method, payload);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body as EditorResponse<M>;
}

describe('the version number staff never have to think about', () => {
  const at = (text: string): Date => new Date(text);

  it('is the date and time (yyyymmddhhmm), so saves from two staff PCs still grow with time', () => {
    expect(nextVersion(0, 1, at('2026-11-23T10:05:00'))).toBe(202611231005);
  });

  it('never goes down: not below the last save here, nor below the content\'s own version', () => {
    expect(nextVersion(202611231005, 1, at('2026-11-23T10:05:00'))).toBe(202611231006);
    expect(nextVersion(202611231005, 1, at('2020-01-01T00:00:00'))).toBe(202611231006);
    expect(nextVersion(0, 203001010000, at('2026-11-23T10:05:00'))).toBe(203001010001);
  });

  it('grows with every save, also when saving twice a minute or after the clock is set back', () => {
    const clock = ['2026-11-23T10:05', '2026-11-23T10:05', '2026-11-23T10:05', '2026-11-23T10:06', '2025-06-01T08:00', '2026-11-23T10:06', '2027-01-01T00:00', '2026-01-01T00:00'];
    let last = 0;
    for (const time of clock) {
      const version = nextVersion(last, 1, at(time));
      expect(version, time).toBeGreaterThan(last);
      last = version;
    }
  });
});

describe('"Gem til USB"', () => {
  it('refuses while the checklist has errors: nothing is written on the stick, the project is untouched', async () => {
    const { host, stick } = await openTestEditor(dirs);
    const keys = await makeKeys(join(await dirs.make(), 'nøgle'));
    await call(host, 'setKeyPath', { keyPath: keys.privateKeyPath });
    await call(host, 'newStory', { title: 'Høstmarked' }); // no core task, summary or text yet
    const manifest = await host.project.readJson('manifest.json');

    const answer = await call(host, 'saveToUsb', { stick });
    expect(answer.ok).toBe(false);
    expect(answer.messageDa).toMatch(/^Der er \d+ fejl i tjeklisten\. Ret dem først/);
    expect(!answer.ok && answer.checklist.some((item) => item.level === 'error' && item.storyId === 'hoestmarked')).toBe(true);
    expect(await readdir(stick)).toEqual([]);
    expect(await host.project.readJson('manifest.json')).toEqual(manifest);
  });

  it('refuses without a working key, saying that IT must choose the key file', async () => {
    const { host, stick } = await openTestEditor(dirs);
    const noKey = await call(host, 'saveToUsb', { stick });
    expect(noKey).toMatchObject({ ok: false, messageDa: expect.stringMatching(/ikke valgt en nøglefil.*IT skal vælge kommunens nøglefil/) });

    const keys = await makeKeys(join(await dirs.make(), 'nøgle'));
    const wrongFile = await call(host, 'setKeyPath', { keyPath: keys.publicKeyPath });
    expect(wrongFile).toMatchObject({ keyOk: false, messageDa: expect.stringMatching(/Nøglefilen kan ikke læses\. Kontakt IT/) });
    const wrongKey = await call(host, 'saveToUsb', { stick });
    expect(wrongKey).toMatchObject({ ok: false, messageDa: wrongFile.messageDa });
    expect(await readdir(stick)).toEqual([]);
  });

  it('writes exactly one signed bundle the kiosk accepts, with the version it reports; the next save is newer even after the clock is set back', async () => {
    let now = new Date('2026-11-23T10:00:00');
    const { host, stick } = await openTestEditor(dirs, { now: () => now });
    const keys = await makeKeys(join(await dirs.make(), 'nøgle'));
    expect(await call(host, 'setKeyPath', { keyPath: keys.privateKeyPath })).toMatchObject({ keyOk: true });
    const promised = (await call(host, 'open', {})).nextVersion;

    const first = await call(host, 'saveToUsb', { stick });
    if (!first.ok) throw new Error(first.messageDa);
    expect(first.version).toBe(promised);
    expect(first.messageDa).toMatch(/kan tage stikket ud nu/);
    const firstName = `vores-sted-${first.version}.vsb`;
    expect(await readdir(stick)).toEqual([firstName]);
    const verified = await verifyBundle(join(stick, firstName), { trustedKeys: [keys.trusted], installedVersion: 0, expectedContentId: 'lejre-vores-sted' });
    if (!verified.ok) throw new Error(verified.reason.code);
    expect(verified.manifest.version).toBe(first.version);
    expect(verified.keyId).toBe(keys.trusted.keyId);
    // Signing happens on the host: the key itself is nowhere in what goes out on the stick.
    for (const [name, data] of await readZipEntries(join(stick, firstName))) {
      expect(name).not.toMatch(/\.pem$/);
      expect(data.includes('PRIVATE KEY'), name).toBe(false);
    }

    now = new Date('2025-06-01T08:00:00'); // the PC's clock was set back
    expect((await call(host, 'open', {})).nextVersion).toBeGreaterThan(first.version);
    const second = await call(host, 'saveToUsb', { stick });
    if (!second.ok) throw new Error(second.messageDa);
    expect(second.version).toBeGreaterThan(first.version);
    expect((await readdir(stick)).sort()).toEqual([firstName, `vores-sted-${second.version}.vsb`].sort());
    // A kiosk that installed the first one takes the second.
    const newer = await verifyBundle(join(stick, `vores-sted-${second.version}.vsb`), { trustedKeys: [keys.trusted], installedVersion: first.version });
    expect(newer.ok).toBe(true);
  }, 180_000); // two real builds: every built-in picture is prepared for 1080p and 4K
});

describe('when the stick fails', () => {
  /** A small clean project (no pictures to prepare), so these cases build in a moment. */
  async function smallSave(stickTrouble: (stick: string) => Promise<void>) {
    const root = await dirs.make();
    const keys = await makeKeys(join(root, 'nøgle'));
    const store = await ProjectStore.open(join(root, 'projekt'), await contentWith(dirs, { stories: [story('hoestmarked')] }));
    const stick = join(root, 'USB-STIK');
    await mkdir(stick);
    const outcome = await saveToStick({
      projectDir: store.dir,
      stickDir: stick,
      keyPath: keys.privateKeyPath,
      version: 202611231000,
      checklist: [],
      outDir: join(root, 'bundles'),
      stampManifest: async (version) => {
        await store.stampManifest(version, new Date());
        await stickTrouble(stick);
      },
    });
    return { outcome, stick, bundles: await readdir(join(root, 'bundles')).catch(() => []) };
  }

  it('a stick pulled out while the bundle is made: asks whether it was taken out, and keeps the bundle on the PC', async () => {
    const { outcome, bundles } = await smallSave((stick) => removeTree(stick));
    expect(outcome).toEqual({ ok: false, messageDa: expect.stringContaining('Blev stikket taget ud? Sæt det i igen') });
    expect(bundles).toEqual(['vores-sted-202611231000.vsb']);
  });

  it('a full stick: says there is not enough room, and nothing is left on it', async () => {
    stickIo.full = true;
    const { outcome, stick } = await smallSave(() => Promise.resolve());
    expect(outcome).toEqual({ ok: false, messageDa: expect.stringContaining('ikke plads nok på USB-stikket') });
    expect(await readdir(stick)).toEqual([]);
  });

  it('a stick that is gone before anything starts is named as missing, and nothing is built', async () => {
    const root = await dirs.make();
    const outcome = await saveToStick({
      projectDir: root,
      stickDir: join(root, 'USB-STIK'),
      keyPath: join(root, 'key.pem'),
      version: 1,
      checklist: [],
      outDir: join(root, 'bundles'),
      stampManifest: () => Promise.reject(new Error('must not be stamped')),
    });
    expect(outcome).toEqual({ ok: false, messageDa: 'USB-stikket kan ikke findes. Sæt det i igen, og vælg det på listen.' });
    expect(await readdir(root)).toEqual([]);
  });
});
