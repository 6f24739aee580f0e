import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useAttackKiosk } from './attack-kiosk.js';
import { sha256 } from './helpers.js';
import { appendSigned, repackSigned } from './zip-surgery.js';

// Real hostile archives from zip libraries' test suites (provenance: SOURCES.md next to them). Each is
// tried as it is, and as two signed variants that keep its hostile records, so that the record checks
// run too, not only the signature check.

const here = dirname(fileURLToPath(import.meta.url));
const LOCATIONS = [
  join(here, '..', '..', 'fixtures', 'bundle', 'zip-attacks'),
  join(here, '..', '..', '..', '..', 'shared', 'testdata', 'zip-attacks'),
];
const attackDir = LOCATIONS.find((dir) => existsSync(join(dir, 'SOURCES.md')));

const archives = attackDir === undefined ? [] : readdirSync(attackDir, { recursive: true, encoding: 'utf8' })
  .filter((name) => name !== 'SOURCES.md' && statSync(join(attackDir, name)).isFile())
  .map((name) => name.split(sep).join('/'))
  .sort();

/**
 * Archives whose whole attack lives in bytes that repacking throws away (end record, trailing junk) or
 * that only fools streaming or recursive extractors. Their *repacked, signed* variant is a well-formed
 * bundle of harmless files, so a kiosk may install it, and must then hold exactly the signed bytes.
 * Their other two variants, and every variant of every other archive, must be refused.
 */
const HARMLESS_WHEN_REPACKED = new Set([
  'RecursiveExtractor/Bombs/droste.zip', // a zip that contains itself: only dangerous if unpacked recursively
  'compress-go-archive-zip/go-no-datadesc-sig.zip', // confuses streaming readers; we read the central directory
  'compress-go-archive-zip/test-badbase.zip', // wrong base offset: the repack writes correct offsets
  'compress-go-archive-zip/test-baddirsz.zip', // wrong size in the end record: the repack writes a new one
  'compress-go-archive-zip/test-trailing-junk.zip', // junk after the end record: dropped by the repack
  'yauzl/failure/Invalid comment length Expected 1 Found 0 Are there extra bytes at the end of the file Or is the end of central dir signature PK in the com.zip',
  'yauzl/failure/multi-disk zip files are not supported found disk number 1.zip', // disk number lives in the end record
  'yauzl/success-but-not-a-bundle/streaming.zip', // data descriptors: fine when read via the central directory
]);

/** For archives built around one specific trick: the check that must catch it, per variant ('*' = all). */
const EXPECTED_REASON: [archive: string, variant: string, code: string][] = [
  ['zip-slip-vulnerability/zip-slip.zip', '*', 'unsafe-path'],
  ['zip-slip-vulnerability/zip-slip-win.zip', '*', 'unsafe-path'],
  ['adm-zip/symlink.zip', '*', 'symlink'],
  ['compress-go-archive-zip/symlink.zip', '*', 'symlink'],
  ['zip2/symlink.zip', '*', 'symlink'],
  ['jszip/ref/pollution.zip', '*', 'unsafe-path'],
  ['yauzl/success-but-not-a-bundle/unicode-path-extra-field.zip', '*', 'unsafe-path'],
  ['compress-go-archive-zip/dupdir.zip', '*', 'duplicate-entry'],
  ['RecursiveExtractor/Bombs/zbsm.zip', '*', 'corrupt-zip'], // overlapping entries
  ['ZOD/42.zip', '*', 'unsupported-entry'], // encrypted
  ['adm-zip/bad_crc.zip', '*', 'header-mismatch'],
  ['jszip/invalid/crc32.zip', 'signed, repacked', 'corrupt-zip'],
  ['yauzl/success-but-not-a-bundle/big-compression.zip', 'signed, repacked', 'compression-ratio'],
  ['yauzl/failure/End of central directory record signature not found Either not a zip file or file is truncated_1.zip', '*', 'empty'],
  ['compress-go-archive-zip/readme.notzip', '*', 'not-a-zip'],
];

const kiosk = useAttackKiosk();

const variants = [
  ['as it is', (zip: Buffer) => zip],
  ['signed, original bytes kept', (zip: Buffer) => appendSigned(zip, kiosk.keys, 2)],
  ['signed, repacked', (zip: Buffer) => repackSigned(zip, kiosk.keys, 2)],
] as const;

if (attackDir === undefined) {
  it.skip('zip-attack archives not found in tests/fixtures/bundle/zip-attacks or ../shared/testdata/zip-attacks', () => undefined);
}

describe.runIf(attackDir !== undefined)('real malicious archives from zip libraries\' test suites', () => {
  it('has the archives', () => {
    expect(archives.length).toBeGreaterThanOrEqual(80);
  });

  describe.each(archives)('%s', (archive) => {
    it.each(variants)('%s: refused, nothing written outside staging', async (variant, make) => {
      const zip = make(await readFile(join(attackDir ?? '', archive)));
      if (zip === null) return; // no central directory to keep: the as-is variant covers this archive
      const evilBefore = existsSync(join(tmpdir(), 'evil.txt'));

      const attempt = await kiosk.attempt(zip);

      expect(existsSync(join(tmpdir(), 'evil.txt'))).toBe(evilBefore);
      const { result } = attempt;
      if (result.ok && variant === 'signed, repacked' && HARMLESS_WHEN_REPACKED.has(archive)) {
        const manifest = JSON.parse(await readFile(join(result.dir, 'bundle-manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
        for (const file of manifest.files) expect(sha256(await readFile(join(result.dir, file.path)))).toBe(file.sha256);
        return;
      }
      const expected = EXPECTED_REASON.find(([a, v]) => a === archive && (v === '*' || v === variant))?.[2];
      kiosk.expectRefused(attempt, expected ?? (result.ok ? 'a refusal' : result.reason.code));
    });
  });
});
