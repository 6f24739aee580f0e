import type { Row, Section } from '../bench/support/report';
import type { HeapCensus } from './heap-snapshot';
import type { Sample } from './sampler';
import type { VisitorCounts } from './visitor';

// Samples → growth after warm-up, beside the goals (issue 7: < 5 % heap/RSS growth after warm-up,
// no growth in GPU resources).

export const GROWTH_GOAL_PERCENT = 5;
export const WARM_UP_SHARE = 0.2;

type NumericKey = { [K in keyof Sample]: Sample[K] extends number | null ? K : never }[keyof Sample];

export interface Trend {
  /** The least-squares line's value at the first sample after warm-up and at the last sample. */
  from: number;
  to: number;
  growthPercent: number;
  /** Raw values, for the reader who distrusts a fitted line. */
  firstRaw: number;
  lastRaw: number;
  max: number;
}

export interface SoakVerdict {
  sections: Section[];
  /** Geometries or textures grew after warm-up: deterministic, so a real leak. */
  gpuGrew: boolean;
  warmUpSamples: number;
}

/** The JS heap by kind, from a heap snapshot taken on the attract screen after `minute`'s sample. */
export interface HeapCensusAt {
  minute: number;
  census: HeapCensus;
}

/** How many of `sampleCount` samples are warm-up: the first 20 % (at least one, and at least two left to measure). */
export function warmUpCount(sampleCount: number): number {
  return Math.min(Math.max(1, Math.ceil(sampleCount * WARM_UP_SHARE)), Math.max(0, sampleCount - 2));
}

export function splitWarmUp(samples: readonly Sample[]): { warmUp: Sample[]; measured: Sample[] } {
  const count = warmUpCount(samples.length);
  return { warmUp: samples.slice(0, count), measured: samples.slice(count) };
}

/**
 * Growth along a least-squares line rather than between two single samples: each sample is taken on
 * whatever screen the visitor had open, so two samples differ by a story's worth of memory even without
 * a leak, while a leak shows as a slope. null when the figure was not available.
 */
export function trend(samples: readonly Sample[], key: NumericKey): Trend | null {
  const points = samples.flatMap((s) => {
    const value = s[key];
    return typeof value === 'number' ? [{ x: s.atS, y: value }] : [];
  });
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0) / sxx;
  const at = (x: number): number => meanY + slope * (x - meanX);
  const from = at(first.x);
  const to = at(last.x);
  return { from, to, growthPercent: from === 0 ? 0 : ((to - from) / from) * 100, firstRaw: first.y, lastRaw: last.y, max: Math.max(...points.map((p) => p.y)) };
}

const mb = (value: number): string => `${value.toFixed(1)} MB`;
const signed = (percent: number): string => `${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %`;

function growthRow(figure: string, measured: readonly Sample[], key: NumericKey, goal: boolean): Row {
  const t = trend(measured, key);
  if (!t) return { figure, value: null, unit: '%', measured: 'not available', goal: goal ? `< ${GROWTH_GOAL_PERCENT} %` : '', ok: goal ? false : null };
  const isMB = key.endsWith('MB');
  const show = (value: number): string => (isMB ? mb(value) : String(Math.round(value)));
  return {
    figure: `${figure}: ${show(t.firstRaw)} → ${show(t.lastRaw)}, trend`,
    value: t.growthPercent,
    unit: '%',
    measured: signed(t.growthPercent),
    goal: goal ? `< ${GROWTH_GOAL_PERCENT} %` : '',
    ok: goal ? t.growthPercent < GROWTH_GOAL_PERCENT : null,
  };
}

/**
 * The JS heap split by kind, from the first census (end of warm-up) to the last (end of the run). Two
 * snapshots on the same screen, not a line through samples: a snapshot is too heavy to take every minute.
 */
function censusRows(censuses: readonly HeapCensusAt[]): Row[] {
  const first = censuses[0];
  const last = censuses.at(-1);
  const rows: [string, keyof HeapCensus, boolean][] = [
    ['… of it JS objects and strings (what the page keeps), snapshots at minute', 'jsObjectBytes', true],
    ['… of it compiled code (V8\'s JIT, grows up to what the app\'s code can give), snapshots at minute', 'compiledCodeBytes', false],
  ];
  return rows.map(([figure, key, goal]) => {
    if (!first || !last || first === last) return { figure, value: null, unit: '%', measured: 'not available', goal: goal ? `< ${GROWTH_GOAL_PERCENT} %` : '', ok: goal ? false : null };
    const from = first.census[key];
    const to = last.census[key];
    const growth = from === 0 ? 0 : ((to - from) / from) * 100;
    return {
      figure: `${figure} ${first.minute} → ${last.minute}: ${mb(from / 1024 / 1024)} → ${mb(to / 1024 / 1024)}`,
      value: growth,
      unit: '%',
      measured: signed(growth),
      goal: goal ? `< ${GROWTH_GOAL_PERCENT} %` : '',
      ok: goal ? growth < GROWTH_GOAL_PERCENT : null,
    };
  });
}

/** GPU objects: the most after warm-up against the most during it (a screen may hold one more briefly). */
function gpuRow(figure: string, warmUp: readonly Sample[], measured: readonly Sample[], key: 'geometries' | 'textures'): Row {
  const before = Math.max(...warmUp.map((s) => s[key]));
  const after = Math.max(...measured.map((s) => s[key]));
  const last = measured.at(-1)?.[key] ?? after;
  return { figure: `${figure}: most in warm-up / after / last`, value: after - before, unit: key, measured: `${before} / ${after} / ${last}`, goal: 'no growth', ok: after <= before };
}

export function judge(samples: readonly Sample[], counts: VisitorCounts, pageErrors: number, censuses: readonly HeapCensusAt[] = []): SoakVerdict {
  const { warmUp, measured } = splitWarmUp(samples);
  if (warmUp.length === 0 || measured.length < 2) throw new Error(`too few samples to judge growth (${samples.length})`);
  const geometries = gpuRow('three.js geometries', warmUp, measured, 'geometries');
  const textures = gpuRow('three.js textures', warmUp, measured, 'textures');
  const c = counts;
  const afterWarmUp = `after warm-up (minute ${measured[0]?.minute ?? 0} → ${measured.at(-1)?.minute ?? 0})`;
  return {
    warmUpSamples: warmUp.length,
    gpuGrew: geometries.ok === false || textures.ok === false,
    sections: [
      {
        title: `memory ${afterWarmUp}`,
        rows: [
          growthRow('renderer JS heap', measured, 'heapMB', true),
          ...censusRows(censuses),
          growthRow('host process RSS', measured, 'hostRssMB', true),
          growthRow('Chromium renderer RSS', measured, 'rendererRssMB', true),
          growthRow('… of it anonymous memory (the page\'s JS, Blink and allocator heaps)', measured, 'rendererAnonMB', true),
          growthRow('… of it shared memory (Chromium\'s image cache, tiles, frames; budgeted by Chromium)', measured, 'rendererSharedMB', false),
          growthRow('Chromium GPU process RSS', measured, 'gpuRssMB', true),
          growthRow('DOM nodes', measured, 'domNodes', false),
          growthRow('JS event listeners', measured, 'jsEventListeners', false),
          geometries,
          textures,
        ],
      },
      {
        title: 'what the visitors did',
        rows: [
          { figure: 'visits / ended by the idle timeout / "Mere tid"', value: c.visits, unit: 'visits', measured: `${c.visits} / ${c.idleResets} / ${c.moreTime}`, goal: '', ok: null },
          { figure: 'villages opened / taps that missed', value: c.villagesOpened, unit: '', measured: `${c.villagesOpened} / ${c.villageMisses}`, goal: '', ok: null },
          { figure: 'core tasks / stories / language switches', value: null, unit: '', measured: `${c.tasks} / ${c.stories} / ${c.languageSwitches}`, goal: '', ok: null },
          { figure: 'pans / wheel zooms / pinches', value: null, unit: '', measured: `${c.pans} / ${c.zooms} / ${c.pinches}`, goal: '', ok: null },
          { figure: 'A–Å list / credits', value: null, unit: '', measured: `${c.placeLists} / ${c.credits}`, goal: '', ok: null },
          { figure: 'uncaught errors in the page', value: pageErrors, unit: 'errors', measured: String(pageErrors), goal: '0', ok: pageErrors === 0 },
        ],
      },
    ],
  };
}

/** Every sample as a row; a long run prints every n-th (all of them are in the JSON). */
export function formatSamples(samples: readonly Sample[], warmUpSamples: number, maxRows = 60): string {
  const every = Math.max(1, Math.ceil(samples.length / maxRows));
  const shown = samples.filter((_, i) => i % every === 0 || i === samples.length - 1);
  const orNone = (value: number | null): string => (value === null ? '–' : value.toFixed(1));
  const header = ['min', 'screen', 'heap MB', 'DOM nodes', 'listeners', 'geom', 'tex', 'host RSS', 'renderer RSS', 'anon', 'shared', 'GPU RSS'];
  const rows = shown.map((s) => [
    `${s.minute}${samples.indexOf(s) < warmUpSamples ? 'w' : ''}`,
    s.screen,
    s.heapMB.toFixed(2),
    String(s.domNodes),
    String(s.jsEventListeners),
    String(s.geometries),
    String(s.textures),
    orNone(s.hostRssMB),
    orNone(s.rendererRssMB),
    orNone(s.rendererAnonMB),
    orNone(s.rendererSharedMB),
    orNone(s.gpuRssMB),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const note = every > 1 ? `\n(every ${every}th sample; all ${samples.length} in the JSON)` : '';
  return [line(header), ...rows.map(line)].join('\n') + `\n(w: warm-up; RSS in MB; anon / shared: the renderer's RSS split by kind)${note}`;
}
