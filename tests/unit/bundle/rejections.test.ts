import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CONTENT, buildTestBundle, expectRefused, makeKeys, readZipEntries, setUpKiosk, signFor, snapshotTree, useTempDirs } from './helpers.js';
import { rawBundle, writeRawZip, type RawEntry } from './raw-zip.js';

const tmp = useTempDirs();

const files = Object.entries(SAMPLE_CONTENT).map(([path, data]) => ({ path, data: Buffer.from(data) }));
const entries: RawEntry[] = files.map((f) => ({ name: f.path, data: f.data }));

type Kiosk = Awaited<ReturnType<typeof setUpKiosk>>;

/** Puts `bytes` on the kiosk's stick; returns its path and a snapshot of the kiosk before installing. */
async function onStick(kiosk: Kiosk, bytes: Buffer) {
  const bundlePath = join(kiosk.stickDir, 'vores-sted-2.vsb');
  await writeFile(bundlePath, bytes);
  return { bundlePath, before: await snapshotTree(kiosk.dataDir) };
}

describe('refused bundles leave the kiosk exactly as it was', () => {
  it('bad signature: the manifest was edited after signing', async () => {
    const kiosk = await setUpKiosk(tmp);
    const signed = signFor(kiosk.keys, 2, files);
    const edited = Buffer.from(signed.manifest.toString().replace('"version": 2', '"version": 3'));
    const { bundlePath, before } = await onStick(kiosk, rawBundle({ manifest: edited, signature: signed.signature }, entries));

    await expectRefused(await kiosk.install(bundlePath), 'bad-signature', /underskrift passer ikke til indholdet/, kiosk.dataDir, before);
  });

  it('bad signature: a signature with junk characters that a lenient base64 decoder would skip', async () => {
    const kiosk = await setUpKiosk(tmp);
    const signed = signFor(kiosk.keys, 2, files);
    const padded = Buffer.from(`${signed.signature.toString().trim().slice(0, 40)}!${signed.signature.toString().trim().slice(40)}`);
    const { bundlePath, before } = await onStick(kiosk, rawBundle({ manifest: signed.manifest, signature: padded }, entries));

    await expectRefused(await kiosk.install(bundlePath), 'bad-signature', /underskrift/, kiosk.dataDir, before);
  });

  it('unknown key: signed by a key the kiosk does not trust', async () => {
    const kiosk = await setUpKiosk(tmp);
    const stranger = await makeKeys(join(kiosk.root, 'stranger'));
    const bundlePath = await buildTestBundle(kiosk.root, stranger, 2);
    const before = await snapshotTree(kiosk.dataDir);

    await expectRefused(await kiosk.install(bundlePath), 'unknown-key',
      new RegExp(`nøgle, som kiosken ikke kender \\(nøgle-id ${stranger.trusted.keyId}\\)`), kiosk.dataDir, before);
  });

  it('not newer: an old, validly signed bundle cannot roll the kiosk back', async () => {
    const kiosk = await setUpKiosk(tmp);
    expect((await kiosk.install(await kiosk.build(5))).ok).toBe(true);
    const old = await kiosk.build(4);
    const before = await snapshotTree(kiosk.dataDir);

    await expectRefused(await kiosk.install(old), 'not-newer', /version 4, men kiosken har allerede version 5/, kiosk.dataDir, before);
  });

  it('mix and match: manifest and signature from bundle A, files from bundle B', async () => {
    const kiosk = await setUpKiosk(tmp);
    const a = await readZipEntries(await kiosk.build(2));
    const b = await readZipEntries(await kiosk.build(3, { ...SAMPLE_CONTENT, 'core-tasks.json': '{"tasks":["other-a"]}' }));
    const mixed = writeRawZip([...a].map(([name, data]) => ({ name, data: name.startsWith('bundle-manifest') ? data : (b.get(name) ?? data) })));
    const { bundlePath, before } = await onStick(kiosk, mixed);

    await expectRefused(await kiosk.install(bundlePath), 'hash-mismatch',
      /»core-tasks\.json« i pakken passer ikke til underskriften/, kiosk.dataDir, before);
  });

  it('extra file: something in the zip that the manifest does not list', async () => {
    const kiosk = await setUpKiosk(tmp);
    const evil = { name: 'autorun.js', data: Buffer.from('evil()') };
    const { bundlePath, before } = await onStick(kiosk, rawBundle(signFor(kiosk.keys, 2, files), [...entries, evil]));

    await expectRefused(await kiosk.install(bundlePath), 'extra-file', /»autorun\.js«, som ikke står i pakkens indholdsliste/, kiosk.dataDir, before);
  });

  it('missing file: the manifest lists a file the zip does not have', async () => {
    const kiosk = await setUpKiosk(tmp);
    const withoutVillages = entries.filter((e) => e.name !== 'geo/villages.json');
    const { bundlePath, before } = await onStick(kiosk, rawBundle(signFor(kiosk.keys, 2, files), withoutVillages));

    await expectRefused(await kiosk.install(bundlePath), 'missing-file', /»geo\/villages\.json« står i pakkens indholdsliste, men mangler/, kiosk.dataDir, before);
  });

  it('hash mismatch: same size, different bytes', async () => {
    const kiosk = await setUpKiosk(tmp);
    const swapped = entries.map((e) => (e.name === 'manifest.json' ? { ...e, data: Buffer.from(e.data.toString().replace('lejre', 'LEJRE')) } : e));
    const { bundlePath, before } = await onStick(kiosk, rawBundle(signFor(kiosk.keys, 2, files), swapped));

    await expectRefused(await kiosk.install(bundlePath), 'hash-mismatch', /»manifest\.json« i pakken passer ikke/, kiosk.dataDir, before);
  });

  it('hash mismatch: a deflated file with different content is caught while it streams', async () => {
    const kiosk = await setUpKiosk(tmp);
    const changed = entries.map((e) => (e.name === 'core-tasks.json' ? { ...e, method: 8, data: Buffer.from(e.data.toString().replace('trivsel', 'TRIVSEL')) } : e));
    const { bundlePath, before } = await onStick(kiosk, rawBundle(signFor(kiosk.keys, 2, files), changed));

    await expectRefused(await kiosk.install(bundlePath), 'hash-mismatch', /»core-tasks\.json«/, kiosk.dataDir, before);
  });

  it('hash mismatch: a file longer than the manifest says', async () => {
    const kiosk = await setUpKiosk(tmp);
    const longer = entries.map((e) => (e.name === 'manifest.json' ? { ...e, data: Buffer.concat([e.data, Buffer.from(' ')]) } : e));
    const { bundlePath, before } = await onStick(kiosk, rawBundle(signFor(kiosk.keys, 2, files), longer));

    await expectRefused(await kiosk.install(bundlePath), 'hash-mismatch', /»manifest\.json«/, kiosk.dataDir, before);
  });
});
