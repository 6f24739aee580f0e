import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiMethod, ApiRequest, ApiResponse, HostEvent } from '../../../contract/api';
import type { ContentSnapshot } from '../../../contract/content';
import { KioskState } from '../../../renderer/src/lib/state/kiosk.svelte';
import type { Transport } from '../../../renderer/src/lib/transport/transport';
import { FakeClock } from './fake-clock';

const read = (file: string): unknown => JSON.parse(readFileSync(`content/${file}`, 'utf8'));
const snapshot = {
  manifest: read('manifest.json'),
  coreTasks: read('core-tasks.json'),
  texts: read('kiosk-texts.json'),
  stories: [],
  villages: (read('geo/villages.json') as { villages: unknown[] }).villages,
  geo: { municipality: read('geo/municipality.geojson'), parishes: read('geo/parishes.geojson'), water: read('geo/water.geojson'), context: read('geo/context.geojson') },
} as ContentSnapshot;

class FakeTransport implements Transport {
  readonly kind = 'http';
  readonly calls: { method: string; request: unknown }[] = [];
  listener: ((event: HostEvent) => void) | null = null;
  content: ApiResponse<'bootstrap'>['content'] = { ok: true, snapshot };
  generation = 1;
  opening: ApiResponse<'bootstrap'>['opening'] = { open: true, clockTrusted: true, messageDa: null, messageEn: null };

  async invoke<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    this.calls.push({ method, request });
    if (method === 'bootstrap') {
      const config = { kioskId: 'test', idleTimeoutSeconds: 60, maxDevicePixelRatio: 1, reducedMotion: false, testBridge: false, preview: false };
      return { config, content: this.content, generation: this.generation, opening: this.opening } as ApiResponse<M>;
    }
    if (method === 'heartbeat') return { ok: true, generation: this.generation } as ApiResponse<M>;
    return { ok: true } as ApiResponse<M>;
  }

  onEvent(listener: (event: HostEvent) => void): () => void {
    this.listener = listener;
    return () => undefined;
  }
}

async function booted() {
  const transport = new FakeTransport();
  const clock = new FakeClock();
  const kiosk = new KioskState(transport, clock);
  await kiosk.boot();
  return { kiosk, transport, clock };
}

describe('a visitor session', () => {
  it('starts on the attract screen and a tap wakes it to the map', async () => {
    const { kiosk } = await booted();
    expect(kiosk.screen.name).toBe('attract');
    kiosk.wake();
    expect(kiosk.screen.name).toBe('map');
  });

  it('back returns along the way the visitor came; home goes to the map from anywhere', async () => {
    const { kiosk } = await booted();
    kiosk.wake();
    kiosk.openTask('baeredygtig-vaekst');
    kiosk.go({ name: 'credits' });
    kiosk.back();
    expect(kiosk.screen).toEqual({ name: 'task', taskId: 'baeredygtig-vaekst' });
    kiosk.back();
    expect(kiosk.screen.name).toBe('map');
    kiosk.go({ name: 'credits' });
    kiosk.home();
    expect(kiosk.screen.name).toBe('map');
    kiosk.back();
    expect(kiosk.screen.name).toBe('map');
  });

  it('after the configured idle time every trace of the visitor is gone', async () => {
    const { kiosk, clock } = await booted();
    kiosk.wake();
    kiosk.toggleLanguage();
    kiosk.openTask('trivsel-og-laering');
    kiosk.openVillage(1);
    expect(kiosk.locale.lang).toBe('en');
    clock.advance(59_000);
    expect(kiosk.idleWarning).toBe(1);
    clock.advance(1_000);
    expect(kiosk.screen.name).toBe('attract');
    expect(kiosk.locale.lang).toBe('da');
    expect(kiosk.selectedVillageId).toBeNull();
    expect(kiosk.highlightedTask).toBeNull();
    expect(kiosk.idleWarning).toBeNull();
    // and the next visitor's back button does not lead into the last visitor's story
    kiosk.wake();
    kiosk.back();
    expect(kiosk.screen.name).toBe('map');
  });

  it('a touch keeps the session alive', async () => {
    const { kiosk, clock } = await booted();
    kiosk.wake();
    clock.advance(55_000);
    kiosk.userActivity();
    clock.advance(55_000);
    expect(kiosk.screen.name).toBe('map');
  });

  it('reports what visitors do without any free text', async () => {
    const { kiosk, transport } = await booted();
    kiosk.wake();
    kiosk.openTask('faellesskab-og-fritid');
    kiosk.toggleLanguage();
    const reports = transport.calls.filter((c) => c.method === 'reportEvent').map((c) => c.request);
    expect(reports).toContainEqual({ event: 'session-start' });
    expect(reports).toContainEqual({ event: 'task-opened', detail: 'faellesskab-og-fritid' });
    expect(reports).toContainEqual({ event: 'language', detail: 'en' });
  });

  it('sends a heartbeat every few seconds so the host can tell a hung renderer', async () => {
    const { transport, clock } = await booted();
    const beats = () => transport.calls.filter((c) => c.method === 'heartbeat').length;
    const first = beats();
    clock.advance(15_000);
    expect(beats() - first).toBe(3);
  });

  it('shows the problem screen when the host has no usable content, and recovers when it does', async () => {
    const transport = new FakeTransport();
    transport.content = { ok: false, problem: { file: 'manifest.json', field: 'version', messageDa: 'Filen manifest.json …', messageEn: 'x' } };
    const kiosk = new KioskState(transport, new FakeClock());
    await kiosk.boot();
    expect(kiosk.screen.name).toBe('problem');
    kiosk.wake();
    expect(kiosk.screen.name).toBe('problem');
    transport.content = { ok: true, snapshot };
    transport.listener?.({ type: 'content-changed' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(kiosk.content).not.toBeNull();
    expect(kiosk.problem).toBeNull();
  });

  it('the host can send the kiosk back to the attract screen', async () => {
    const { kiosk, transport } = await booted();
    kiosk.wake();
    kiosk.openTask('trivsel-og-laering');
    transport.listener?.({ type: 'return-to-attract', reason: 'watchdog' });
    expect(kiosk.screen.name).toBe('attract');
  });
});

describe('display modes', () => {
  it('large text and high contrast end with the session', async () => {
    const { kiosk, clock } = await booted();
    kiosk.wake();
    kiosk.largeText = true;
    kiosk.highContrast = true;
    kiosk.displayPanelOpen = true;
    clock.advance(60_000);
    expect(kiosk.screen.name).toBe('attract');
    expect([kiosk.largeText, kiosk.highContrast, kiosk.displayPanelOpen]).toEqual([false, false, false]);
  });

  it('"Mere tid" puts the countdown off', async () => {
    const { kiosk, clock } = await booted();
    kiosk.wake();
    clock.advance(55_000);
    expect(kiosk.idleWarning).toBe(5);
    kiosk.moreTime();
    expect(kiosk.idleWarning).toBeNull();
    clock.advance(59_000);
    expect(kiosk.screen.name).toBe('map');
  });
});

describe('opening hours', () => {
  it('closing ends the visit and shows the closed screen; opening again shows the attract screen', async () => {
    const { kiosk, transport } = await booted();
    kiosk.wake();
    kiosk.toggleLanguage();
    kiosk.openTask('trivsel-og-laering');
    transport.listener?.({ type: 'opening-hours', opening: { open: false, clockTrusted: true, messageDa: 'Lukket – åbner igen mandag kl. 10', messageEn: 'Closed – opens again on Monday at 10:00' } });
    expect(kiosk.screen.name).toBe('closed');
    expect(kiosk.locale.lang).toBe('da');
    kiosk.wake();
    expect(kiosk.screen.name).toBe('closed');
    transport.listener?.({ type: 'opening-hours', opening: { open: true, clockTrusted: true, messageDa: null, messageEn: null } });
    expect(kiosk.screen.name).toBe('attract');
  });
});

describe('content updates', () => {
  it('a renderer that missed the content-changed event catches up from its next heartbeat', async () => {
    const { kiosk, transport, clock } = await booted();
    const bootstraps = () => transport.calls.filter((c) => c.method === 'bootstrap').length;
    const before = bootstraps();
    transport.generation = 2;
    clock.advance(5_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(bootstraps()).toBe(before + 1);
    expect(kiosk.content).not.toBeNull();
  });
});
