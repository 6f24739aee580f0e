import { randomBytes, sign } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { describeRejection } from '../../../electron/core/bundle/rejection.js';
import { useAttackKiosk } from './attack-kiosk.js';
import { SAMPLE_CONTENT, buildTestBundle, expectedContent, installedContent, makeKeys, signFor } from './helpers.js';
import { rawBundle, writeRawZip, type RawEntry } from './raw-zip.js';

// Hostile archives made on the spot, one trick each, all signed with the kiosk's own key so that only
// the trick itself can be what gets them refused.

const kiosk = useAttackKiosk();
const good: RawEntry[] = Object.entries(SAMPLE_CONTENT).map(([name, data]) => ({ name, data: Buffer.from(data) }));
const SYMLINK = ((0o120777 << 16) >>> 0);

/** A signed bundle whose manifest lists `listed` (default: the good files) and whose zip holds `entries`. */
function signedZip(entries: RawEntry[], listed: RawEntry[] = good, options?: Parameters<typeof writeRawZip>[1]): Buffer {
  const signed = signFor(kiosk.keys, 2, listed.map((e) => ({ path: String(e.name), data: e.data, size: e.declaredSize })));
  return rawBundle(signed, entries, options);
}

const nameAttacks: [string, string | Buffer, string][] = [
  ['"../" traversal', '../../evil.txt', 'unsafe-path'],
  ['traversal inside a path', 'geo/../../evil.txt', 'unsafe-path'],
  ['absolute path', '/tmp/evil.txt', 'unsafe-path'],
  ['Windows drive path', 'C:\\Windows\\evil.txt', 'unsafe-path'],
  ['drive-relative path', 'C:evil.txt', 'unsafe-path'],
  ['backslash separator', 'geo\\evil.json', 'unsafe-path'],
  ['NUL byte in the name', 'evil.json\u0000.txt', 'unsafe-path'],
  ['bidi override in the name', 'evil\u202Egnp.js', 'unsafe-path'],
  ['__proto__', '__proto__', 'unsafe-path'],
  ['constructor as a folder', 'constructor/prototype', 'unsafe-path'],
  ['hidden file', '.env', 'unsafe-path'],
  ['Windows device name', 'geo/CON.json', 'unsafe-path'],
  ['trailing dot (Windows drops it)', 'manifest.json.', 'unsafe-path'],
  ['non-UTF-8 name without the UTF-8 flag', Buffer.from([0x62, 0x8a, 0x2e, 0x6a]), 'unsafe-path'],
];

describe('generated hostile archives are refused, and nothing lands outside staging', () => {
  it.each(nameAttacks)('%s', async (_what, name, code) => {
    const flags = Buffer.isBuffer(name) ? 0 : undefined;
    const attempt = await kiosk.attempt(signedZip([...good, { name, data: Buffer.from('evil'), flags }]));
    kiosk.expectRefused(attempt, code);
  });

  it('a name Windows would read as a path (a second name in the Unicode Path extra field)', async () => {
    const alias = Buffer.from('../evil.txt');
    const extra = Buffer.alloc(4 + 5 + alias.length);
    extra.writeUInt16LE(0x7075, 0);
    extra.writeUInt16LE(5 + alias.length, 2);
    extra.writeUInt8(1, 4);
    // CRC of the header name, so readers that honour the field do use the alias.
    extra.writeUInt32LE(crc32(Buffer.from('innocent.txt')), 5);
    alias.copy(extra, 9);
    const attempt = await kiosk.attempt(signedZip([...good, { name: 'innocent.txt', data: Buffer.from('x'), extra }]));
    kiosk.expectRefused(attempt, 'unsafe-path');
  });

  it('symlink entry, even when the manifest lists it', async () => {
    const link = { name: 'media/link', data: Buffer.from('/etc/passwd'), externalAttributes: SYMLINK };
    const attempt = await kiosk.attempt(signedZip([...good, link], [...good, link]));
    kiosk.expectRefused(attempt, 'symlink');
    expect(describeRejection(attempt.result.ok ? { code: 'empty' } : attempt.result.reason, 'da')).toMatch(/genvej \(symbolsk link\), »media\/link«/);
  });

  it.each([
    ['the same name twice', 'core-tasks.json', 'core-tasks.json'],
    ['names differing only in case', 'geo/villages.json', 'GEO/Villages.json'],
    ['NFC and NFD spellings of the same name', 'geo/kirke-hyllinge-\u00e6\u00f8\u00e5-\u00e9.json', 'geo/kirke-hyllinge-\u00e6\u00f8a\u030a-e\u0301.json'],
    ['a file and a folder of the same name', 'geo', 'geo/villages.json'],
  ])('duplicate entries: %s', async (_what, first, second) => {
    const entries = [{ name: first, data: Buffer.from('1') }, { name: second, data: Buffer.from('2') }];
    const attempt = await kiosk.attempt(signedZip([...good.filter((e) => e.name !== first && e.name !== second), ...entries]));
    kiosk.expectRefused(attempt, 'duplicate-entry');
  });

  it('local header name disagreeing with the central directory', async () => {
    const swapped = good.map((e) => (e.name === 'core-tasks.json' ? { ...e, localName: 'core-tasks.jsoN' } : e));
    kiosk.expectRefused(await kiosk.attempt(signedZip(swapped)), 'header-mismatch');
  });

  it('zip bomb: a signed 20 MB file that deflates 1000:1 is refused before anything is inflated', async () => {
    const zeros = Buffer.alloc(20_000_000);
    const bomb = { name: 'media/zeros.bin', data: zeros, method: 8 };
    const attempt = await kiosk.attempt(signedZip([...good, bomb], [...good, bomb]));
    kiosk.expectRefused(attempt, 'compression-ratio');
    expect(attempt.writes.filter((w) => w.path.includes('staging'))).toEqual([]);
  });

  it('zip bomb with a lying size: never more than the signed size is written', async () => {
    const lie = { name: 'media/zeros.bin', data: Buffer.alloc(1000), compressed: deflateRawSync(Buffer.alloc(20_000_000)), method: 8, declaredSize: 1000 };
    const attempt = await kiosk.attempt(signedZip([...good, lie], [...good, { ...lie, data: Buffer.alloc(1000) }]));
    expect(['hash-mismatch', 'corrupt-zip']).toContain(attempt.result.ok || attempt.result.reason.code);
    kiosk.expectRefused(attempt, attempt.result.ok ? 'refusal' : attempt.result.reason.code);
    const bombWrite = attempt.writes.find((w) => w.path.endsWith('zeros.bin'));
    expect(bombWrite?.bytes ?? 0).toBeLessThanOrEqual(1000);
  });

  it('100 000 entries: refused from the end record alone', async () => {
    const entries: RawEntry[] = Array.from({ length: 100_000 }, (_, i) => ({ name: `f/${i}`, data: Buffer.alloc(0) }));
    kiosk.expectRefused(await kiosk.attempt(writeRawZip(entries)), 'too-many-entries');
  });

  it('an end record that counts fewer entries than the central directory holds', async () => {
    const zip = signedZip([...good, { name: 'hidden.js', data: Buffer.from('evil()') }], good, { countOverride: 6 });
    kiosk.expectRefused(await kiosk.attempt(zip), 'corrupt-zip');
  });

  it.each([
    ['bytes before the first entry (self-extractor style)', { prefix: Buffer.from('MZ not really an exe') }],
    ['bytes after the end record', { trailing: Buffer.from('PK appended payload') }],
    ['a comment in the end record', { comment: Buffer.from('hello') }],
  ])('layout: %s', async (_what, options) => {
    const attempt = await kiosk.attempt(signedZip(good, good, options));
    kiosk.expectRefused(attempt, 'corrupt-zip');
  });

  it('truncated central directory', async () => {
    const whole = await readFile(await buildTestBundle(kiosk.root, kiosk.keys, 2));
    const cutInCentralDirectory = whole.subarray(0, whole.length - 22 - 30);
    const attempt = await kiosk.attempt(cutInCentralDirectory);
    kiosk.expectRefused(attempt, 'truncated');
    expect(describeRejection(attempt.result.ok ? { code: 'empty' } : attempt.result.reason, 'da')).toMatch(/ufuldstændig/);
  });

  it('0-byte file', async () => {
    kiosk.expectRefused(await kiosk.attempt(Buffer.alloc(0)), 'empty');
  });

  it('not a zip at all, only named .vsb', async () => {
    kiosk.expectRefused(await kiosk.attempt(randomBytes(5000)), 'not-a-zip');
  });

  it('a 5 GB file is refused by its size before a single byte is read', async () => {
    // Outside the kiosk's test root, so the before/after snapshots do not try to read 5 GB.
    const stick = await mkdtemp(join(tmpdir(), 'vs-huge-'));
    try {
      const big = join(stick, 'vores-sted-2.vsb');
      const handle = await open(big, 'w');
      await handle.truncate(5 * 1024 ** 3); // sparse: takes no disk space
      await handle.close();
      let opened = false;
      const attempt = await kiosk.attempt(Buffer.alloc(0), {
        bundlePath: big,
        io: { openSource: () => ((opened = true), Readable.from([])) },
      });
      kiosk.expectRefused(attempt, 'too-large');
      expect(opened).toBe(false);
      expect(describeRejection(attempt.result.ok ? { code: 'empty' } : attempt.result.reason, 'da')).toBe('Pakken er for stor: 5,4 GB, grænsen er 2,1 GB.');
    } finally {
      await rm(stick, { recursive: true, force: true });
    }
  });

  it.each([
    // ZipCrypto: a 12-byte encryption header in front of the (here stored) data.
    ['encrypted entry', { flags: 0x0801, compressed: Buffer.concat([randomBytes(12), Buffer.from('x')]) }, 'unsupported-entry'],
    ['unknown compression method (bzip2)', { method: 12 }, 'unsupported-entry'],
    ['a folder entry', { name: 'geo/', data: Buffer.alloc(0) }, 'extra-file'],
  ])('%s', async (_what, change, code) => {
    const entries = [...good, { name: 'extra.bin', data: Buffer.from('x'), ...change }];
    kiosk.expectRefused(await kiosk.attempt(signedZip(entries, [...good, { name: 'extra.bin', data: Buffer.from('x') }])), code);
  });

  it('signature only, no manifest', async () => {
    const signed = signFor(kiosk.keys, 2, good.map((e) => ({ path: String(e.name), data: e.data })));
    kiosk.expectRefused(await kiosk.attempt(writeRawZip([{ name: 'bundle-manifest.sig', data: signed.signature }, ...good])), 'missing-manifest');
  });

  it('a manifest signed by one trusted key that claims another', async () => {
    const other = await makeKeys(join(kiosk.root, `other-${Date.now()}`));
    const signed = signFor(other, 2, good.map((e) => ({ path: String(e.name), data: e.data })));
    const claimsKioskKey = Buffer.from(signed.manifest.toString().replace(other.trusted.keyId, kiosk.keys.trusted.keyId));
    const resigned = { manifest: claimsKioskKey, signature: Buffer.from(`${sign(null, claimsKioskKey, other.privateKey).toString('base64')}\n`) };
    const attempt = await kiosk.attempt(rawBundle(resigned, good), { trustedKeys: [kiosk.keys.trusted, other.trusted] });
    kiosk.expectRefused(attempt, 'bad-manifest');
  });

  it.each([
    ['one file above the per-file limit', { maxFileBytes: 50 }, 'too-large'],
    ['all files above the total limit', { maxTotalBytes: 100 }, 'too-large'],
    ['a manifest above its limit', { maxManifestBytes: 100 }, 'too-large'],
    ['more entries than allowed', { maxEntries: 5 }, 'too-many-entries'],
  ])('limits: %s', async (_what, limits, code) => {
    kiosk.expectRefused(await kiosk.attempt(signedZip(good), { limits }), code);
  });

  it('the stick copy is what gets checked: the file on the stick changing afterwards changes nothing', async () => {
    const bundle = await readFile(await buildTestBundle(kiosk.root, kiosk.keys, 2));
    const attempt = await kiosk.attempt(bundle, {
      afterStep: async (step) => {
        if (step === 'copied') await writeFile(join(kiosk.root, 'stick', 'vores-sted-2.vsb'), signedZip([...good, { name: 'x.js', data: Buffer.from('evil') }]));
      },
    });
    expect(attempt.result.ok).toBe(true);
    if (attempt.result.ok) expect(await installedContent(attempt.result.dir)).toEqual(expectedContent(SAMPLE_CONTENT));
  });
});
