import { randomBytes } from 'node:crypto';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../../electron/core/bundle/build.js';
import { verifyBundle } from '../../../electron/core/bundle/verify.js';
import { SAMPLE_CONTENT, makeKeys, readZipEntries, useTempDirs, writeContent } from './helpers.js';

const tmp = useTempDirs();

async function setUp(files = SAMPLE_CONTENT) {
  const root = await tmp('vs-build-');
  const keys = await makeKeys(join(root, 'keys'));
  const contentDir = join(root, 'content');
  const outDir = join(root, 'out');
  await writeContent(contentDir, files);
  return { root, keys, contentDir, outDir, build: (extra: Partial<Parameters<typeof buildBundle>[0]> = {}) =>
    buildBundle({ contentDir, outDir, privateKeyPath: keys.privateKeyPath, version: 3, ...extra }) };
}

describe('buildBundle', () => {
  it('writes vores-sted-<version>.vsb holding the files, a sorted signed manifest and nothing else', async () => {
    const { build, outDir, keys } = await setUp();
    const built = await build();
    if (!built.ok) throw new Error(JSON.stringify(built.problems));

    expect(built.bundlePath).toBe(join(outDir, 'vores-sted-3.vsb'));
    expect(await readdir(outDir)).toEqual(['vores-sted-3.vsb']); // no temp file left behind
    const entries = await readZipEntries(built.bundlePath);
    expect([...entries.keys()].sort()).toEqual(['bundle-manifest.json', 'bundle-manifest.sig', ...Object.keys(SAMPLE_CONTENT)].sort());
    expect(built.manifest).toMatchObject({ format: 1, contentId: 'lejre-vores-sted', version: 3, keyId: keys.trusted.keyId });
    expect(built.manifest.files.map((f) => f.path)).toEqual([...Object.keys(SAMPLE_CONTENT)].sort());
    expect((await verifyBundle(built.bundlePath, { trustedKeys: [keys.trusted], installedVersion: 2 })).ok).toBe(true);
  });

  it('reports every problem at once: symlinks, hidden files, bad names and the content check', async () => {
    const { build, contentDir } = await setUp();
    await symlink('/etc/passwd', join(contentDir, 'geo', 'passwd.json'));
    await writeFile(join(contentDir, '.DS_Store'), 'mac');
    await writeFile(join(contentDir, 'bad:name.json'), '{}');
    const validate = async () => [{ path: 'core-tasks.json', message: 'core-tasks.json mangler opgaven »trivsel-og-laering«.' }];

    const built = await build({ validate });

    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => p.path).sort()).toEqual(['.DS_Store', 'bad:name.json', 'core-tasks.json', 'geo/passwd.json']);
    expect(built.problems.find((p) => p.path === 'geo/passwd.json')?.message).toMatch(/genvej/);
  });

  it('refuses an empty folder, a bad version and an unreadable key, in English when asked', async () => {
    const { root } = await setUp();
    await mkdir(join(root, 'empty'));
    const built = await buildBundle({ contentDir: join(root, 'empty'), outDir: root, privateKeyPath: join(root, 'nope.pem'), version: 0, lang: 'en' });
    expect(built.ok || built.problems.map((p) => p.message)).toEqual([
      'The version must be a whole number above 0.', 'The content folder is empty.', 'The private key cannot be read.',
    ]);
  });

  it('never overwrites an existing bundle of the same version', async () => {
    const { build } = await setUp();
    expect((await build()).ok).toBe(true);
    const again = await build();
    expect(again.ok || again.problems[0]?.message).toMatch(/findes allerede en pakke med version 3/);
  });

  it('names files in Unicode NFC, whatever the disk used', async () => {
    const { build } = await setUp({ 'geo/e\u0301glise.json': '{}' });
    const built = await build();
    expect(built.ok && built.manifest.files.map((f) => f.path)).toEqual(['geo/\u00e9glise.json']);
  });

  it('stores very compressible files uncompressed instead of producing a bundle kiosks would call a zip bomb', async () => {
    const { build, keys } = await setUp({ ...SAMPLE_CONTENT, 'media/padding.bin': Buffer.alloc(500_000), 'media/noise.bin': randomBytes(1000) });
    const built = await build();
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    expect((await verifyBundle(built.bundlePath, { trustedKeys: [keys.trusted], installedVersion: 0 })).ok).toBe(true);
  });
});
