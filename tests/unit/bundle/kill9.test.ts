// Destructive crash test, after OSTree's: a real `kill -9` of a real process (install-child.ts) in the middle
// of installing a 20 MB bundle over version 1 — at every step of the install (the child pauses on a pipe
// after each step, so the kill lands exactly there), then at seeded random moments, then while old versions
// are pruned. After every kill, recovery must leave current.json whole and naming a complete version 1 or 2,
// every version folder byte for byte what was signed, no work folders or temp files, and the same bundle
// must install again (or be refused as not newer once it landed).
//
// Random kills land mostly in copying and unpacking: moving, switching and pruning take about a millisecond
// each, which is why the step-wise run exists.
//
//   VORES_STED_DESTRUCTIVE=full     200 random kills (40 while pruning) instead of 40 (8)
//   VORES_STED_KILL9_SEED=<n>       replay a run (the seed is printed and in every failure message)
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBundle, type InstallStep } from '../../../electron/core/bundle/install.js';
import { MANIFEST_NAME } from '../../../electron/core/bundle/entry-names.js';
import { DEFAULT_LIMITS, type BundleLimits } from '../../../electron/core/bundle/limits.js';
import { parseManifest } from '../../../electron/core/bundle/manifest.js';
import { readCurrent, recoverAfterCrash, rollback } from '../../../electron/core/bundle/store.js';
import {
  SAMPLE_CONTENT, buildTestBundle, expectedContent, makeKeys, readZipEntries, snapshotTree,
  type ContentFiles, type TestKeys,
} from './helpers.js';

const CHILD = fileURLToPath(new URL('./install-child.ts', import.meta.url));
const FULL = process.env['VORES_STED_DESTRUCTIVE'] === 'full';
const RANDOM_KILLS = FULL ? 200 : 40;
const PRUNE_KILLS = FULL ? 40 : 8;
const SEED = process.env['VORES_STED_KILL9_SEED'] !== undefined ? Number(process.env['VORES_STED_KILL9_SEED']) >>> 0 : randomBytes(4).readUInt32BE(0);

/** Unkilled installs timed before the random kills (the median sets their range). */
const CALIBRATION_RUNS = 3;
/** Children started ahead of need. */
const WARM_CHILDREN = 1;

const STEPS: readonly InstallStep[] = ['cleaned', 'copied', 'verified', 'unpacked', 'synced', 'moved', 'switched', 'pruned'];
/** Where the child can be stopped: before installBundle starts, and after each of its steps. */
const KILL_POINTS = ['start', ...STEPS] as const;
type KillPoint = (typeof KILL_POINTS)[number];
/** What the install is doing after each kill point (a kill "hits" the phase in progress). */
const PHASE_AFTER: Record<KillPoint, string> = {
  start: 'clean', cleaned: 'copy', copied: 'verify', verified: 'unpack', unpacked: 'sync',
  synced: 'move', moved: 'switch', switched: 'prune', pruned: 'tidy',
};
const INSTALL_PHASES = Object.values(PHASE_AFTER);

// Version 2: the sample content plus 20 MB of incompressible "images", stored as they are, so copying and
// unpacking take long enough for random kills to land in every phase.
const MiB = 1024 * 1024;
const V2: ContentFiles = {
  ...SAMPLE_CONTENT,
  'core-tasks.json': '{"tasks":["v2"]}',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`media/photo-${i}.webp`, randomBytes(2 * MiB)])),
};

/** mulberry32: small, seeded, good enough to spread kill moments. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------
// The child process

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

class Installer {
  readonly lines: string[] = [];
  /** performance.now() when each line arrived. */
  readonly times: number[] = [];
  readonly exited: Promise<Exit>;
  private readonly waiting: ((line: string | null) => void)[] = [];
  private read = 0;
  private stderr = '';
  private gone = false;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let partial = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        this.lines.push(line);
        this.times.push(performance.now());
        this.waiting.shift()?.(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    // Writing "go" to a child that was just killed fails with EPIPE: expected, nothing to report.
    child.stdin.on('error', () => undefined);
    // 'close', not 'exit': by then stdout is drained, so `lines` holds everything the child wrote.
    this.exited = new Promise((resolve) => child.on('close', (code, signal) => {
      this.gone = true;
      for (const waiter of this.waiting.splice(0)) waiter(null);
      resolve({ code, signal });
    }));
  }

  /** Starts a child and resolves once it has loaded everything and waits for an order. */
  static async start(publicKeyPath: string): Promise<Installer> {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, publicKeyPath], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, VORES_STED_LOG_LEVEL: 'silent' },
    });
    const installer = new Installer(child);
    const first = await installer.nextLine();
    if (first !== 'ready') throw new Error(`child did not start (${first ?? 'exited'}): ${installer.stderr}`);
    return installer;
  }

  /** The next line the child writes, or null once it has exited. */
  nextLine(): Promise<string | null> {
    const line = this.lines[this.read];
    if (line !== undefined) {
      this.read += 1;
      return Promise.resolve(line);
    }
    if (this.gone) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push((next) => {
      if (next !== null) this.read += 1;
      resolve(next);
    }));
  }

  install(bundlePath: string, dataDir: string, pause: boolean, limits?: Partial<BundleLimits>): void {
    this.child.stdin.write(`${JSON.stringify({ bundlePath, dataDir, pause, limits })}\n`);
  }

  /** When the child reported `line`, or null if it did not. */
  timeOf(line: string): number | null {
    const index = this.lines.indexOf(line);
    return index < 0 ? null : (this.times[index] ?? null);
  }

  go(): void {
    this.child.stdin.write('go\n');
  }

  /** kill -9, then wait until the process is gone and its output read. */
  async kill(): Promise<Exit> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Steps the child reported, in order, and whether it reported the install's end. */
  progress(): { steps: KillPoint[]; done: string | null } {
    const steps = this.lines.filter((l) => l.startsWith('step:')).map((l) => l.slice('step:'.length) as KillPoint);
    const done = this.lines.find((l) => l.startsWith('done:'))?.slice('done:'.length) ?? null;
    return { steps, done };
  }

  get output(): string {
    return `stdout: ${this.lines.join(' | ')}; stderr: ${this.stderr}`;
  }
}

/**
 * Starting Node with tsx takes about a second, longer than an install plus its checks: keep a child started
 * ahead so the next kill rarely waits for one. (More than one ahead was slower on two cores.)
 */
class WarmChildren {
  private readonly ahead: Promise<Installer>[] = [];
  private readonly started: Installer[] = [];

  constructor(private readonly publicKeyPath: string, private readonly depth: number) {}

  async take(): Promise<Installer> {
    while (this.ahead.length <= this.depth) this.ahead.push(this.spawn());
    const next = this.ahead.shift();
    if (next === undefined) throw new Error('unreachable');
    return next;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.ahead.splice(0).map((p) => p.catch(() => undefined)));
    await Promise.all(this.started.map((child) => child.kill()));
  }

  private spawn(): Promise<Installer> {
    const starting = Installer.start(this.publicKeyPath).then((child) => {
      this.started.push(child);
      return child;
    });
    starting.catch(() => undefined); // reported by take()
    return starting;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Fixtures: keys, version 1 and 2 bundles, and what each version's folder must hold.

let root: string;
let keys: TestKeys;
let v1Bundle: string;
let v2Bundle: string;
/** A version: its bundle, and what its complete folder holds. */
interface VersionFolder {
  bundlePath: string;
  /** path → SHA-256 as listed in the signed bundle-manifest.json inside the bundle. */
  signed: Record<string, string>;
  /** Full snapshot (content, kept manifest and signature) of the folder after a clean install. */
  tree: Record<string, string>;
}
type Versions = ReadonlyMap<number, VersionFolder>;
/** Version 1 (sample content) and version 2 (20 MB). */
const versions12 = new Map<number, VersionFolder>();
let children: WarmChildren;
let dataDirCount = 0;

async function signedHashes(bundlePath: string): Promise<Record<string, string>> {
  const manifestBytes = (await readZipEntries(bundlePath)).get(MANIFEST_NAME);
  if (manifestBytes === undefined) throw new Error('bundle without manifest');
  const parsed = parseManifest(manifestBytes, DEFAULT_LIMITS);
  if (!parsed.ok) throw new Error('unreadable manifest');
  return Object.fromEntries(parsed.manifest.files.map((f) => [f.path, f.sha256]));
}

/** A fresh data folder with version 1 installed (in this process, not killed). */
async function kioskWithV1(): Promise<string> {
  dataDirCount += 1;
  const dataDir = join(root, `data-${dataDirCount}`);
  const first = await installBundle({ bundlePath: v1Bundle, dataDir, trustedKeys: [keys.trusted] });
  if (!first.ok) throw new Error(`installing version 1 failed: ${first.reason.code}`);
  return dataDir;
}

/**
 * Copies a data folder, hard-linking the files under versions/ (never written in place, only renamed and
 * deleted) so a version of 1000 files is set up in milliseconds rather than seconds.
 */
async function cloneDataDir(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    const rel = relative(from, join(entry.parentPath, entry.name));
    const target = join(to, rel);
    if (entry.isDirectory()) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    if (rel.startsWith(`versions${sep}`)) await link(join(from, rel), target);
    else await copyFile(join(from, rel), target);
  }
}

async function absentOrEmpty(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** The folder's own content files, without the kept manifest and signature (as in helpers.installedContent). */
const contentOnly = (tree: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(tree).filter(([k, v]) => v !== 'dir' && !k.startsWith('bundle-manifest.')));

/**
 * Everything that must hold after a kill: recovery, then current.json, the version it names, leftovers,
 * and a repeat install. `allowed` are the versions current.json may name given how far the child got.
 */
async function expectSafeAfterKill(dataDir: string, allowed: readonly number[], known: Versions = versions12): Promise<number> {
  const currentPath = join(dataDir, 'current.json');
  // Whole even before recovery: it is only ever replaced by a rename.
  const before: unknown = JSON.parse(await readFile(currentPath, 'utf8'));
  const report = await recoverAfterCrash(dataDir);
  expect(report.repointed).toBe(false);
  const text = await readFile(currentPath, 'utf8');
  const current = JSON.parse(text) as { version: number; dir: string };
  expect(current).toEqual(before);
  expect([{ version: 1, dir: 'versions/1' }, { version: 2, dir: 'versions/2' }]).toContainEqual(current);
  expect(allowed).toContain(current.version);
  expect(text).toBe(`${JSON.stringify(current)}\n`);
  expect(report.current?.version).toBe(current.version);

  // Every version folder is complete, byte for byte what was signed: the current one, and a version 2
  // that was moved into place but not yet switched to.
  const folders = (await readdir(join(dataDir, 'versions'))).sort();
  expect(folders).toContain(String(current.version));
  expect(['1', '2']).toEqual(expect.arrayContaining(folders));
  for (const name of folders) {
    const tree = await snapshotTree(join(dataDir, 'versions', name));
    expect(contentOnly(tree), `versions/${name} content`).toEqual(known.get(Number(name))?.signed);
    expect(tree, `versions/${name} with its manifest and signature`).toEqual(known.get(Number(name))?.tree);
  }

  // No work left behind.
  expect(await absentOrEmpty(join(dataDir, 'staging')), 'staging/ empty or absent').toBe(true);
  expect(await absentOrEmpty(join(dataDir, 'incoming')), 'incoming/ empty or absent').toBe(true);
  const everything = await readdir(dataDir, { recursive: true });
  expect(everything.filter((p) => /\.tmp/i.test(p)), 'no temp files').toEqual([]);

  // And the kiosk is not stuck: the same bundle installs, or is refused as not newer if it already landed.
  const again = await installBundle({ bundlePath: known.get(2)?.bundlePath ?? '', dataDir, trustedKeys: [keys.trusted] });
  if (current.version === 2) {
    expect(again).toMatchObject({ ok: false, reason: { code: 'not-newer', version: 2, installedVersion: 2 } });
  } else {
    expect(again).toMatchObject({ ok: true, version: 2, previousVersion: 1 });
  }
  expect((await readCurrent(dataDir))?.version).toBe(2);
  expect(await snapshotTree(join(dataDir, 'versions', '2'))).toEqual(known.get(2)?.tree);
  expect(await absentOrEmpty(join(dataDir, 'staging'))).toBe(true);
  expect(await absentOrEmpty(join(dataDir, 'incoming'))).toBe(true);
  return current.version;
}

function phaseOf(steps: readonly KillPoint[], done: string | null): string {
  if (done !== null) return 'finished';
  const last = steps.at(-1);
  return last === undefined ? 'not-started' : PHASE_AFTER[last];
}

let installMs = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vs-kill9-'));
  keys = await makeKeys(join(root, 'keys'));
  v1Bundle = await buildTestBundle(root, keys, 1);
  v2Bundle = await buildTestBundle(root, keys, 2, V2);
  const signed1 = await signedHashes(v1Bundle);
  const signed2 = await signedHashes(v2Bundle);
  // The signed hashes are those of the bytes written into the content folder.
  expect(signed1).toEqual(expectedContent(SAMPLE_CONTENT));
  expect(signed2).toEqual(expectedContent(V2));
  children = new WarmChildren(keys.publicKeyPath, WARM_CHILDREN);

  // Children that are not killed: each reports every step in order and installs version 2. The first one's
  // folder is the reference for version 2; the median duration is the range for the random kills.
  const durations: number[] = [];
  for (let run = 0; run < CALIBRATION_RUNS; run += 1) {
    const dataDir = await kioskWithV1();
    if (run === 0) versions12.set(1, { bundlePath: v1Bundle, signed: signed1, tree: await snapshotTree(join(dataDir, 'versions', '1')) });
    const child = await children.take();
    const started = performance.now();
    child.install(v2Bundle, dataDir, false);
    const exit = await child.exited;
    durations.push(performance.now() - started);
    expect(exit, child.output).toEqual({ code: 0, signal: null });
    expect(child.progress()).toEqual({ steps: KILL_POINTS, done: '{"ok":true,"version":2}' });
    const tree2 = await snapshotTree(join(dataDir, 'versions', '2'));
    expect(contentOnly(tree2)).toEqual(signed2);
    if (run === 0) versions12.set(2, { bundlePath: v2Bundle, signed: signed2, tree: tree2 });
    else expect(tree2).toEqual(versions12.get(2)?.tree);
    await rm(dataDir, { recursive: true, force: true });
  }
  installMs = durations.sort((a, b) => a - b)[Math.floor(durations.length / 2)] ?? 0;
}, 60_000);

afterAll(async () => {
  await children?.stopAll();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('kill -9 of a real installing process', () => {
  it(`at every step of the install (${KILL_POINTS.length} kills): recovery leaves version 1 or 2 whole, and the install can be repeated`, async () => {
    const hit = new Set<string>();
    for (const point of KILL_POINTS) {
      const dataDir = await kioskWithV1();
      const child = await children.take();
      child.install(v2Bundle, dataDir, true);
      // Let the child through every step before the chosen one; it waits on the pipe at each.
      for (;;) {
        const line = await child.nextLine();
        if (line === `step:${point}`) break;
        if (line === null || !line.startsWith('step:')) throw new Error(`child never reached "${point}": ${child.output}`);
        child.go();
      }
      const exit = await child.kill();
      expect(exit.signal, child.output).toBe('SIGKILL');
      const { steps, done } = child.progress();
      expect(steps.at(-1)).toBe(point);
      const phase = phaseOf(steps, done);
      hit.add(phase);
      // current.json names version 2 exactly from the switch on.
      const committed = steps.includes('switched');
      const version = await expectSafeAfterKill(dataDir, [committed ? 2 : 1]);
      expect(version).toBe(committed ? 2 : 1);
      await rm(dataDir, { recursive: true, force: true });
    }
    expect([...hit].sort()).toEqual([...INSTALL_PHASES].sort());
  }, 120_000);

  it(`at ${RANDOM_KILLS} random moments (seed ${SEED}): the same holds wherever the kill lands`, async () => {
    const random = prng(SEED);
    const phases = new Map<string, number>();
    const landed = new Map<number, number>();
    // Reach a little past the typical end, so the last phases get their chance too.
    const rangeMs = installMs * 1.2;
    console.info(`kill9: seed ${SEED} (VORES_STED_KILL9_SEED=${SEED} replays it), ${RANDOM_KILLS} kills within 0–${Math.round(rangeMs)} ms`);
    for (let i = 0; i < RANDOM_KILLS; i += 1) {
      const delayMs = random() * rangeMs;
      const dataDir = await kioskWithV1();
      const child = await children.take();
      child.install(v2Bundle, dataDir, false);
      const timer = setTimeout(() => void child.kill(), delayMs);
      const exit = await child.exited;
      clearTimeout(timer);
      const { steps, done } = child.progress();
      const phase = phaseOf(steps, done);
      phases.set(phase, (phases.get(phase) ?? 0) + 1);
      const context = `kill #${i + 1} of ${RANDOM_KILLS}, seed ${SEED}, after ${delayMs.toFixed(1)} ms, phase ${phase}; ${child.output}`;
      expect(exit.signal === 'SIGKILL' || (done !== null && exit.code === 0), context).toBe(true);
      // current.json can name version 2 only once the child was past "moved", and must once it reported "switched".
      const allowed = done !== null || steps.includes('switched') ? [2] : steps.includes('moved') ? [1, 2] : [1];
      try {
        const version = await expectSafeAfterKill(dataDir, allowed);
        landed.set(version, (landed.get(version) ?? 0) + 1);
      } catch (error) {
        throw new Error(`${context}\n${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      await rm(dataDir, { recursive: true, force: true });
    }
    const histogram = INSTALL_PHASES.concat('finished').map((p) => `${p} ${phases.get(p) ?? 0}`).join(', ');
    console.info(`kill9: phases hit: ${histogram}; current after recovery: v1 ${landed.get(1) ?? 0}, v2 ${landed.get(2) ?? 0}`);
    // The kills must really spread over the install (the two long phases at least), not all land after it.
    expect((phases.get('copy') ?? 0) + (phases.get('unpack') ?? 0), histogram).toBeGreaterThan(0);
    expect(INSTALL_PHASES.filter((p) => phases.has(p)).length, histogram).toBeGreaterThanOrEqual(2);
  }, 30_000 + RANDOM_KILLS * 5_000);

  it(`while old versions are pruned (${PRUNE_KILLS} kills, keepVersions 1): a version folder is whole or gone, so rollback never lands on a half-deleted one`, async () => {
    // Version 1 with many files, so deleting its folder takes long enough to be interrupted.
    const tiles = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`media/${i % 20}/tile-${i}.webp`, randomBytes(16 * 1024)]));
    const v1Many = await buildTestBundle(root, keys, 1, { ...SAMPLE_CONTENT, ...tiles });
    const template = join(root, 'prune-template');
    expect(await installBundle({ bundlePath: v1Many, dataDir: template, trustedKeys: [keys.trusted] })).toMatchObject({ ok: true });
    const v1Tree = await snapshotTree(join(template, 'versions', '1'));
    // A small version 2: this test is about deleting version 1.
    const v2Small = await buildTestBundle(root, keys, 2, { ...SAMPLE_CONTENT, 'core-tasks.json': '{"tasks":["v2"]}' });
    const known = new Map<number, VersionFolder>([[1, { bundlePath: v1Many, signed: await signedHashes(v1Many), tree: v1Tree }]]);
    const random = prng(SEED ^ 0x9e3779b9);

    /** Runs the child through "switched" (paused), lets it prune, and kills it `killAfterMs` later (or never). */
    const pruneOnce = async (killAfterMs: number | null) => {
      dataDirCount += 1;
      const dataDir = join(root, `data-${dataDirCount}`);
      await cloneDataDir(template, dataDir);
      const child = await children.take();
      child.install(v2Small, dataDir, true, { keepVersions: 1 });
      let released = 0;
      for (let line = await child.nextLine(); line !== null && line.startsWith('step:'); line = await child.nextLine()) {
        child.go();
        if (line === 'step:switched') {
          released = performance.now();
          if (killAfterMs !== null) setTimeout(() => void child.kill(), killAfterMs);
        }
      }
      const exit = await child.exited;
      return { dataDir, child, exit, released };
    };

    // Unkilled, to learn how long pruning takes here.
    const clean = await pruneOnce(null);
    expect(clean.exit, clean.child.output).toEqual({ code: 0, signal: null });
    const prunedAt = clean.child.timeOf('step:pruned');
    expect(prunedAt).not.toBeNull();
    const pruneMs = (prunedAt ?? 0) - clean.released;
    expect(await readdir(join(clean.dataDir, 'versions'))).toEqual(['2']);
    const signed2 = await signedHashes(v2Small);
    const tree2 = await snapshotTree(join(clean.dataDir, 'versions', '2'));
    expect(contentOnly(tree2)).toEqual(signed2);
    known.set(2, { bundlePath: v2Small, signed: signed2, tree: tree2 });
    await rm(clean.dataDir, { recursive: true, force: true });

    let interrupted = 0;
    for (let i = 0; i < PRUNE_KILLS; i += 1) {
      const delayMs = random() * pruneMs * 1.2;
      const { dataDir, child, exit } = await pruneOnce(delayMs);
      const { steps, done } = child.progress();
      const context = `prune kill #${i + 1}, seed ${SEED}, ${delayMs.toFixed(1)} ms after "switched", phase ${phaseOf(steps, done)}; ${child.output}`;
      expect(exit.signal === 'SIGKILL' || done !== null, context).toBe(true);
      const v1Before = sameTree(await snapshotTree(join(dataDir, 'versions', '1')), v1Tree);
      if (phaseOf(steps, done) === 'prune' && v1Before !== 'whole') interrupted += 1;
      try {
        expect(await expectSafeAfterKill(dataDir, [2], known)).toBe(2);
        // Rollback goes to version 1 only if its folder is still there, and then it is whole (checked above).
        const back = await rollback(dataDir);
        const v1Left = (await readdir(join(dataDir, 'versions'))).includes('1');
        expect(back).toEqual(v1Left ? { ok: true, from: 2, to: 1 } : { ok: false, reason: 'no-older-version' });
      } catch (error) {
        throw new Error(`${context}; versions/1 before recovery: ${v1Before}\n${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      await rm(dataDir, { recursive: true, force: true });
    }
    console.info(`kill9: prune: ${PRUNE_KILLS} kills within 0–${Math.round(pruneMs * 1.2)} ms of "switched", ${interrupted} while version 1 was being deleted`);
    expect(interrupted, 'at least one kill must land while version 1 is being deleted').toBeGreaterThan(0);
  }, 30_000 + PRUNE_KILLS * 8_000);
});

/** Compares a folder snapshot with the complete one: whole, gone (empty snapshot), or partial. */
function sameTree(tree: Record<string, string>, whole: Record<string, string>): 'whole' | 'gone' | 'partial' {
  if (Object.keys(tree).length === 0) return 'gone';
  return JSON.stringify(tree) === JSON.stringify(whole) ? 'whole' : 'partial';
}
