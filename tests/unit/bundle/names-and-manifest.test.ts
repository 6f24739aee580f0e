import { describe, expect, it } from 'vitest';
import { findCollision, unsafeNameReason } from '../../../electron/core/bundle/entry-names.js';
import { DEFAULT_LIMITS } from '../../../electron/core/bundle/limits.js';
import { bundleFileName, parseManifest } from '../../../electron/core/bundle/manifest.js';

const manifest = (overrides: Record<string, unknown> = {}) => Buffer.from(JSON.stringify({
  format: 1,
  contentId: 'lejre-vores-sted',
  version: 7,
  created: '2026-11-23T10:42:00.000Z',
  keyId: '0123456789abcdef',
  files: [{ path: 'geo/villages.json', size: 12, sha256: 'a'.repeat(64) }],
  ...overrides,
}));

describe('entry names', () => {
  it.each(['manifest.json', 'geo/villages.json', 'media/x.webp', 'geo/kirke-hyllinge-æøå.json', 'a/b/c/d.txt'])('accepts %s', (name) => {
    expect(unsafeNameReason(name, 512)).toBeNull();
  });

  it.each([
    '', '../x', 'a/../../x', '/etc/passwd', 'C:\\x', 'C:x', 'a\\b', 'a//b', './a', 'a/./b', 'a\u0000b', 'a\nb',
    'evil\u202Etxt.exe', '.hidden', 'geo/.DS_Store', 'CON', 'nul.txt', 'com1.json', 'a.', 'a ', '__proto__',
    'constructor', 'x/hasOwnProperty/y', 'a:b', 'a*b', 'a?b', 'x'.repeat(513), 'bad\uFFFDname',
  ])('refuses %j', (name) => {
    expect(unsafeNameReason(name, 512)).not.toBeNull();
  });

  it('finds names that would land on the same file', () => {
    expect(findCollision(['a.json', 'b.json'])).toBeNull();
    expect(findCollision(['a.json', 'A.JSON'])).toBe('A.JSON');
    expect(findCollision(['\u00e9.json', 'e\u0301.json'])).toBe('e\u0301.json');
    expect(findCollision(['geo', 'geo/villages.json'])).toBe('geo/villages.json');
    expect(findCollision(['geo/', 'geo/villages.json'])).toBeNull();
  });
});

describe('bundle manifest', () => {
  it('parses a valid manifest', () => {
    const parsed = parseManifest(manifest(), DEFAULT_LIMITS);
    expect(parsed.ok && parsed.manifest.version).toBe(7);
  });

  it.each([
    ['not JSON', Buffer.from('{nope')],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ['another format', manifest({ format: 2 })],
    ['a version that is not a positive whole number', manifest({ version: 1.5 })],
    ['version 0', manifest({ version: 0 })],
    ['no files', manifest({ files: [] })],
    ['a short hash', manifest({ files: [{ path: 'a', size: 1, sha256: 'abc' }] })],
    ['a negative size', manifest({ files: [{ path: 'a', size: -1, sha256: 'a'.repeat(64) }] })],
    ['an unknown field', manifest({ extra: true })],
    ['a date that is not ISO', manifest({ created: 'tirsdag' })],
    ['a reserved file name', manifest({ files: [{ path: 'bundle-manifest.json', size: 1, sha256: 'a'.repeat(64) }] })],
  ])('refuses a manifest with %s', (_what, bytes) => {
    const parsed = parseManifest(bytes, DEFAULT_LIMITS);
    expect(parsed.ok || parsed.reason.code).toBe('bad-manifest');
  });

  it('refuses unsafe and duplicate paths in the manifest itself', () => {
    const unsafe = parseManifest(manifest({ files: [{ path: '../x', size: 1, sha256: 'a'.repeat(64) }] }), DEFAULT_LIMITS);
    const file = { size: 1, sha256: 'a'.repeat(64) };
    const twice = parseManifest(manifest({ files: [{ path: 'A.json', ...file }, { path: 'a.json', ...file }] }), DEFAULT_LIMITS);
    expect(unsafe.ok || unsafe.reason.code).toBe('unsafe-path');
    expect(twice.ok || twice.reason.code).toBe('duplicate-entry');
  });

  it('names bundle files after their version', () => {
    expect(bundleFileName(15)).toBe('vores-sted-15.vsb');
  });
});
