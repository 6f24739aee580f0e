// Bundle install benchmark: verify + install a 50 MB and a 200 MB signed bundle (the real content/ plus
// incompressible "photos" as media/*.webp) from a stick folder into a kiosk data folder that holds
// version 1. Each install runs in a fresh child process that samples its own RSS every 20 ms (and reads
// the kernel's peak, VmHWM, reset at the baseline), so the figure is the installing process's own growth.
// The goal is streaming: time ≤ 5 s, and RSS growth under 100 MB whatever the bundle's size.
//
//   node --import tsx tests/bench/bundle-bench.ts      prints the table, writes bench-output/bundle-bench.json
//   runBundleBench()                                    the rows, for tests/bench/run.ts
//   BUNDLE_BENCH_RUNS=<n>                               installs per size (default 3; median time, worst RSS)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as BundleModule from '../../electron/core/bundle/index.js';

export interface BenchRow {
  figure: string;
  measured: string;
  goal: string;
  /** null: reported, no goal. */
  ok: boolean | null;
}

// Loaded on first use, not imported: run standalone, the logger's level must be set before it loads.
type BundleApi = typeof BundleModule;
const bundleApi = (): Promise<BundleApi> => import('../../electron/core/bundle/index.js');

const SELF = fileURLToPath(import.meta.url);
const REPO = resolve(dirname(SELF), '../..');
const OUTPUT = join(REPO, 'bench-output', 'bundle-bench.json');
const MB = 1024 * 1024;
const SIZES_MB = [50, 200] as const;
const WALL_GOAL_S = 5;
const RSS_GOAL_MB = 100;
/** How much more the 4× bigger bundle may grow RSS before the install no longer counts as streaming. */
const SIZE_INDEPENDENCE_MB = 25;
const SAMPLE_MS = 20;

/** What one child install reports. */
export interface InstallSample {
  ok: boolean;
  detail: string;
  wallMs: number;
  baselineRssMB: number;
  peakSampledRssMB: number;
  /** Kernel peak RSS since the baseline (Linux), null where /proc is missing. */
  peakHwmRssMB: number | null;
  rssGrowthMB: number;
  samples: number;
}

export interface SizeFigures {
  targetMB: number;
  bundleBytes: number;
  contentBytes: number;
  files: number;
  buildMs: number;
  runs: InstallSample[];
  medianWallMs: number;
  worstRssGrowthMB: number;
}

interface ChildOrder {
  bundlePath: string;
  dataDir: string;
  publicKeyPath: string;
}

// ---------------------------------------------------------------------------------------------------------
// The installing child

function vmHwmMB(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

async function runChild(order: ChildOrder): Promise<void> {
  const { installBundle, loadPublicKey } = await bundleApi();
  const trusted = await loadPublicKey(order.publicKeyPath);
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  try {
    // "5" resets the kernel's peak RSS to the current RSS, so VmHWM covers only the install.
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the 20 ms samples still count.
  }
  let peak = baseline;
  let samples = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    samples += 1;
  }, SAMPLE_MS);
  const started = performance.now();
  const result = await installBundle({ bundlePath: order.bundlePath, dataDir: order.dataDir, trustedKeys: [trusted] });
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const hwm = vmHwmMB();
  const baselineMB = baseline / MB;
  const sample: InstallSample = {
    ok: result.ok,
    detail: result.ok ? `version ${result.version}, ${result.fileCount} files` : result.reason.code,
    wallMs,
    baselineRssMB: baselineMB,
    peakSampledRssMB: peak / MB,
    peakHwmRssMB: hwm,
    rssGrowthMB: Math.max(peak / MB, hwm ?? 0) - baselineMB,
    samples,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

function installInChild(order: ChildOrder): Promise<InstallSample> {
  return new Promise((resolvePromise, rejectPromise) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--child', JSON.stringify(order)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, VORES_STED_LOG_LEVEL: 'silent' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', rejectPromise);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        rejectPromise(new Error(`install child failed (exit ${code}): ${err || out}`));
        return;
      }
      resolvePromise(JSON.parse(last) as InstallSample);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Bundles

/** mulberry32, so the photo sizes are the same every run. */
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

async function folderBytes(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

/** The real content plus random photos (0.5–4 MB each) up to `targetMB`, built and signed as version 2. */
async function buildSized(root: string, privateKeyPath: string, targetMB: number) {
  const { buildBundle } = await bundleApi();
  const contentDir = join(root, `content-${targetMB}`);
  await cp(join(REPO, 'content'), contentDir, { recursive: true });
  const random = prng(targetMB);
  let { bytes } = await folderBytes(contentDir);
  await mkdir(join(contentDir, 'media'), { recursive: true });
  for (let i = 1; bytes < targetMB * MB; i += 1) {
    const size = Math.min(Math.round((0.5 + 3.5 * random()) * MB), targetMB * MB - bytes);
    await writeFile(join(contentDir, 'media', `bench-photo-${String(i).padStart(3, '0')}.webp`), randomBytes(size));
    bytes += size;
  }
  const { files } = await folderBytes(contentDir);
  const started = performance.now();
  const built = await buildBundle({ contentDir, outDir: join(root, `stick-${targetMB}`), privateKeyPath, version: 2 });
  const buildMs = performance.now() - started;
  await rm(contentDir, { recursive: true, force: true });
  if (!built.ok) throw new Error(`building the ${targetMB} MB bundle failed: ${built.problems.map((p) => p.message).join('; ')}`);
  return { bundlePath: built.bundlePath, bundleBytes: (await stat(built.bundlePath)).size, contentBytes: bytes, files, buildMs };
}

// ---------------------------------------------------------------------------------------------------------
// Measuring and reporting

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function log(message: string): void {
  process.stderr.write(`[bundle-bench ${(performance.now() / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

export async function measureBundleInstalls(runs = Number(process.env['BUNDLE_BENCH_RUNS'] ?? 3)): Promise<SizeFigures[]> {
  const { buildBundle, generateKeyPair, installBundle, loadPublicKey } = await bundleApi();
  const root = await mkdtemp(join(tmpdir(), 'vs-bundle-bench-'));
  try {
    const keys = await generateKeyPair(join(root, 'keys'));
    if (!keys.ok) throw new Error('could not make a key pair');
    const trusted = await loadPublicKey(keys.publicKeyPath);
    log('building version 1 (the real content/)');
    const v1 = await buildBundle({ contentDir: join(REPO, 'content'), outDir: join(root, 'stick-v1'), privateKeyPath: keys.privateKeyPath, version: 1 });
    if (!v1.ok) throw new Error(`building version 1 failed: ${v1.problems.map((p) => p.message).join('; ')}`);
    const figures: SizeFigures[] = [];
    for (const targetMB of SIZES_MB) {
      log(`building the ${targetMB} MB bundle`);
      const bundle = await buildSized(root, keys.privateKeyPath, targetMB);
      const samples: InstallSample[] = [];
      for (let run = 1; run <= runs; run += 1) {
        const dataDir = join(root, `data-${targetMB}-${run}`);
        const first = await installBundle({ bundlePath: v1.bundlePath, dataDir, trustedKeys: [trusted] });
        if (!first.ok) throw new Error(`installing version 1 failed: ${first.reason.code}`);
        const sample = await installInChild({ bundlePath: bundle.bundlePath, dataDir, publicKeyPath: keys.publicKeyPath });
        if (!sample.ok) throw new Error(`the ${targetMB} MB bundle was refused: ${sample.detail}`);
        log(`${targetMB} MB, run ${run}/${runs}: ${(sample.wallMs / 1000).toFixed(2)} s, RSS +${sample.rssGrowthMB.toFixed(1)} MB`);
        samples.push(sample);
        await rm(dataDir, { recursive: true, force: true });
      }
      await rm(dirname(bundle.bundlePath), { recursive: true, force: true });
      figures.push({
        targetMB, bundleBytes: bundle.bundleBytes, contentBytes: bundle.contentBytes, files: bundle.files, buildMs: bundle.buildMs,
        runs: samples, medianWallMs: median(samples.map((s) => s.wallMs)), worstRssGrowthMB: Math.max(...samples.map((s) => s.rssGrowthMB)),
      });
    }
    return figures;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function bundleBenchRows(figures: readonly SizeFigures[]): BenchRow[] {
  const rows: BenchRow[] = [];
  const n = figures[0]?.runs.length ?? 0;
  for (const f of figures) {
    const wallS = f.medianWallMs / 1000;
    rows.push({ figure: `${f.targetMB} MB bundle: verify + install, median of ${n}`, measured: `${wallS.toFixed(2)} s`, goal: `≤ ${WALL_GOAL_S} s`, ok: wallS <= WALL_GOAL_S });
  }
  for (const f of figures) {
    rows.push({ figure: `${f.targetMB} MB bundle: peak RSS growth, worst of ${n}`, measured: `${f.worstRssGrowthMB.toFixed(1)} MB`, goal: `< ${RSS_GOAL_MB} MB`, ok: f.worstRssGrowthMB < RSS_GOAL_MB });
  }
  const small = figures[0];
  const big = figures.at(-1);
  if (small && big && small !== big) {
    const delta = big.worstRssGrowthMB - small.worstRssGrowthMB;
    rows.push({
      figure: `RSS growth ${small.targetMB} MB | ${big.targetMB} MB bundle (streaming)`,
      measured: `${small.worstRssGrowthMB.toFixed(1)} | ${big.worstRssGrowthMB.toFixed(1)} MB`,
      goal: `both < ${RSS_GOAL_MB} MB, Δ ≤ ${SIZE_INDEPENDENCE_MB} MB`,
      ok: small.worstRssGrowthMB < RSS_GOAL_MB && big.worstRssGrowthMB < RSS_GOAL_MB && delta <= SIZE_INDEPENDENCE_MB,
    });
    rows.push({
      figure: `  time ${small.targetMB} MB | ${big.targetMB} MB bundle`,
      measured: `${(small.medianWallMs / 1000).toFixed(2)} | ${(big.medianWallMs / 1000).toFixed(2)} s`,
      goal: '',
      ok: null,
    });
  }
  for (const f of figures) {
    const throughput = f.contentBytes / MB / (f.medianWallMs / 1000);
    rows.push({ figure: `  ${f.targetMB} MB bundle: throughput`, measured: `${throughput.toFixed(0)} MB/s`, goal: '', ok: null });
    rows.push({ figure: `  ${f.targetMB} MB bundle: file, files`, measured: `${(f.bundleBytes / MB).toFixed(1)} MB, ${f.files} files`, goal: '', ok: null });
    rows.push({ figure: `  ${f.targetMB} MB bundle: build + self-check (staff PC)`, measured: `${(f.buildMs / 1000).toFixed(2)} s`, goal: '', ok: null });
  }
  return rows;
}

/** For tests/bench/run.ts: builds the bundles, measures, cleans up, returns the rows. */
export async function runBundleBench(): Promise<BenchRow[]> {
  return bundleBenchRows(await measureBundleInstalls());
}

export const FOOTNOTES = [
  'MB = 2^20 bytes. Each install runs in a fresh Node process (tsx) into a data folder holding version 1.',
  `RSS growth: peak over the install minus the child's RSS just before it (after gc), sampled every ${SAMPLE_MS} ms and from VmHWM (reset at the baseline); the larger counts.`,
  'The "stick" is a folder on the same disk, just written (page cache): times exclude a real USB stick\'s read speed.',
];

export function formatRows(rows: readonly BenchRow[]): string {
  const okText = (ok: boolean | null): string => (ok === null ? '–' : ok ? 'yes' : 'NO');
  const cells = [{ figure: 'figure', measured: 'measured', goal: 'goal', ok: 'ok?' }, ...rows.map((r) => ({ ...r, ok: okText(r.ok) }))];
  const width = (key: 'figure' | 'measured' | 'goal'): number => Math.max(...cells.map((c) => c[key].length));
  const w = { figure: width('figure'), measured: width('measured'), goal: width('goal') };
  const line = (c: (typeof cells)[number]): string => `${c.figure.padEnd(w.figure)} | ${c.measured.padStart(w.measured)} | ${c.goal.padEnd(w.goal)} | ${c.ok}`;
  const rule = '-'.repeat(w.figure + w.measured + w.goal + 13);
  return [line(cells[0] ?? { figure: '', measured: '', goal: '', ok: '' }), rule, ...cells.slice(1).map(line), rule].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const figures = await measureBundleInstalls();
  const rows = bundleBenchRows(figures);
  process.stdout.write(`\n${formatRows(rows)}\n${FOOTNOTES.join('\n')}\n\n`);
  await mkdir(dirname(OUTPUT), { recursive: true });
  await writeFile(OUTPUT, `${JSON.stringify({
    generatedAt: new Date().toISOString(),
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
    runtimeSeconds: Math.round((performance.now() - started) / 1000),
    rows,
    footnotes: FOOTNOTES,
    figures,
  }, null, 2)}\n`);
  const missed = rows.filter((r) => r.ok === false).length;
  process.stdout.write(`${missed === 0 ? 'all goals met' : `${missed} goal${missed === 1 ? '' : 's'} missed`}; JSON in ${OUTPUT}\n`);
}

const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === SELF) {
  // Standalone: keep the kiosk's info logs out of the table (VORES_STED_LOG_LEVEL=info shows them).
  process.env['VORES_STED_LOG_LEVEL'] ??= 'warn';
  const childOrder = process.argv[2] === '--child' ? process.argv[3] : undefined;
  (childOrder !== undefined ? runChild(JSON.parse(childOrder) as ChildOrder) : main()).catch((error: unknown) => {
    process.stderr.write(`bundle bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
