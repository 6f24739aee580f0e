// `npm run soak:heap`: what the kiosk page's JS heap keeps over a soak, by the three-snapshot technique.
// The soak's visitors run on the unwatched page; heap snapshots are taken at three moments (always on the
// attract screen, after the idle reset, so no visit is open). Objects born between the first and second
// snapshot that are still alive at the third are what the page keeps across visits: grouped by kind, with
// the shortest path that keeps the biggest groups alive. A page that does not leak has few such survivors
// and no group that grows with the interval.
// Options: --minutes <n> simulated minutes between snapshots (default 60), --warm-up <n> (default 30).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../bench/support/browser';
import { seededRandom } from '../bench/support/stats';
import { startKioskServer } from '../e2e/support/kiosk-server';
import { takeHeapSnapshot, type HeapSnapshot } from './heap-snapshot';
import { REAL_MS_PER_SIM_MINUTE, SOAK_IDLE_SECONDS } from './options';
import { UnwatchedPage } from './unwatched-page';
import { ScriptedVisitor } from './visitor';
import type { BenchWindow } from '../bench/support/page-types';
import { setTimeout as delay } from 'node:timers/promises';

function log(message: string): void {
  process.stderr.write(`[heap ${(performance.now() / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

interface Group {
  key: string;
  count: number;
  bytes: number;
  examples: number[];
}

/** Every kind of object in a snapshot: how many, how many bytes. */
function census(snapshot: HeapSnapshot): Map<string, { count: number; bytes: number }> {
  const groups = new Map<string, { count: number; bytes: number }>();
  for (const object of snapshot.objects()) {
    const key = `${object.type} ${object.type === 'string' || object.type === 'concatenated string' || object.type === 'sliced string' ? '' : object.name.slice(0, 80)}`;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += object.selfSize;
    groups.set(key, group);
  }
  return groups;
}

function growers(before: HeapSnapshot, after: HeapSnapshot): string[] {
  const a = census(before);
  const b = census(after);
  const rows = [...b.entries()].map(([key, now]) => {
    const then = a.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: now.count - then.count, bytes: now.bytes - then.bytes, total: now.count };
  });
  const total = rows.reduce((sum, r) => sum + r.bytes, 0);
  const lines = [`whole heap between the second and third snapshot: ${(total / 1024).toFixed(1)} KB`];
  for (const row of rows.sort((x, y) => y.bytes - x.bytes).slice(0, 30)) {
    lines.push(`${String(row.count).padStart(7)} ${(row.bytes / 1024).toFixed(1).padStart(8)} KB  (now ${row.total})  ${row.key}`);
  }
  return lines;
}

function survivors(first: Set<number>, second: HeapSnapshot, third: HeapSnapshot): Group[] {
  const bornBetween = new Set<number>();
  for (const object of second.objects()) if (!first.has(object.id)) bornBetween.add(object.id);
  const groups = new Map<string, Group>();
  for (const object of third.objects()) {
    if (!bornBetween.has(object.id)) continue;
    const key = `${object.type} ${object.name.slice(0, 80)}`;
    const group = groups.get(key) ?? { key, count: 0, bytes: 0, examples: [] };
    group.count++;
    group.bytes += object.selfSize;
    if (group.examples.length < 3) group.examples.push(object.index);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}

async function main(): Promise<void> {
  const between = option('--minutes', 60);
  const warmUp = option('--warm-up', 30);
  const dataDir = await mkdtemp(join(tmpdir(), 'vores-sted-heap-'));
  const kiosk = await startKioskServer({ idleSeconds: SOAK_IDLE_SECONDS, env: { VORES_STED_DATA: dataDir } });
  const browser = await launchBrowser();
  try {
    const page = await UnwatchedPage.open(browser, kiosk.url);
    await page.waitUntil('the test bridge', () => Boolean((window as unknown as BenchWindow).__voresStedTest), '');
    await page.waitForVisible('button.wake');
    const taskIds = await page.evaluate(() => [...document.querySelectorAll('button[data-task]')].map((b) => b.getAttribute('data-task') ?? ''));
    const visitor = new ScriptedVisitor(page, taskIds, seededRandom(7));
    const visiting = visitor.run();
    const heapUsed = async (): Promise<string> => {
      await page.send('HeapProfiler.collectGarbage');
      return `${((await page.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024).toFixed(2)} MB`;
    };
    const snapshots: HeapSnapshot[] = [];
    for (const [label, minutes] of [['first', warmUp], ['second', between], ['third', between]] as const) {
      // The measuring clock, not a wait for the app: the visitors run for this many simulated minutes.
      await delay(minutes * REAL_MS_PER_SIM_MINUTE);
      await visitor.pauseOnAttract();
      log(`${label} snapshot after ${minutes} more simulated minutes (heap ${await heapUsed()})`);
      // The profiler stays on between the three: the objects' ids must stay the same.
      snapshots.push(await takeHeapSnapshot(page, true));
      visitor.resume();
    }
    visitor.stop();
    await visiting.catch(() => undefined);
    const [first, second, third] = snapshots as [HeapSnapshot, HeapSnapshot, HeapSnapshot];
    const groups = survivors(first.ids(), second, third);
    const total = groups.reduce((sum, g) => sum + g.bytes, 0);
    const lines = [...growers(second, third), '', `born between the first and second snapshot and alive at the third: ${groups.reduce((s, g) => s + g.count, 0)} objects, ${(total / 1024).toFixed(1)} KB`];
    for (const group of groups.slice(0, 40)) lines.push(`${String(group.count).padStart(6)} ${(group.bytes / 1024).toFixed(1).padStart(8)} KB  ${group.key}`);
    for (const group of groups.slice(0, 12)) {
      lines.push('', `kept alive: ${group.key}`);
      for (const step of third.retainingPath(group.examples[0] ?? 0)) lines.push(`    ${step}`);
    }
    const report = lines.join('\n');
    process.stdout.write(`${report}\n`);
    await writeFile('bench-output/heap-survivors.txt', `${report}\n`).catch(() => undefined);
    log(`visits: ${visitor.counts.visits}`);
  } finally {
    await browser.close();
    await kiosk.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`heap survivors failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
