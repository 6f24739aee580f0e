import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCurrent, rollback } from '../../../electron/core/bundle/store.js';
import { verifyBundle } from '../../../electron/core/bundle/verify.js';
import type { InstallProgress } from '../../../electron/core/bundle/install.js';
import { SAMPLE_CONTENT, buildTestBundle, expectedContent, installedContent, makeKeys, setUpKiosk, useTempDirs } from './helpers.js';

const tmp = useTempDirs();

describe('build → verify → install', () => {
  it('installs a freshly built bundle byte for byte and points current.json at it', async () => {
    const kiosk = await setUpKiosk(tmp);
    const bundle = await kiosk.build(2, { ...SAMPLE_CONTENT, 'core-tasks.json': '{"tasks":[]}' });
    const verified = await verifyBundle(bundle, { trustedKeys: [kiosk.keys.trusted], installedVersion: 1 });
    expect(verified.ok).toBe(true);

    const result = await kiosk.install(bundle);

    expect(result).toMatchObject({ ok: true, version: 2, previousVersion: 1 });
    const current = JSON.parse(await readFile(join(kiosk.dataDir, 'current.json'), 'utf8'));
    expect(current).toEqual({ version: 2, dir: 'versions/2' });
    expect(await readCurrent(kiosk.dataDir)).toEqual({ version: 2, dir: join(kiosk.dataDir, 'versions', '2') });
    expect(await installedContent(join(kiosk.dataDir, 'versions', '2'))).toEqual(
      expectedContent({ ...SAMPLE_CONTENT, 'core-tasks.json': '{"tasks":[]}' }),
    );
    expect((await readdir(kiosk.dataDir)).sort()).toEqual(['current.json', 'versions']);
  });

  it('handles empty files and deep folders', async () => {
    const kiosk = await setUpKiosk(tmp);
    const files = { ...SAMPLE_CONTENT, 'geo/empty.json': '', 'a/b/c/d/e/f.txt': 'dyb' };

    const result = await kiosk.install(await kiosk.build(2, files));

    expect(result.ok).toBe(true);
    expect(await installedContent(join(kiosk.dataDir, 'versions', '2'))).toEqual(expectedContent(files));
  });

  it('keeps the signed manifest and signature next to the content for provenance', async () => {
    const kiosk = await setUpKiosk(tmp);
    const files = await readdir(join(kiosk.dataDir, 'versions', '1'));
    expect(files).toContain('bundle-manifest.json');
    expect(files).toContain('bundle-manifest.sig');
  });

  it('reports what changed since the previous version', async () => {
    const kiosk = await setUpKiosk(tmp);
    const { 'media/x.webp': _removed, ...rest } = SAMPLE_CONTENT;
    const bundle = await kiosk.build(2, { ...rest, 'core-tasks.json': '{"changed":true}', 'geo/parishes.json': '[]' });

    const result = await kiosk.install(bundle);

    expect(result.ok && result.diff).toEqual({ added: ['geo/parishes.json'], changed: ['core-tasks.json'], removed: ['media/x.webp'] });
  });

  it('still reports the changes when keeping only one version deletes the previous one', async () => {
    const kiosk = await setUpKiosk(tmp);
    const bundle = await kiosk.build(2, { ...SAMPLE_CONTENT, 'core-tasks.json': '{"changed":true}' });

    const result = await kiosk.install(bundle, { limits: { keepVersions: 1 } });

    expect(result.ok && result.diff).toEqual({ added: [], changed: ['core-tasks.json'], removed: [] });
    expect(await readdir(join(kiosk.dataDir, 'versions'))).toEqual(['2']);
  });

  it('reports copy and unpack progress up to the full size', async () => {
    const kiosk = await setUpKiosk(tmp);
    const bundle = await kiosk.build(2, { ...SAMPLE_CONTENT, 'media/big.bin': Buffer.alloc(300_000, 7) });
    const seen: InstallProgress[] = [];

    const result = await kiosk.install(bundle, { onProgress: (p) => seen.push({ ...p }) });

    expect(result.ok).toBe(true);
    for (const phase of ['copy', 'unpack'] as const) {
      const steps = seen.filter((p) => p.phase === phase);
      expect(steps.length).toBeGreaterThan(1);
      expect(steps.every((p, i) => i === 0 || p.done >= (steps[i - 1]?.done ?? 0))).toBe(true);
      expect(steps.at(-1)?.done).toBe(steps.at(-1)?.total);
    }
  });

  it('keeps only the three newest versions, and rollback goes to the previous one', async () => {
    const kiosk = await setUpKiosk(tmp);
    for (const version of [2, 3, 4]) expect((await kiosk.install(await kiosk.build(version))).ok).toBe(true);
    expect((await readdir(join(kiosk.dataDir, 'versions'))).sort()).toEqual(['2', '3', '4']);

    expect(await rollback(kiosk.dataDir)).toEqual({ ok: true, from: 4, to: 3 });
    expect((await readCurrent(kiosk.dataDir))?.version).toBe(3);
    expect(await rollback(kiosk.dataDir)).toEqual({ ok: true, from: 3, to: 2 });
    expect(await rollback(kiosk.dataDir)).toEqual({ ok: false, reason: 'no-older-version' });
    expect((await readCurrent(kiosk.dataDir))?.version).toBe(2);
  });

  it('can install a version again after rolling back from it', async () => {
    const kiosk = await setUpKiosk(tmp);
    const v2 = await kiosk.build(2);
    expect((await kiosk.install(v2)).ok).toBe(true);
    await rollback(kiosk.dataDir);

    const again = await kiosk.install(v2);

    expect(again).toMatchObject({ ok: true, version: 2, previousVersion: 1 });
    expect(await installedContent(join(kiosk.dataDir, 'versions', '2'))).toEqual(expectedContent(SAMPLE_CONTENT));
  });

  it('accepts bundles from any of several trusted keys (key change-over)', async () => {
    const kiosk = await setUpKiosk(tmp);
    const newKeys = await makeKeys(join(kiosk.root, 'new-keys'));
    const bundle = await buildTestBundle(kiosk.root, newKeys, 2);

    const onlyOld = await kiosk.install(bundle);
    const both = await kiosk.install(bundle, { trustedKeys: [kiosk.keys.trusted, newKeys.trusted] });

    expect(onlyOld.ok).toBe(false);
    expect(both).toMatchObject({ ok: true, version: 2, keyId: newKeys.trusted.keyId });
  });

  it('runs two installs started together one after the other, not over each other', async () => {
    const kiosk = await setUpKiosk(tmp);
    const [v2, v3] = [await kiosk.build(2), await kiosk.build(3)];

    const results = await Promise.all([kiosk.install(v2), kiosk.install(v3)]);

    expect(results.map((r) => r.ok && r.version)).toEqual([2, 3]);
    expect((await readCurrent(kiosk.dataDir))?.version).toBe(3);
    expect((await readdir(join(kiosk.dataDir, 'versions'))).sort()).toEqual(['1', '2', '3']);
  });

  it('refuses bundles for other content when the kiosk names its content', async () => {
    const kiosk = await setUpKiosk(tmp);
    const result = await kiosk.install(await kiosk.build(2), { expectedContentId: 'roskilde' });
    expect(result.ok || result.reason.code).toBe('wrong-content');
  });
});
