import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, MAX_SPEAK_CHARS, type ApiResponses, type StaffHealth } from '../../../contract/api.js';
import { loadConfig, type KioskConfig } from '../../../electron/core/config.js';
import { KioskHost } from '../../../electron/core/kiosk-host.js';
import { contentSpeechItems, ReadAloudHost } from '../../../electron/core/read-aloud.js';
import { SpeechService, type SpeechProbeResult } from '../../../electron/core/speech/index.js';
import { gatherKioskHealth } from '../../../electron/core/kiosk-health.js';
import { staffHealthView } from '../../../electron/core/staff-health.js';
import { SPOKEN_LOG_PATH, startKioskServer, type KioskServer } from '../../../electron/kiosk/http-server.js';
import { ALL_WELL, fakePlayer, fakeSystem, speechTestRoom } from '../speech/support.js';
import { builtInContent, httpRequest, projectRoot } from './support.js';

// Read-aloud as the renderer reaches it (issue 10): the contract's speak / stopSpeaking / prewarmSpeech,
// answered at once, the speech following in order; what the bootstrap offers; what the staff health
// screen says when it cannot work; and the spoken log end-to-end tests read, only with the test bridge.
// espeak-ng and the player are the speech tests' fakes (there is no sound card here).

const room = speechTestRoom();
afterEach(room.cleanup);

const NO_VOICES: SpeechProbeResult = {
  available: false,
  voices: { da: null, en: null },
  problems: [{ code: 'espeak-missing', messageDa: 'Oplæsning virker ikke: programmet espeak-ng er ikke installeret.', messageEn: 'espeak-ng is not installed' }],
  problemDa: 'Oplæsning virker ikke: programmet espeak-ng er ikke installeret.',
  problemEn: 'espeak-ng is not installed',
};

async function kioskConfig(more: Record<string, string> = {}): Promise<KioskConfig> {
  return await loadConfig({ env: { VORES_STED_CONTENT: builtInContent, ...more }, projectRoot });
}

/** A kiosk host with read-aloud attached, speaking through the fake espeak-ng and a player that exits at once. */
async function hostWithSpeech(probe: SpeechProbeResult = ALL_WELL, config?: KioskConfig): Promise<{ host: KioskHost; readAloud: ReadAloudHost }> {
  const dataDir = await room.makeDir();
  const { env } = await fakeSystem(dataDir);
  const kiosk = config ?? (await kioskConfig());
  const settings = { ...kiosk.speech, player: fakePlayer(join(dataDir, 'player.log'), 'done') };
  const service = room.keep(await SpeechService.start({ settings, dataDir, env, probe }));
  const readAloud = new ReadAloudHost(service, settings);
  const host = await KioskHost.start({ ...kiosk, dataDir });
  host.attachReadAloud(readAloud);
  return { host, readAloud };
}

const said = (readAloud: ReadAloudHost): string[] => readAloud.spokenLog().map((entry) => entry.text);

describe('speak, stopSpeaking and prewarmSpeech in the contract', () => {
  it('are methods of the contract', () => {
    expect(API_METHODS).toEqual(expect.arrayContaining(['speak', 'stopSpeaking', 'prewarmSpeech']));
  });

  it('speak answers at once and the text is then said, in the voice of its language', async () => {
    const { host, readAloud } = await hostWithSpeech();
    expect(host.handle('speak', { text: 'Tilbage', lang: 'da' })).toEqual({ status: 200, body: { ok: true } });
    // Answered before anything was said: the host API never waits for speech.
    expect(said(readAloud)).toEqual([]);
    await readAloud.whenSaid();
    expect(host.handle('speak', { text: 'Back', lang: 'en' }).status).toBe(200);
    await readAloud.whenSaid();
    expect(readAloud.spokenLog().map(({ text, voice }) => [text, voice])).toEqual([
      ['Tilbage', 'da'],
      ['Back', 'en-gb'],
    ]);
  });

  it('queued texts follow in order; a new speak drops what was still waiting', async () => {
    const { host, readAloud } = await hostWithSpeech();
    host.handle('speak', { text: 'Historiens titel', lang: 'da' });
    host.handle('speak', { text: '<p>Første afsnit.</p>', lang: 'da', format: 'html', queue: true });
    host.handle('speak', { text: '<p>Andet afsnit.</p>', lang: 'da', format: 'html', queue: true });
    await readAloud.whenSaid();
    expect(said(readAloud)).toEqual(['Historiens titel', '<p>Første afsnit.</p>', '<p>Andet afsnit.</p>']);
    expect(readAloud.spokenLog()[1]?.said).toBe('Første afsnit.');

    host.handle('speak', { text: 'En lang historie', lang: 'da' });
    host.handle('speak', { text: 'Resten af historien', lang: 'da', queue: true });
    host.handle('speak', { text: 'Hjem', lang: 'da' });
    await readAloud.whenSaid();
    expect(said(readAloud).slice(3)).not.toContain('Resten af historien');
    expect(said(readAloud).at(-1)).toBe('Hjem');
  });

  it('stopSpeaking drops what was queued', async () => {
    const { host, readAloud } = await hostWithSpeech();
    host.handle('speak', { text: 'Titel', lang: 'da' });
    host.handle('speak', { text: 'Brødtekst', lang: 'da', queue: true });
    expect(host.handle('stopSpeaking', {})).toEqual({ status: 200, body: { ok: true } });
    await readAloud.whenSaid();
    expect(said(readAloud)).not.toContain('Brødtekst');
  });

  it.each([
    ['an empty text', { text: '', lang: 'da' }, /text/],
    ['a text over the cap', { text: 'a'.repeat(MAX_SPEAK_CHARS + 1), lang: 'da' }, /text: must be at most 3000/],
    ['a language without a voice in the contract', { text: 'Bonjour', lang: 'fr' }, /lang/],
    ['a format espeak-ng is not given', { text: 'Hej', lang: 'da', format: 'ssml' }, /format/],
    ['an extra field', { text: 'Hej', lang: 'da', voice: 'mb-de1' }, /voice/],
    ['a number as text', { text: 42, lang: 'da' }, /text: must be a string/],
  ])('speak with %s is refused before anything is said, and the refusal never quotes the text', async (_name, payload, message) => {
    const { host, readAloud } = await hostWithSpeech();
    const result = host.handle('speak', payload);
    expect(result.status).toBe(400);
    expect((result.body as { error: string }).error).toMatch(message);
    expect((result.body as { error: string }).error).not.toContain('aaaa');
    await readAloud.whenSaid();
    expect(said(readAloud)).toEqual([]);
  });

  it('prewarmSpeech takes at most 500 short texts', async () => {
    const { host } = await hostWithSpeech();
    expect(host.handle('prewarmSpeech', { items: [{ text: 'Læs højt', lang: 'da' }] }).status).toBe(200);
    expect(host.handle('prewarmSpeech', { items: Array.from({ length: 501 }, () => ({ text: 'x', lang: 'da' })) }).status).toBe(400);
    expect(host.handle('prewarmSpeech', { items: [{ text: 'x'.repeat(301), lang: 'da' }] }).status).toBe(400);
  });
});

describe('what the renderer is told at bootstrap', () => {
  it('read-aloud with both voices, the announcement interval and the longer idle timeout from the config', async () => {
    const { host } = await hostWithSpeech();
    const body = host.handle('bootstrap', {}).body as ApiResponses['bootstrap'];
    expect(body.speech).toEqual({ available: true, languages: ['da', 'en'], announceEveryMinutes: 1, idleTimeoutSeconds: 180, toggleKey: null });
  });

  it('without an English voice, Danish only', async () => {
    const { host } = await hostWithSpeech({ ...ALL_WELL, voices: { da: 'da', en: null } });
    expect((host.handle('bootstrap', {}).body as ApiResponses['bootstrap']).speech.languages).toEqual(['da']);
  });

  it('no read-aloud where espeak-ng is missing: the control is hidden, and speak is harmless', async () => {
    const { host, readAloud } = await hostWithSpeech(NO_VOICES);
    expect((host.handle('bootstrap', {}).body as ApiResponses['bootstrap']).speech.available).toBe(false);
    expect(host.handle('speak', { text: 'Hej', lang: 'da' }).status).toBe(200);
    await readAloud.whenSaid();
    expect(said(readAloud)).toEqual([]);
  });
});

describe('the staff health screen', () => {
  async function health(host: KioskHost): Promise<StaffHealth> {
    const dataDir = host.config.dataDir;
    return staffHealthView(await gatherKioskHealth({ host, dataDir, starts: null, watchdogCounts: () => undefined, installedVersion: () => 0 }));
  }

  it('says why read-aloud is missing, in Danish, among what needs attention', async () => {
    const { host } = await hostWithSpeech(NO_VOICES);
    const view = await health(host);
    expect(view.warnings).toContain('Oplæsning virker ikke: programmet espeak-ng er ikke installeret.');
    expect(view.rows).toContainEqual({ label: 'Oplæsning (Læs højt)', value: 'virker ikke – knappen „Læs højt“ vises ikke' });
  });

  it('says nothing needs attention when it works, and which languages it speaks', async () => {
    const { host } = await hostWithSpeech();
    const view = await health(host);
    expect(view.warnings.filter((warning) => warning.includes('Oplæsning'))).toEqual([]);
    expect(view.rows).toContainEqual({ label: 'Oplæsning (Læs højt)', value: 'virker (dansk og engelsk)' });
  });
});

describe('the content said ahead of time', () => {
  it('is every title and name once, Danish and the English there is', async () => {
    const host = await KioskHost.start(await kioskConfig());
    if (!host.content.ok) throw new Error('the built-in content must load');
    const snapshot = host.content.snapshot;
    const items = contentSpeechItems(snapshot);
    const task = snapshot.coreTasks[0];
    expect(items).toContainEqual({ text: task?.title.da, lang: 'da' });
    expect(items).toContainEqual({ text: task?.title.en, lang: 'en' });
    expect(items).toContainEqual({ text: snapshot.villages[0]?.name, lang: 'da' });
    expect(new Set(items.map((item) => `${item.lang}:${item.text}`)).size).toBe(items.length);
  });
});

describe('the spoken log for end-to-end tests', () => {
  let withBridge: KioskServer;
  let without: KioskServer;
  let readAloud: ReadAloudHost;

  beforeAll(async () => {
    const bridged = await hostWithSpeech(ALL_WELL, await kioskConfig({ VORES_STED_TEST_BRIDGE: '1' }));
    readAloud = bridged.readAloud;
    withBridge = await startKioskServer(bridged.host, join(projectRoot, 'dist', 'renderer'), 0);
    without = await startKioskServer((await hostWithSpeech()).host, join(projectRoot, 'dist', 'renderer'), 0);
  });

  afterAll(async () => {
    await withBridge.close();
    await without.close();
  });

  it('is there only with the test bridge on, and says what was said', async () => {
    readAloud.speak({ text: 'Kilder og tak', lang: 'da' });
    await readAloud.whenSaid();
    const response = await httpRequest({ port: withBridge.port, path: SPOKEN_LOG_PATH });
    expect(response.status).toBe(200);
    expect((JSON.parse(response.body) as { entries: { text: string }[] }).entries.map((entry) => entry.text)).toEqual(['Kilder og tak']);
    expect((await httpRequest({ port: without.port, path: SPOKEN_LOG_PATH })).status).toBe(403);
  });
});
