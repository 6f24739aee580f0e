import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InstallResult } from '../../../electron/core/bundle/install.js';
import { RECEIPT_FILE, formatReceipt, writeReceipt } from '../../../electron/core/bundle/receipt.js';
import { describeRejection, type BundleRejection } from '../../../electron/core/bundle/rejection.js';
import { useTempDirs } from './helpers.js';

const tmp = useTempDirs();

const every: BundleRejection[] = [
  { code: 'empty' },
  { code: 'not-a-zip', detail: 'x' },
  { code: 'truncated', detail: 'x' },
  { code: 'corrupt-zip', detail: 'x' },
  { code: 'header-mismatch', path: 'a.json' },
  { code: 'unsupported-entry', path: 'a.json', detail: 'x' },
  { code: 'missing-manifest', path: 'bundle-manifest.json' },
  { code: 'bad-manifest', detail: 'x' },
  { code: 'bad-signature' },
  { code: 'unknown-key', keyId: '0123456789abcdef' },
  { code: 'not-newer', version: 3, installedVersion: 4 },
  { code: 'wrong-content', contentId: 'a', expected: 'b' },
  { code: 'hash-mismatch', path: 'a.json' },
  { code: 'missing-file', path: 'a.json' },
  { code: 'extra-file', path: 'a.json' },
  { code: 'unsafe-path', path: '../a' },
  { code: 'symlink', path: 'a' },
  { code: 'duplicate-entry', path: 'a' },
  { code: 'too-large', subject: 'file', bytes: 2_500_000, limit: 1_000_000, path: 'a.webm' },
  { code: 'too-many-entries', count: 100_000, limit: 10_000 },
  { code: 'compression-ratio', path: 'a', ratio: 920.4, limit: 100 },
  { code: 'io-error', detail: 'EIO' },
  { code: 'disk-full', detail: 'ENOSPC' },
];

describe('describeRejection', () => {
  it.each(every)('$code has its own Danish sentence and an English one', (reason) => {
    const da = describeRejection(reason, 'da');
    const en = describeRejection(reason, 'en');
    expect(da).toMatch(/^[A-ZÆØÅ].*\.$/s);
    expect(en).toMatch(/^[A-Z"].*\.$/s);
    expect(da).not.toBe(en);
    // English technical detail stays in the log, never on the staff screen.
    expect(da).not.toContain('ENOSPC');
  });

  it('gives each code a different Danish sentence', () => {
    expect(new Set(every.map((r) => describeRejection(r, 'da'))).size).toBe(every.length);
  });

  it('formats sizes the Danish way and quotes names from the archive harmlessly', () => {
    expect(describeRejection(every[18] as BundleRejection, 'da')).toBe('En fil i pakken er for stor (»a.webm«): 2,5 MB, grænsen er 1,0 MB.');
    expect(describeRejection({ code: 'extra-file', path: 'evil\u202Egnp.js\nline' }, 'da')).toContain('»evil?gnp.js?line«');
  });
});

// 10:42 in Copenhagen (CET, UTC+1), whatever zone the test machine is in.
const at = new Date('2026-11-23T09:42:00Z');
const installed: InstallResult = {
  ok: true, version: 15, previousVersion: 14, dir: '/d/versions/15', keyId: 'k', fileCount: 12, bytes: 1,
  diff: { added: ['a'], changed: ['b', 'c'], removed: [] }, durationMs: 1,
};

describe('receipt', () => {
  it('says in Danish what was installed where and when', () => {
    expect(formatReceipt({ result: installed, bundleName: 'vores-sted-15.vsb', kioskId: 'hvalsoe-bibliotek', at }))
      .toBe('Version 14 → 15 installeret 23-11-2026 kl. 10:42 på kiosk hvalsoe-bibliotek: 1 fil tilføjet, 2 filer ændret, 0 filer fjernet.');
  });

  it('says why not, and what the kiosk still shows, on failure', () => {
    const refused: InstallResult = { ok: false, reason: { code: 'bad-signature' }, previousVersion: 14, durationMs: 1 };
    expect(formatReceipt({ result: refused, bundleName: 'vores-sted-15.vsb', kioskId: 'k1', at }))
      .toBe('vores-sted-15.vsb blev IKKE installeret 23-11-2026 kl. 10:42 på kiosk k1: Pakkens underskrift passer ikke til indholdet – pakken kan være ændret, efter den blev lavet. Kiosken viser stadig version 14.');
  });

  it('adds one line per install to the stick, leaving no temp file', async () => {
    const stick = await tmp();
    expect(await writeReceipt(stick, 'første')).toBe(true);
    expect(await writeReceipt(stick, 'anden')).toBe(true);
    expect(await readFile(join(stick, RECEIPT_FILE), 'utf8')).toBe('første\nanden\n');
    expect(await readdir(stick)).toEqual([RECEIPT_FILE]);
  });

  it('keeps the receipt small by dropping the oldest lines', async () => {
    const stick = await tmp();
    await writeFile(join(stick, RECEIPT_FILE), `${'gammel linje\n'.repeat(10_000)}`);
    await writeReceipt(stick, 'ny');
    const text = await readFile(join(stick, RECEIPT_FILE), 'utf8');
    expect(text.length).toBeLessThanOrEqual(64 * 1024);
    expect(text.endsWith('gammel linje\nny\n')).toBe(true);
  });

  it('does not throw when the stick is gone or read-only', async () => {
    const stick = join(await tmp(), 'stick');
    expect(await writeReceipt(stick, 'x')).toBe(false);
    await mkdir(stick);
    await chmod(stick, 0o500);
    const readOnlyWorks = process.getuid?.() !== 0; // root ignores permissions
    if (readOnlyWorks) expect(await writeReceipt(stick, 'x')).toBe(false);
    await chmod(stick, 0o700);
    await rm(stick, { recursive: true });
  });
});
