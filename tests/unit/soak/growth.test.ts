import { describe, expect, it } from 'vitest';
import { judge, splitWarmUp, trend, warmUpCount } from '../../soak/growth';
import type { Sample } from '../../soak/sampler';
import type { VisitorCounts } from '../../soak/visitor';

// The soak's verdict is what the closing note quotes: a leak must show as growth, noise must not, and a
// growing number of GPU objects must fail the run.

function samples(count: number, value: (minute: number) => Partial<Sample>): Sample[] {
  return Array.from({ length: count }, (_, minute) => ({
    minute,
    atS: minute * 6,
    screen: 'map',
    heapMB: 10,
    domNodes: 500,
    jsEventListeners: 100,
    geometries: 5,
    textures: 1,
    hostRssMB: 200,
    rendererRssMB: 150,
    rendererSharedMB: 80,
    rendererAnonMB: 40,
    gpuRssMB: 250,
    ...value(minute),
  }));
}

const counts = { visits: 3, villagesOpened: 5, villageMisses: 0, tasks: 2, stories: 2, languageSwitches: 1, pans: 1, zooms: 1, pinches: 1, placeLists: 1, credits: 1, idleResets: 3, moreTime: 0 } as VisitorCounts;

describe('soak growth', () => {
  it('leaves the first fifth as warm-up', () => {
    const { warmUp, measured } = splitWarmUp(samples(30, () => ({})));
    expect(warmUp).toHaveLength(6);
    expect(measured).toHaveLength(24);
  });

  it('sees a steady leak as growth and alternating screens as none', () => {
    const leaking = trend(samples(20, (m) => ({ heapMB: 10 + m * 0.1 })), 'heapMB');
    expect(leaking?.growthPercent).toBeGreaterThan(15);
    // A story's worth of memory on every other sample, with no trend: not growth.
    const noisy = trend(samples(21, (m) => ({ heapMB: m % 2 === 0 ? 10 : 12 })), 'heapMB');
    expect(Math.abs(noisy?.growthPercent ?? 100)).toBeLessThan(2);
  });

  it('fails the run when GPU objects grow after warm-up, not when they stay flat', () => {
    expect(judge(samples(30, () => ({})), counts, 0).gpuGrew).toBe(false);
    expect(judge(samples(30, (m) => ({ geometries: m > 20 ? 6 : 5 })), counts, 0).gpuGrew).toBe(true);
  });

  it('marks heap growth over 5 % as missed', () => {
    const verdict = judge(samples(30, (m) => ({ heapMB: 10 + m * 0.05 })), counts, 0);
    const heap = verdict.sections[0]?.rows.find((row) => row.figure.startsWith('renderer JS heap'));
    expect(heap?.ok).toBe(false);
    const flat = judge(samples(30, () => ({})), counts, 0).sections[0]?.rows.find((row) => row.figure.startsWith('renderer JS heap'));
    expect(flat?.ok).toBe(true);
  });

  it('judges the renderer\'s own heaps by the goal and shows Chromium\'s caches filling without failing on them', () => {
    // The image cache fills from 80 to 200 MB while the page's heaps stay flat: raw RSS grows, anon does not.
    const filling = judge(samples(30, (m) => ({ rendererSharedMB: 80 + m * 4, rendererRssMB: 150 + m * 4 })), counts, 0).sections[0]?.rows ?? [];
    const row = (start: string) => filling.find((r) => r.figure.startsWith(start));
    expect(row('… of it anonymous')?.ok).toBe(true);
    expect(row('… of it shared')?.ok).toBeNull();
    expect(row('… of it shared')?.value).toBeGreaterThan(50);
    expect(row('Chromium renderer RSS')?.ok).toBe(false);
    // A leak in the page's heaps fails the anonymous row.
    const leaking = judge(samples(30, (m) => ({ rendererAnonMB: 40 + m * 0.5 })), counts, 0).sections[0]?.rows ?? [];
    expect(leaking.find((r) => r.figure.startsWith('… of it anonymous'))?.ok).toBe(false);
  });

  it('tells JS objects the page keeps from V8\'s compiled code, judging only the objects by the goal', () => {
    const census = (minute: number, objects: number, code: number) => ({ minute, census: { jsObjectBytes: objects * 1e6, compiledCodeBytes: code * 1e6, nativeBytes: 1e6 } });
    // Code grows by a fifth as more functions are optimised; the objects stay: not a leak.
    const warming = judge(samples(30, () => ({})), counts, 0, [census(5, 4, 1.5), census(29, 4.05, 1.8)]).sections[0]?.rows ?? [];
    const row = (rows: typeof warming, start: string) => rows.find((r) => r.figure.startsWith(start));
    expect(row(warming, '… of it JS objects')?.ok).toBe(true);
    expect(row(warming, '… of it JS objects')?.figure).toContain('minute 5 → 29');
    expect(row(warming, '… of it compiled code')?.ok).toBeNull();
    expect(row(warming, '… of it compiled code')?.value).toBeCloseTo(20, 5);
    // Objects that pile up fail it.
    const keeping = judge(samples(30, () => ({})), counts, 0, [census(5, 4, 1.5), census(29, 4.4, 1.5)]).sections[0]?.rows ?? [];
    expect(row(keeping, '… of it JS objects')?.ok).toBe(false);
    // Without two snapshots there is no figure, and the goal row says so.
    const none = judge(samples(30, () => ({})), counts, 0, [census(5, 4, 1.5)]).sections[0]?.rows ?? [];
    expect(row(none, '… of it JS objects')).toMatchObject({ measured: 'not available', ok: false });
  });

  it('puts the census at the end of warm-up where the samples split', () => {
    expect(warmUpCount(31)).toBe(splitWarmUp(samples(31, () => ({}))).warmUp.length);
    expect(warmUpCount(1441)).toBe(289);
  });
});
