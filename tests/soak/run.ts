// `npm run soak` (issue 7, "Measured"): scripted visitors tap through the real kiosk at 10× real speed
// while the renderer's JS heap, DOM, the map's three.js GPU objects and the processes' RSS are sampled
// every simulated minute; prints the samples and the growth after warm-up beside the goals.
// Exit 0 when the soak ran, whatever the memory figures say (MISSED in the table, as `npm run bench`
// does); exit 1 when it could not run, or when GPU objects grew (deterministic, so a real leak).
// Options: see options.ts (`--hours 24` for the long run by hand).
import type { Browser } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { launchBrowser, VIEWPORT } from '../bench/support/browser';
import { formatTable, writeJson } from '../bench/support/report';
import { seededRandom } from '../bench/support/stats';
import { SCREENSHOT_DIR, waitForAppEvent } from '../e2e/support/app';
import { startKioskServer, type RunningKiosk } from '../e2e/support/kiosk-server';
import { formatSamples, GROWTH_GOAL_PERCENT, judge, warmUpCount, WARM_UP_SHARE, type HeapCensusAt } from './growth';
import { takeHeapSnapshot } from './heap-snapshot';
import { parseSoakOptions, REAL_MS_PER_SIM_MINUTE, SOAK_IDLE_SECONDS, type SoakOptions } from './options';
import { Sampler, type Sample } from './sampler';
import type { BenchWindow } from '../bench/support/page-types';
import { UnwatchedPage } from './unwatched-page';
import { ScriptedVisitor, type VisitorCounts } from './visitor';
import { SOFTWARE_GL_ARGS } from '../../electron/kiosk/software-gl';

const OUTPUT = 'bench-output/soak.json';
const SEED = 7;

const FOOTNOTES = [
  `10× real speed: a simulated minute is ${REAL_MS_PER_SIM_MINUTE / 1000} real seconds, one sample each (minute 0: the page just loaded, before any visitor).`,
  `The kiosk runs with VORES_STED_IDLE_SECONDS=${SOAK_IDLE_SECONDS}, so every visit ends in the idle reset and the attract loop.`,
  `Warm-up: the first ${WARM_UP_SHARE * 100} % of the samples. Growth: the least-squares line through the samples after it, from its`,
  '  value at the first to the last (samples are taken on whatever screen is open; a leak is a slope, one story is not).',
  'JS heap: CDP Runtime.getHeapUsage after two forced GCs. RSS: /proc VmRSS of the host, of the largest Chromium renderer',
  '  (the kiosk page) and of the GPU process (which holds SwiftShader\'s WebGL memory). GPU objects: three.js renderer.info.memory.',
  'The renderer\'s RSS split (/proc smaps): shared-memory regions hold Chromium\'s decoded-image cache, raster tiles and frames,',
  '  which follow what is on screen and fill up to Chromium\'s own budgets (256 MB images, 512 MB tiles on a desktop); anonymous',
  '  memory holds the page\'s own heaps, where a leak of the kiosk\'s would accumulate. The code pages are the rest.',
  'The page is driven over one raw DevTools session with no Network agent (unwatched-page.ts): nothing of the driver\'s',
  '  per-request bookkeeping lives in the memory measured.',
  'JS heap by kind: V8 heap snapshots of the page on the attract screen (the visitor paused after walking away) at the end',
  '  of warm-up and at the end. Compiled code is V8\'s bytecode, optimised machine code and feedback: it grows as more of',
  '  the app\'s functions get hot, up to what the app\'s code can give. JS objects are what the page\'s scripts keep.',
];

function log(message: string): void {
  process.stderr.write(`[soak ${(performance.now() / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

interface SoakRun {
  samples: Sample[];
  censuses: HeapCensusAt[];
  counts: VisitorCounts;
  pageErrors: string[];
  chromium: string;
}

async function openReadyKiosk(browser: Browser, url: string): Promise<{ page: UnwatchedPage; taskIds: string[] }> {
  const page = await UnwatchedPage.open(browser, url);
  await page.waitUntil('the test bridge', () => Boolean((window as unknown as BenchWindow).__voresStedTest), '');
  await page.waitForVisible('button.wake');
  // The map draws once under the attract screen: from then on its GPU objects exist.
  await waitForAppEvent(page, 'map-ready');
  const taskIds = await page.evaluate(() => [...document.querySelectorAll('button[data-task]')].map((b) => b.getAttribute('data-task') ?? ''));
  if (taskIds.length === 0) throw new Error('no core-task buttons on the map screen');
  return { page, taskIds };
}

function progress(sample: Sample, total: number): void {
  const rss = (value: number | null): string => (value === null ? '–' : value.toFixed(0));
  log(
    `minute ${sample.minute}/${total} (${sample.screen}): heap ${sample.heapMB.toFixed(1)} MB, ${sample.domNodes} nodes, ` +
      `${sample.geometries} geometries / ${sample.textures} textures, RSS host ${rss(sample.hostRssMB)} / renderer ${rss(sample.rendererRssMB)} / GPU ${rss(sample.gpuRssMB)} MB`,
  );
}

async function soak(options: SoakOptions): Promise<SoakRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'vores-sted-soak-'));
  let kiosk: RunningKiosk | null = null;
  let browser: Browser | null = null;
  let page: UnwatchedPage | null = null;
  let visitor: ScriptedVisitor | null = null;
  try {
    log('start: kiosk server, Chromium, page');
    // A data folder of its own: nothing installed on this machine changes what is measured, nothing stays behind.
    kiosk = await startKioskServer({ idleSeconds: SOAK_IDLE_SECONDS, env: { VORES_STED_DATA: dataDir } });
    browser = await launchBrowser();
    const opened = await openReadyKiosk(browser, kiosk.url);
    page = opened.page;
    const sampler = await Sampler.attach(browser, page, kiosk.process.pid);
    visitor = new ScriptedVisitor(page, opened.taskIds, seededRandom(SEED));

    const logEvery = Math.max(1, Math.round(options.simMinutes / 30));
    const censuses: HeapCensusAt[] = [];
    /** A heap snapshot once the current visitor has walked away, so every census is of the same screen. */
    const census = async (minute: number): Promise<void> => {
      if (!page || !visitor) return;
      await visitor.pauseOnAttract();
      const at = { minute, census: (await takeHeapSnapshot(page)).census() };
      censuses.push(at);
      log(`heap by kind at minute ${minute}: JS objects ${(at.census.jsObjectBytes / 1e6).toFixed(2)} MB, compiled code ${(at.census.compiledCodeBytes / 1e6).toFixed(2)} MB`);
      visitor.resume();
    };
    const lastWarmUpMinute = warmUpCount(options.simMinutes + 1) - 1;
    const startedAt = performance.now();
    progress(await sampler.sample(0), options.simMinutes);
    log(`visitors for ${options.simMinutes} simulated minutes (≈ ${((options.simMinutes * REAL_MS_PER_SIM_MINUTE) / 60_000).toFixed(1)} real minutes)`);
    // Settles with the visitor's error, if the kiosk stops responding as a visitor expects.
    const visiting = visitor.run().then(
      () => null,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    for (let minute = 1; minute <= options.simMinutes; minute++) {
      // The sampling clock, not a wait for the app: one sample per simulated minute.
      const due = startedAt + minute * REAL_MS_PER_SIM_MINUTE - performance.now();
      const failure = await Promise.race([delay(Math.max(0, due)).then(() => null), visiting]);
      if (failure) throw failure;
      const sample = await sampler.sample(minute);
      if (minute % logEvery === 0 || minute === options.simMinutes) progress(sample, options.simMinutes);
      if (minute === lastWarmUpMinute || minute === options.simMinutes) await census(minute);
    }
    visitor.stop();
    const failure = await visiting;
    if (failure) throw failure;
    return { samples: sampler.samples, censuses, counts: visitor.counts, pageErrors: sampler.pageErrors, chromium: browser.version() };
  } catch (error) {
    visitor?.stop();
    // What the visitor saw when it went wrong.
    await page?.screenshot(join(SCREENSHOT_DIR, 'soak-failure.png')).catch(() => undefined);
    throw error;
  } finally {
    await browser?.close();
    await kiosk?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = parseSoakOptions(process.argv.slice(2), process.env);
  const loadAtStart = loadavg()[0] ?? 0;
  const run = await soak(options);
  const verdict = judge(run.samples, run.counts, run.pageErrors.length, run.censuses);
  const loadAtEnd = loadavg()[0] ?? 0;
  const load = `Machine load (1-min average) at start / end: ${loadAtStart.toFixed(1)} / ${loadAtEnd.toFixed(1)} on ${cpus().length} cores.`;
  const footnotes = [...FOOTNOTES, load];
  process.stdout.write(`\n${formatSamples(run.samples, verdict.warmUpSamples)}\n\n${formatTable(verdict.sections, footnotes)}\n\n`);
  for (const message of new Set(run.pageErrors)) process.stdout.write(`page error: ${message}\n`);
  writeJson(OUTPUT, {
    generatedAt: new Date().toISOString(),
    environment: { node: process.version, chromium: run.chromium, viewport: VIEWPORT, renderer: `SwiftShader WebGL, page composited on the CPU (${SOFTWARE_GL_ARGS.join(' ')})`, cpus: cpus().length, loadAverage: { start: loadAtStart, end: loadAtEnd } },
    options: { ...options, realMsPerSimMinute: REAL_MS_PER_SIM_MINUTE, idleSeconds: SOAK_IDLE_SECONDS, seed: SEED, warmUpShare: WARM_UP_SHARE, growthGoalPercent: GROWTH_GOAL_PERCENT },
    runtimeSeconds: Math.round(performance.now() / 1000),
    warmUpSamples: verdict.warmUpSamples,
    gpuGrew: verdict.gpuGrew,
    sections: verdict.sections,
    footnotes,
    visitors: run.counts,
    pageErrors: run.pageErrors,
    samples: run.samples,
    heapCensuses: run.censuses,
  });
  const missed = verdict.sections.flatMap((s) => s.rows).filter((r) => r.ok === false).length;
  const summary = missed === 0 ? 'all goals met' : `${missed} goal${missed === 1 ? '' : 's'} MISSED`;
  process.stdout.write(`${summary}; JSON in ${OUTPUT}\n`);
  if (verdict.gpuGrew) {
    process.stdout.write('three.js geometries or textures grew after warm-up: a GPU resource leak\n');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed to run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
