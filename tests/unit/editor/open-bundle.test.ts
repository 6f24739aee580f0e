import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBundle, generateKeyPair } from '../../../electron/core/bundle/index.js';
import { builtInContent, tempDirs } from '../host/support.js';
import { forStaff, openTestEditor } from './support/editor-project.js';

// "Åbn en pakke": a bundle from another staff PC becomes the project, checked exactly as a kiosk checks it;
// the project it replaces is kept beside it, so nothing is lost.

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function signedBundleOfBuiltInContent(version: number): Promise<{ bundle: Buffer; privateKeyPath: string }> {
  const root = await dirs.make('vores-sted-open-bundle-');
  const keys = await generateKeyPair(join(root, 'keys'));
  if (!keys.ok) throw new Error('no keys');
  const built = await buildBundle({ contentDir: builtInContent, outDir: join(root, 'out'), privateKeyPath: keys.privateKeyPath, version });
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  return { bundle: await readFile(built.bundlePath), privateKeyPath: keys.privateKeyPath };
}

describe('opening a bundle in the editor', () => {
  it('makes the signed bundle the project and keeps the old project beside it', async () => {
    const { bundle, privateKeyPath } = await signedBundleOfBuiltInContent(7);
    const editor = await openTestEditor(dirs);
    await editor.host.handle('setKeyPath', { keyPath: privateKeyPath });
    const before = await editor.host.project.stories();
    await editor.host.project.saveStory({ ...(before[0] as (typeof before)[number]), title: { da: 'Min kladde', en: '' } });

    const result = await editor.host.upload('bundle', 'vores-sted-7.vsb', bundle);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.messageDa).toContain('version 7');
    const manifest = JSON.parse(await readFile(join(editor.host.project.dir, 'manifest.json'), 'utf8')) as { version: number };
    expect(manifest.version).toBe(1); // the content inside is the built-in content, as signed
    const opened = await editor.host.project.stories();
    expect(opened.map((s) => s.title.da)).not.toContain('Min kladde');
    // The draft that was replaced is still on disk, in the folder the message names.
    const siblings = await readdir(dirname(editor.host.project.dir));
    const backup = siblings.find((name) => name.startsWith('projekt-forrige-'));
    expect(backup).toBeDefined();
    expect(result.messageDa).toContain(backup as string);
    expect(await readFile(join(dirname(editor.host.project.dir), backup as string, 'stories.json'), 'utf8')).toContain('Min kladde');
  });

  it('refuses a bundle signed with another key, in Danish, and leaves the project alone', async () => {
    const { bundle } = await signedBundleOfBuiltInContent(3);
    const other = await signedBundleOfBuiltInContent(4);
    const editor = await openTestEditor(dirs);
    await editor.host.handle('setKeyPath', { keyPath: other.privateKeyPath });
    const before = await readFile(join(editor.host.project.dir, 'stories.json'), 'utf8');

    const result = await editor.host.upload('bundle', 'fremmed.vsb', bundle);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(forStaff(result.messageDa)).toBe(true);
    expect(result.messageDa).toMatch(/^Pakken kan ikke åbnes: /);
    expect(await readFile(join(editor.host.project.dir, 'stories.json'), 'utf8')).toBe(before);
  });

  it('says the key must be chosen first when none is set, and refuses bytes that are no bundle', async () => {
    const editor = await openTestEditor(dirs);
    const noKey = await editor.host.upload('bundle', 'x.vsb', Buffer.from('PK\u0003\u0004 not really'));
    expect(noKey).toEqual({ ok: false, messageDa: expect.stringContaining('nøglefil') as unknown as string });

    const { privateKeyPath } = await signedBundleOfBuiltInContent(2);
    await editor.host.handle('setKeyPath', { keyPath: privateKeyPath });
    const garbage = await editor.host.upload('bundle', 'x.vsb', Buffer.from('this is a letter, not a bundle'));
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(forStaff(garbage.messageDa)).toBe(true);
  });
});
