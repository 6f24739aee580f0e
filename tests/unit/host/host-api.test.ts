import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  API_METHODS,
  NO_SPEECH,
  SCREENS,
  VISITOR_EVENTS,
  type ApiRequest,
  type ApiResponses,
  type ContentState,
  type RendererConfig,
} from '../../../contract/api.js';
import { loadConfig } from '../../../electron/core/config.js';
import { createHostApi } from '../../../electron/core/host-api.js';
import { KioskHost } from '../../../electron/core/kiosk-host.js';
import { builtInContent, projectRoot } from './support.js';

const rendererConfig: RendererConfig = {
  kioskId: 'lejre-bibliotek-1',
  idleTimeoutSeconds: 90,
  maxDevicePixelRatio: 1.5,
  reducedMotion: false,
  testBridge: false,
  preview: false,
  staffScreen: false,
};
const brokenContent: ContentState = {
  ok: false,
  problem: { file: 'manifest.json', field: '(hele filen)', messageDa: 'Filen manifest.json mangler i indholdet.', messageEn: 'manifest.json: cannot be read (ENOENT)' },
};

const opening = { open: false, clockTrusted: true, messageDa: 'Lukket – åbner igen mandag kl. 10', messageEn: 'Closed – opens again on Monday at 10:00' };

function setup(content: ContentState = brokenContent) {
  const heartbeats: string[] = [];
  const visitorEvents: ApiRequest<'reportEvent'>[] = [];
  const shown: number[] = [];
  const getContent = vi.fn(() => content);
  const api = createHostApi({
    rendererConfig,
    getContent,
    getGeneration: () => 3,
    getOpening: () => opening,
    onHeartbeat: (screen) => heartbeats.push(screen),
    onContentShown: (generation) => shown.push(generation),
    onVisitorEvent: (event) => visitorEvents.push(event),
  });
  /** Nothing reached a handler. */
  const untouched = (): boolean => heartbeats.length === 0 && visitorEvents.length === 0 && shown.length === 0 && getContent.mock.calls.length === 0;
  return { api, heartbeats, visitorEvents, shown, untouched };
}

describe('the host API answers every method of the contract', () => {
  it('covers exactly the contract methods', () => {
    expect([...API_METHODS].sort()).toEqual(['bootstrap', 'contentShown', 'diagnostic', 'heartbeat', 'prewarmSpeech', 'reportEvent', 'speak', 'staffHealth', 'staffUnlock', 'stopSpeaking']);
  });

  it('contentShown tells the host which content generation the renderer has drawn', () => {
    const { api, shown } = setup();
    expect(api('contentShown', { generation: 2 })).toEqual({ status: 200, body: { ok: true } });
    expect(shown).toEqual([2]);
    expect(api('contentShown', { generation: -1 }).status).toBe(400);
    expect(api('contentShown', { generation: '2' }).status).toBe(400);
    expect(shown).toEqual([2]);
  });

  it('bootstrap hands the renderer its config and the current content', () => {
    const { api } = setup();
    const result = api('bootstrap', {});
    expect(result.status).toBe(200);
    // No read-aloud wired (as in the staff editor's preview): not offered.
    expect(result.body).toEqual({ config: rendererConfig, content: brokenContent, generation: 3, opening, speech: NO_SPEECH } satisfies ApiResponses['bootstrap']);
  });

  it.each(VISITOR_EVENTS.map((event) => [event]))('reportEvent %s is passed on', (event) => {
    const { api, visitorEvents } = setup();
    expect(api('reportEvent', { event })).toEqual({ status: 200, body: { ok: true } });
    expect(visitorEvents).toEqual([{ event }]);
  });

  it('reportEvent accepts content ids and Danish place names as detail', () => {
    const { api, visitorEvents } = setup();
    expect(api('reportEvent', { event: 'task-opened', detail: 'faellesskab-og-fritid' }).status).toBe(200);
    expect(api('reportEvent', { event: 'village-opened', detail: 'Kirke Hvalsø' }).status).toBe(200);
    expect(api('reportEvent', { event: 'village-opened', detail: 'Øm Ås Æbelø' }).status).toBe(200);
    expect(visitorEvents.map((event) => event.detail)).toEqual(['faellesskab-og-fritid', 'Kirke Hvalsø', 'Øm Ås Æbelø']);
  });

  it.each(SCREENS.map((screen) => [screen]))('heartbeat from the %s screen is recorded', (screen) => {
    const { api, heartbeats } = setup();
    expect(api('heartbeat', { screen })).toEqual({ status: 200, body: { ok: true, generation: 3 } });
    expect(heartbeats).toEqual([screen]);
  });
});

describe('the host API refuses what the contract does not allow, before any handler runs', () => {
  it.each([['openDevTools'], ['installBundle'], [''], ['bootstrap/'], ['Bootstrap'], ['heartbeat ']])('unknown method %j → 404', (method) => {
    const { api, untouched } = setup();
    const result = api(method, {});
    expect(result.status).toBe(404);
    expect(untouched()).toBe(true);
  });

  it.each([['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty'], ['valueOf'], ['__defineGetter__']])(
    'inherited object member %s is not a method → 404',
    (method) => {
      const { api, untouched } = setup();
      expect(api(method, {}).status).toBe(404);
      expect(untouched()).toBe(true);
    },
  );

  const invalid: Array<[string, string, unknown, RegExp]> = [
    ['free text with markup', 'reportEvent', { event: 'village-opened', detail: '<script>alert(1)</script>' }, /detail/],
    ['free text over 80 characters', 'reportEvent', { event: 'village-opened', detail: 'a'.repeat(81) }, /detail/],
    ['a URL as detail', 'reportEvent', { event: 'screen', detail: 'https://example.com/x' }, /detail/],
    ['a number as detail', 'reportEvent', { event: 'screen', detail: 42 }, /detail/],
    ['an event the contract does not know', 'reportEvent', { event: 'purchase' }, /event/],
    ['an extra field', 'reportEvent', { event: 'session-start', visitorName: 'Karen' }, /visitorName/],
    ['no event at all', 'reportEvent', {}, /event/],
    ['an unknown screen', 'heartbeat', { screen: 'admin' }, /screen/],
    ['no screen', 'heartbeat', {}, /screen/],
    ['an extra heartbeat field', 'heartbeat', { screen: 'map', debug: true }, /debug/],
    ['an extra bootstrap field', 'bootstrap', { dir: '/etc' }, /dir/],
    ['null', 'heartbeat', null, /heartbeat/],
    ['an array', 'bootstrap', [], /bootstrap/],
    ['a string', 'reportEvent', 'session-start', /reportEvent/],
  ];
  it.each(invalid)('%s → 400 naming the field', (_name, method, payload, field) => {
    const { api, untouched } = setup();
    const result = api(method, payload);
    expect(result.status).toBe(400);
    expect((result.body as { error: string }).error).toMatch(field);
    expect(untouched()).toBe(true);
  });

  it('80 characters of allowed text is still fine', () => {
    const { api } = setup();
    expect(api('reportEvent', { event: 'village-opened', detail: 'a'.repeat(80) }).status).toBe(200);
  });
});

describe('KioskHost wires the API to the content and the heartbeat', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('bootstrap serves the loaded content and the renderer part of the config only', async () => {
    const config = await loadConfig({ env: { VORES_STED_CONTENT: builtInContent, VORES_STED_TEST_BRIDGE: '1' }, projectRoot });
    const host = await KioskHost.start(config);
    const result = host.handle('bootstrap', {});
    expect(result.status).toBe(200);
    const body = result.body as ApiResponses['bootstrap'];
    expect(body.content.ok).toBe(true);
    expect(body.config).toEqual({
      kioskId: config.kioskId,
      idleTimeoutSeconds: 90,
      maxDevicePixelRatio: 1.5,
      reducedMotion: false,
      testBridge: true,
      preview: false,
      staffScreen: false,
    });
    // Paths of the kiosk machine never reach the page.
    expect(JSON.stringify(body.config)).not.toContain(projectRoot);
  });

  it('a heartbeat marks the renderer as alive; a refused one does not', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
    const host = await KioskHost.start(await loadConfig({ env: { VORES_STED_CONTENT: builtInContent }, projectRoot }));
    const startedAt = host.lastHeartbeat;

    vi.setSystemTime(new Date('2026-11-23T10:05:00Z'));
    expect(host.handle('heartbeat', { screen: 'admin' }).status).toBe(400);
    expect(host.lastHeartbeat).toBe(startedAt);

    expect(host.handle('heartbeat', { screen: 'map' }).status).toBe(200);
    expect(host.lastHeartbeat).toBe(new Date('2026-11-23T10:05:00Z').getTime());
  });
});
