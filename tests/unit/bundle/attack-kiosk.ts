import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { installBundle, type InstallOptions, type InstallResult } from '../../../electron/core/bundle/install.js';
import { listVersions, versionDir, writeCurrent } from '../../../electron/core/bundle/store.js';
import { buildTestBundle, makeKeys, snapshotTree, type TestKeys } from './helpers.js';

// One kiosk (version 1 installed) shared by many hostile install attempts. Every attempt records each
// file the installer opens for writing and how many bytes went into it; after each test the kiosk is
// put back to "version 1 installed" so attempts stay independent.

export interface Attempt {
  result: InstallResult;
  writes: { path: string; bytes: number }[];
  /** Snapshots of the whole test root (data, stick, keys, sentinel) before and after. */
  before: Record<string, string>;
  after: Record<string, string>;
}

export interface AttackKiosk {
  readonly keys: TestKeys;
  readonly dataDir: string;
  readonly root: string;
  attempt(bytes: Buffer, extra?: Partial<InstallOptions>): Promise<Attempt>;
  /** Asserts: refused with `code`, only incoming/ and staging/ written, nothing else changed. */
  expectRefused(attempt: Attempt, code: string): void;
}

export function useAttackKiosk(): AttackKiosk {
  const state = { root: '', dataDir: '', keys: undefined as TestKeys | undefined };
  beforeAll(async () => {
    state.root = await mkdtemp(join(tmpdir(), 'vs-attacks-'));
    state.keys = await makeKeys(join(state.root, 'keys'));
    state.dataDir = join(state.root, 'data');
    await mkdir(join(state.root, 'stick'));
    await mkdir(join(state.root, 'sentinel'));
    await writeFile(join(state.root, 'sentinel', 'do-not-touch.txt'), 'sentinel');
    const bundlePath = await buildTestBundle(state.root, state.keys, 1);
    const first = await installBundle({ bundlePath, dataDir: state.dataDir, trustedKeys: [state.keys.trusted] });
    if (!first.ok) throw new Error('setup install failed');
  });
  afterEach(async () => {
    if (state.dataDir === '') return;
    for (const version of await listVersions(state.dataDir)) {
      if (version !== 1) await rm(versionDir(state.dataDir, version), { recursive: true });
    }
    await writeCurrent(state.dataDir, 1);
  });
  afterAll(async () => {
    if (state.root !== '') await rm(state.root, { recursive: true, force: true });
  });

  const keys = (): TestKeys => {
    if (state.keys === undefined) throw new Error('kiosk not set up');
    return state.keys;
  };

  return {
    get keys() {
      return keys();
    },
    get dataDir() {
      return state.dataDir;
    },
    get root() {
      return state.root;
    },
    async attempt(bytes, extra = {}) {
      const bundlePath = join(state.root, 'stick', 'vores-sted-2.vsb');
      await writeFile(bundlePath, bytes);
      const before = await snapshotTree(state.root);
      const writes: { path: string; bytes: number }[] = [];
      const result = await installBundle({
        bundlePath, dataDir: state.dataDir, trustedKeys: [keys().trusted],
        io: { createWriteStream: (path) => countingWriteStream(path, writes) },
        ...extra,
      });
      return { result, writes, before, after: await snapshotTree(state.root) };
    },
    expectRefused(attempt, code) {
      expect(attempt.result.ok || attempt.result.reason.code).toBe(code);
      for (const { path } of attempt.writes) {
        const inside = relative(state.dataDir, path).split(sep);
        expect(['incoming', 'staging'], `wrote ${path}`).toContain(inside[0]);
        expect(inside, `wrote ${path}`).not.toContain('..');
      }
      expect(attempt.after).toEqual(attempt.before);
    },
  };
}

function countingWriteStream(path: string, writes: { path: string; bytes: number }[]): Writable {
  const record = { path, bytes: 0 };
  writes.push(record);
  const real = createWriteStream(path, { flags: 'wx' });
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      record.bytes += chunk.length;
      real.write(chunk, callback);
    },
    final(callback) {
      real.end(callback);
    },
    destroy(error, callback) {
      real.destroy();
      callback(error);
    },
  });
}
