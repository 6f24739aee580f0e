import type { Browser, CDPSession } from '@playwright/test';
import { mapStats } from '../bench/support/page-probes';
import { rssMB } from '../bench/support/process-memory';
import type { BenchWindow } from '../bench/support/page-types';
import { rssSplit } from './rss-split';
import type { UnwatchedPage } from './unwatched-page';

// One sample per simulated minute, taken wherever the visitor happens to be: the renderer's JS heap after
// a forced GC, its DOM, the map's three.js GPU objects, and the resident memory of the kiosk's processes.

export interface Sample {
  minute: number;
  /** Real seconds since the soak began. */
  atS: number;
  /** The screen the visitor had open (the last `screen-shown`). */
  screen: string;
  heapMB: number;
  domNodes: number;
  jsEventListeners: number;
  geometries: number;
  textures: number;
  /** The kiosk host (node dist/electron/kiosk/start.js). */
  hostRssMB: number | null;
  /** The largest Chromium renderer process: the kiosk page (spare renderers are a fraction of it). */
  rendererRssMB: number | null;
  /** The same renderer's RSS in shared-memory regions: Chromium's image cache, tiles and frames (rss-split.ts). */
  rendererSharedMB: number | null;
  /** … and in anonymous memory: the page's own heaps (V8, Blink, allocators), where a leak would show. */
  rendererAnonMB: number | null;
  /** Chromium's GPU process, which holds SwiftShader's WebGL buffers and textures. */
  gpuRssMB: number | null;
}

const MB = 1024 * 1024;

/** The browser says which process is which; /proc says how big each is. */
async function chromiumRss(browserCdp: CDPSession): Promise<{ renderer: number | null; rendererPid: number | undefined; gpu: number | null }> {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const sizes = async (type: string): Promise<{ pid: number; mb: number }[]> =>
    (await Promise.all(processInfo.filter((p) => p.type === type).map(async (p) => ({ pid: p.id, mb: await rssMB(p.id) })))).flatMap((s) =>
      s.mb === null ? [] : [{ pid: s.pid, mb: s.mb }],
    );
  const largest = (await sizes('renderer')).sort((a, b) => b.mb - a.mb)[0];
  const gpu = await sizes('GPU');
  return { renderer: largest?.mb ?? null, rendererPid: largest?.pid, gpu: gpu[0]?.mb ?? null };
}

export class Sampler {
  readonly samples: Sample[] = [];
  /** Uncaught errors and unhandled rejections the page reported, collected at every sample. */
  readonly pageErrors: string[] = [];
  readonly #startedAt = performance.now();

  private constructor(
    private readonly page: UnwatchedPage,
    private readonly browserCdp: CDPSession,
    private readonly hostPid: number | undefined,
  ) {}

  static async attach(browser: Browser, page: UnwatchedPage, hostPid: number | undefined): Promise<Sampler> {
    return new Sampler(page, await browser.newBrowserCDPSession(), hostPid);
  }

  async sample(minute: number): Promise<Sample> {
    // Twice: the first pass can leave objects whose finalizers free more on the second.
    await this.page.send('HeapProfiler.collectGarbage');
    await this.page.send('HeapProfiler.collectGarbage');
    const heap = await this.page.send('Runtime.getHeapUsage');
    const dom = await this.page.send('Memory.getDOMCounters');
    const map = await mapStats(this.page);
    const screen = await this.page.evaluate(() => {
      const history = (window as unknown as BenchWindow).__voresStedTest?.history ?? [];
      const shown = history.filter((event) => event.name === 'screen-shown').at(-1);
      // The bridge's event log is test-only and keeps 500 events: while it fills, it would read as growth.
      // The last screen stays, for the next sample if the visitor is still on it.
      history.splice(0, history.length, ...(shown ? [shown] : []));
      return String(shown?.detail['screen'] ?? 'attract');
    });
    this.pageErrors.push(...(await this.page.takeErrors()));
    const [hostRssMB, chromium] = await Promise.all([rssMB(this.hostPid), chromiumRss(this.browserCdp)]);
    const split = await rssSplit(chromium.rendererPid);
    const sample: Sample = {
      minute,
      atS: (performance.now() - this.#startedAt) / 1000,
      screen,
      heapMB: heap.usedSize / MB,
      domNodes: dom.nodes,
      jsEventListeners: dom.jsEventListeners,
      geometries: map.geometries,
      textures: map.textures,
      hostRssMB,
      rendererRssMB: chromium.renderer,
      rendererSharedMB: split?.sharedMB ?? null,
      rendererAnonMB: split?.anonMB ?? null,
      gpuRssMB: chromium.gpu,
    };
    this.samples.push(sample);
    return sample;
  }
}
