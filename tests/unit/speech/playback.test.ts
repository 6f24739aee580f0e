import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SpeechService, type SpeechEvent, type SpeechProbeResult } from '../../../electron/core/speech/index.js';
import { ALL_WELL, espeakRuns, fakePlayer, fakeSystem, playerLines, settingsWith, speechTestRoom, type PlayerMode } from './support.js';

// Playing: one voice at a time, a new touch silences the old one, and nothing a broken device does reaches
// the caller as an exception. The player is a fake that logs "start"/"stop" (there is no sound card here).

const room = speechTestRoom();
afterEach(room.cleanup);

interface Setup {
  service: SpeechService;
  playerLog: string;
  espeakLog: string;
  events: SpeechEvent[];
  setClock: (iso: string) => void;
}

async function setup(mode: PlayerMode, options: { probe?: SpeechProbeResult; withFile?: boolean; spokenLogSize?: number } = {}): Promise<Setup> {
  const dataDir = await room.makeDir();
  const playerLog = join(dataDir, 'player.log');
  const { env, espeakLog } = await fakeSystem(dataDir);
  const events: SpeechEvent[] = [];
  let clock = Date.parse('2026-06-01T10:00:00Z');
  const setClock = (iso: string): void => {
    clock = Date.parse(iso);
  };
  const service = await SpeechService.start({
    settings: settingsWith(fakePlayer(playerLog, mode, { withFile: options.withFile ?? true })),
    dataDir,
    env,
    probe: options.probe ?? ALL_WELL,
    now: () => clock,
    spokenLogSize: options.spokenLogSize,
    onEvent: (event) => events.push(event),
  });
  room.keep(service);
  return { service, playerLog, espeakLog, events, setClock };
}

/** Waits (polling the fake player's log, no fixed sleep) until it has written `count` lines. */
async function playerLogHas(log: string, count: number): Promise<string[][]> {
  return await vi.waitFor(async () => {
    const lines = await playerLines(log);
    expect(lines.length).toBeGreaterThanOrEqual(count);
    return lines;
  });
}

describe('speaking and interrupting', () => {
  it('a new touch silences the speech before it: the old player is stopped before the new one starts', async () => {
    const { service, playerLog } = await setup('wait');
    const first = service.speak('Osted er en landsby', 'da');
    const [[, firstPid] = []] = await playerLogHas(playerLog, 1);
    const second = service.speak('Kirken', 'da');
    expect(await first).toEqual({ kind: 'interrupted' });
    const lines = await playerLogHas(playerLog, 3);
    expect(lines.map((line) => line[0])).toEqual(['start', 'stop', 'start']);
    expect(lines[1]).toEqual(['stop', firstPid, 'SIGTERM']);
    service.stop();
    expect(await second).toEqual({ kind: 'interrupted' });
    expect((await playerLogHas(playerLog, 4))[3]?.[0]).toBe('stop');
  });

  it('a finger moving on before its speech is ready: only the last control is spoken', async () => {
    const { service, playerLog } = await setup('done');
    const outcomes = await Promise.all([service.speak('Kort', 'da'), service.speak('Historier', 'da'), service.speak('Tilbage', 'da')]);
    expect(outcomes).toEqual([{ kind: 'interrupted' }, { kind: 'interrupted' }, { kind: 'spoken', cached: false }]);
    expect(await playerLines(playerLog)).toHaveLength(1);
    expect(service.spokenLog().map((entry) => entry.said)).toEqual(['Tilbage.']);
  });

  it('stop() with nothing playing does nothing harmful, and speech works after it', async () => {
    const { service } = await setup('done');
    service.stop();
    expect(await service.speak('Igen', 'da')).toEqual({ kind: 'spoken', cached: false });
  });

  it('a player without "{file}" gets the whole WAV on its stdin', async () => {
    const { service, playerLog } = await setup('done', { withFile: false });
    await service.speak('Lyt', 'da');
    const [line] = await playerLines(playerLog);
    expect(line?.[2]).toBe('-');
    expect(line?.[4]).toBe('RIFF');
    expect(Number(line?.[3])).toBeGreaterThan(1000);
  });
});

describe('what was said', () => {
  it('spokenLog() has each spoken text with its time, language, voice and what espeak-ng was given', async () => {
    const { service, events, setClock } = await setup('done');
    setClock('2026-06-01T10:00:01Z');
    await service.speak('Åbent kl. 10-17', 'da');
    setClock('2026-06-01T10:00:02Z');
    await service.speak('Open 10-17', 'en');
    expect(service.spokenLog()).toEqual([
      { at: Date.parse('2026-06-01T10:00:01Z'), lang: 'da', text: 'Åbent kl. 10-17', said: 'Åbent klokken 10 til 17.', voice: 'da', cached: false, seconds: expect.closeTo(24 * 1000 / 22050, 3) },
      { at: Date.parse('2026-06-01T10:00:02Z'), lang: 'en', text: 'Open 10-17', said: 'Open 10 to 17.', voice: 'en-gb', cached: false, seconds: expect.closeTo(14 * 1000 / 22050, 3) },
    ]);
    expect(events.map((event) => (event.type === 'playing' ? `playing ${event.entry.lang}` : `ended ${event.outcome}`))).toEqual(['playing da', 'ended spoken', 'playing en', 'ended spoken']);
  });

  it('keeps only the last N entries', async () => {
    const { service } = await setup('done', { spokenLogSize: 2 });
    for (const word of ['En', 'To', 'Tre']) await service.speak(word, 'da');
    expect(service.spokenLog().map((entry) => entry.text)).toEqual(['To', 'Tre']);
  });
});

describe('when speech cannot work, the caller gets a result, never an exception', () => {
  it('a broken audio device: a failed playback, counted for the health screen', async () => {
    const { service } = await setup('fail');
    const outcome = await service.speak('Hallo', 'da');
    expect(outcome).toMatchObject({ kind: 'failed', stage: 'playback' });
    expect(outcome.kind === 'failed' && outcome.detail).toContain('audio open error');
    expect(service.status().failures).toEqual({ synthesis: 0, playback: 1 });
  });

  it('read-aloud unavailable: says why and runs nothing', async () => {
    const probe: SpeechProbeResult = { available: false, voices: { da: null, en: null }, problems: [], problemDa: 'x', problemEn: 'espeak-ng is not installed' };
    const { service, playerLog, espeakLog } = await setup('done', { probe });
    expect(await service.speak('Hallo', 'da')).toEqual({ kind: 'unavailable', problemEn: 'espeak-ng is not installed' });
    expect(await service.prewarm([{ text: 'Hallo', lang: 'da' }])).toMatchObject({ skipped: 1 });
    expect(await espeakRuns(espeakLog)).toEqual([]);
    expect(await playerLines(playerLog)).toEqual([]);
  });

  it('English without an English voice: unavailable for English only', async () => {
    const { service } = await setup('done', { probe: { ...ALL_WELL, voices: { da: 'da', en: null } } });
    expect(await service.speak('Hello', 'en')).toMatchObject({ kind: 'unavailable' });
    expect(await service.speak('Hej', 'da')).toEqual({ kind: 'spoken', cached: false });
  });

  it('espeak-ng fails (a voice removed since the start): a failed synthesis, counted', async () => {
    const { service } = await setup('done', { probe: { ...ALL_WELL, voices: { da: 'no-such-voice', en: 'en-gb' } } });
    expect(await service.speak('Hej', 'da')).toMatchObject({ kind: 'failed', stage: 'synthesis' });
    expect(service.status().failures).toEqual({ synthesis: 1, playback: 0 });
  });

  it('nothing to say: no program runs', async () => {
    const { service, espeakLog } = await setup('done');
    expect(await service.speak('<p></p>', 'da', { format: 'html' })).toEqual({ kind: 'nothing-to-say' });
    expect(await espeakRuns(espeakLog)).toEqual([]);
  });

  it('after close(): unavailable, and a speech still playing is stopped', async () => {
    const { service, playerLog } = await setup('wait');
    const playing = service.speak('Farvel', 'da');
    await playerLogHas(playerLog, 1);
    await service.close();
    expect(await playing).toEqual({ kind: 'interrupted' });
    expect(await service.speak('Hej', 'da')).toMatchObject({ kind: 'unavailable' });
  });
});
