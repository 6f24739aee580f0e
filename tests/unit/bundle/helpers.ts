import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yauzl from 'yauzl';
import { afterEach, expect } from 'vitest';
import { describeRejection } from '../../../electron/core/bundle/rejection.js';
import { buildBundle } from '../../../electron/core/bundle/build.js';
import { generateKeyPair, loadPrivateKey, loadPublicKey, signManifest, type TrustedKey } from '../../../electron/core/bundle/keys.js';
import { installBundle, type InstallOptions, type InstallResult } from '../../../electron/core/bundle/install.js';
import { serializeManifest, type BundleManifest } from '../../../electron/core/bundle/manifest.js';
import type { KeyObject } from 'node:crypto';

/** Temp folders made by a test file, removed after each test. */
export function useTempDirs(): (prefix?: string) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (prefix = 'vs-bundle-') => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

export type ContentFiles = Record<string, string | Buffer>;

export const SAMPLE_CONTENT: ContentFiles = {
  'manifest.json': JSON.stringify({ format: 1, id: 'lejre-vores-sted', version: 1 }),
  'core-tasks.json': JSON.stringify({ tasks: ['trivsel-og-laering', 'baeredygtig-vaekst'] }),
  'geo/villages.json': JSON.stringify([{ name: 'Hvalsø' }, { name: 'Kirke Hyllinge' }]),
  'media/x.webp': Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 not really an image', 'latin1'),
};

export async function writeContent(dir: string, files: ContentFiles): Promise<void> {
  for (const [path, data] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), data);
  }
}

export interface TestKeys {
  privateKeyPath: string;
  publicKeyPath: string;
  trusted: TrustedKey;
  privateKey: KeyObject;
}

export async function makeKeys(dir: string): Promise<TestKeys> {
  const made = await generateKeyPair(dir);
  if (!made.ok) throw new Error(`key exists: ${made.existingPath}`);
  const trusted = await loadPublicKey(made.publicKeyPath);
  const { key } = await loadPrivateKey(made.privateKeyPath);
  return { privateKeyPath: made.privateKeyPath, publicKeyPath: made.publicKeyPath, trusted, privateKey: key };
}

/** Builds a real bundle with the production builder; returns its path. */
export async function buildTestBundle(root: string, keys: TestKeys, version: number, files: ContentFiles = SAMPLE_CONTENT): Promise<string> {
  const contentDir = join(root, `content-${version}-${Math.random().toString(36).slice(2)}`);
  await writeContent(contentDir, files);
  const result = await buildBundle({ contentDir, outDir: join(root, `out-${version}-${Math.random().toString(36).slice(2)}`), privateKeyPath: keys.privateKeyPath, version });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.bundlePath;
}

/** A signed manifest + signature for arbitrary files, for hand-made archives. */
export function signFor(keys: TestKeys, version: number, files: { path: string; data: Buffer; size?: number }[]): { manifest: Buffer; signature: Buffer } {
  const manifest: BundleManifest = {
    format: 1,
    contentId: 'lejre-vores-sted',
    version,
    created: '2026-11-23T10:42:00.000Z',
    keyId: keys.trusted.keyId,
    files: files.map((f) => ({ path: f.path, size: f.size ?? f.data.length, sha256: sha256(f.data) })),
  };
  const bytes = serializeManifest(manifest);
  return { manifest: bytes, signature: Buffer.from(signManifest(bytes, keys.privateKey)) };
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every path under `dir` with what it is: file hash, "dir" or symlink target. Missing dir → empty. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const visit = async (path: string, rel: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(path);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const full = join(path, name);
      const key = rel ? `${rel}/${name}` : name;
      const info = await lstat(full);
      if (info.isSymbolicLink()) out[key] = `symlink:${await readlink(full)}`;
      else if (info.isDirectory()) {
        out[key] = 'dir';
        await visit(full, key);
      } else out[key] = sha256(await readFile(full));
    }
  };
  await visit(dir, '');
  return out;
}

/** Content files of an installed version (without the kept manifest and signature). */
export async function installedContent(versionDir: string): Promise<Record<string, string>> {
  const tree = await snapshotTree(versionDir);
  return Object.fromEntries(Object.entries(tree).filter(([k, v]) => v !== 'dir' && !k.startsWith('bundle-manifest.')));
}

export function expectedContent(files: ContentFiles): Record<string, string> {
  const hashed = Object.entries(files).map(([path, data]): [string, string] => [path, sha256(Buffer.from(data))]);
  return Object.fromEntries(hashed.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A kiosk with version 1 installed from a real bundle, plus helpers to try more installs. */
export async function setUpKiosk(tmp: (prefix?: string) => Promise<string>) {
  const root = await tmp('vs-kiosk-');
  const keys = await makeKeys(join(root, 'keys'));
  const dataDir = join(root, 'data');
  const stickDir = join(root, 'stick');
  await mkdir(stickDir);
  const install = (bundlePath: string, extra: Partial<InstallOptions> = {}): Promise<InstallResult> =>
    installBundle({ bundlePath, dataDir, trustedKeys: [keys.trusted], ...extra });
  const v1 = await buildTestBundle(root, keys, 1);
  const first = await install(v1);
  if (!first.ok) throw new Error(`setup install failed: ${first.reason.code}`);
  return { root, keys, dataDir, stickDir, install, build: (version: number, files?: ContentFiles) => buildTestBundle(root, keys, version, files) };
}

/** All entries of a zip as name → uncompressed bytes (test-side reader, for recombining bundles). */
export async function readZipEntries(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

/** Asserts a refusal: its code, that the Danish sentence says `danish`, and that the kiosk did not change. */
export async function expectRefused(
  result: InstallResult,
  code: string,
  danish: RegExp,
  dataDir: string,
  before: Record<string, string>,
): Promise<void> {
  if (result.ok) throw new Error(`expected ${code}, but version ${result.version} was installed`);
  expect(result.reason.code).toBe(code);
  expect(describeRejection(result.reason, 'da')).toMatch(danish);
  expect(await snapshotTree(dataDir)).toEqual(before);
}
