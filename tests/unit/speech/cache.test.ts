import { readdir, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SPEECH_CACHE_FOLDER, SpeechService, type SpeechConfigInput, type SpeechProbeResult } from '../../../electron/core/speech/index.js';
import { ALL_WELL, espeakRuns, fakePlayer, fakeSystem, playerLines, settingsWith, speechTestRoom } from './support.js';

// The cache, with a fake espeak-ng that counts its runs (1000 samples ≈ 2 kB of WAV per character).

const room = speechTestRoom();
afterEach(room.cleanup);

interface Kiosk {
  dataDir: string;
  playerLog: string;
  espeakLog: string;
  start: (more?: SpeechConfigInput, probe?: SpeechProbeResult) => Promise<SpeechService>;
}

async function kiosk(): Promise<Kiosk> {
  const dataDir = await room.makeDir();
  const playerLog = join(dataDir, 'player.log');
  const { env, espeakLog } = await fakeSystem(dataDir);
  let tick = 0;
  const start = async (more: SpeechConfigInput = {}, probe = ALL_WELL): Promise<SpeechService> => {
    // A clock that moves one step per reading: "least recently used" is then exact.
    const service = await SpeechService.start({ settings: settingsWith(fakePlayer(playerLog, 'done'), more), dataDir, env, probe, now: () => ++tick });
    room.keep(service);
    return service;
  };
  return { dataDir, playerLog, espeakLog, start };
}

async function cachedFiles(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, SPEECH_CACHE_FOLDER))).filter((name) => /^[0-9a-f]{32}\.wav$/.test(name)).map((name) => join(dataDir, SPEECH_CACHE_FOLDER, name));
}

describe('the speech cache', () => {
  it('the second time a text is said it comes from the cache: espeak-ng runs once', async () => {
    const k = await kiosk();
    const service = await k.start();
    expect(await service.speak('Mere tid', 'da')).toEqual({ kind: 'spoken', cached: false });
    expect(await service.speak('Mere tid', 'da')).toEqual({ kind: 'spoken', cached: true });
    expect(await espeakRuns(k.espeakLog)).toEqual([{ voice: 'da', text: 'Mere tid.', args: expect.any(Array) }]);
    const played = await playerLines(k.playerLog);
    expect(played).toHaveLength(2);
    expect(played[1]?.[2]).toBe(played[0]?.[2]);
  });

  it('another voice or rate is another recording', async () => {
    const k = await kiosk();
    const service = await k.start();
    await service.speak('Kort', 'da');
    await service.speak('Kort', 'en');
    await service.speak('Kort', 'da', { rate: 220 });
    expect((await espeakRuns(k.espeakLog)).map((run) => run.voice)).toEqual(['da', 'en-gb', 'da']);
  });

  it('survives a restart: the next kiosk run plays it without espeak-ng', async () => {
    const k = await kiosk();
    await (await k.start()).speak('Velkommen', 'da');
    const again = await k.start();
    expect(await again.speak('Velkommen', 'da')).toEqual({ kind: 'spoken', cached: true });
    expect(await espeakRuns(k.espeakLog)).toHaveLength(1);
  });

  it('a file cut short (a power cut) is never played: the speech is made again', async () => {
    const k = await kiosk();
    const service = await k.start();
    await service.speak('Tryk på kortet', 'da');
    const [file] = await cachedFiles(k.dataDir);
    const whole = (await stat(file as string)).size;
    await truncate(file as string, Math.floor(whole / 2));
    expect(await service.speak('Tryk på kortet', 'da')).toEqual({ kind: 'spoken', cached: false });
    expect(await espeakRuns(k.espeakLog)).toHaveLength(2);
    // What the player got the second time is the whole file again.
    expect((await playerLines(k.playerLog)).map((line) => Number(line[3]))).toEqual([whole, whole]);
  });

  it('a file of zeros (blocks never written before a power cut) is never played', async () => {
    const k = await kiosk();
    const service = await k.start();
    await service.speak('Historier', 'da');
    const [file] = await cachedFiles(k.dataDir);
    await writeFile(file as string, Buffer.alloc((await stat(file as string)).size));
    expect(await service.speak('Historier', 'da')).toEqual({ kind: 'spoken', cached: false });
    expect((await playerLines(k.playerLog)).map((line) => line[4])).toEqual(['RIFF', 'RIFF']);
  });

  it('half-written files a power cut left behind are cleared at start', async () => {
    const k = await kiosk();
    await k.start();
    const leftover = join(k.dataDir, SPEECH_CACHE_FOLDER, `${'a'.repeat(32)}.4711.1.tmp`);
    await writeFile(leftover, 'RIFF');
    await k.start();
    expect(await readdir(join(k.dataDir, SPEECH_CACHE_FOLDER))).not.toContain(`${'a'.repeat(32)}.4711.1.tmp`);
  });

  it('stays under its size cap by removing the least recently used speech first', async () => {
    const k = await kiosk();
    const service = await k.start({ cacheMaxMB: 1 });
    // About 200 kB each: five fit under 1 MB, eight do not.
    const texts = Array.from({ length: 8 }, (_, i) => `Historie nummer ${i + 1}: ${'landsbyen ved fjorden '.repeat(4)}`);
    for (const [index, text] of texts.entries()) {
      await service.speak(text, 'da');
      // The first story is asked for again and again: it must stay.
      if (index > 0) await service.speak(texts[0] as string, 'da');
    }
    const sizes = await Promise.all((await cachedFiles(k.dataDir)).map(async (file) => (await stat(file)).size));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    expect(total).toBeLessThanOrEqual(1024 * 1024);
    expect(service.status().cache).toEqual({ files: sizes.length, bytes: total });
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    const runsBefore = (await espeakRuns(k.espeakLog)).length;
    expect(await service.speak(texts[0] as string, 'da')).toEqual({ kind: 'spoken', cached: true });
    expect(await service.speak(texts[7] as string, 'da')).toEqual({ kind: 'spoken', cached: true });
    expect(await service.speak(texts[1] as string, 'da')).toEqual({ kind: 'spoken', cached: false });
    expect(await espeakRuns(k.espeakLog)).toHaveLength(runsBefore + 1);
  });
});

describe('pre-warming', () => {
  it('makes the speech ahead of time, so the first touch plays at once', async () => {
    const k = await kiosk();
    const service = await k.start();
    const summary = await service.prewarm([
      { text: 'Læs højt', lang: 'da' },
      { text: 'Mere tid', lang: 'da' },
      { text: 'More time', lang: 'en' },
      { text: '<p> </p>', lang: 'da', format: 'html' },
    ]);
    expect(summary).toEqual({ made: 3, alreadyReady: 0, failed: 0, skipped: 1 });
    expect(await playerLines(k.playerLog)).toEqual([]);
    expect(await service.speak('Mere tid', 'da')).toEqual({ kind: 'spoken', cached: true });
    expect(await service.prewarm([{ text: 'Læs højt', lang: 'da' }])).toEqual({ made: 0, alreadyReady: 1, failed: 0, skipped: 0 });
    expect(await espeakRuns(k.espeakLog)).toHaveLength(3);
  });

  it('skips a language without a voice instead of failing', async () => {
    const k = await kiosk();
    const service = await k.start({}, { ...ALL_WELL, voices: { da: 'da', en: null } });
    expect(await service.prewarm([{ text: 'More time', lang: 'en' }, { text: 'Mere tid', lang: 'da' }])).toEqual({ made: 1, alreadyReady: 0, failed: 0, skipped: 1 });
  });

  it('a visitor touching while pre-warming runs is answered with the speech asked for', async () => {
    const k = await kiosk();
    const service = await k.start();
    const labels = Array.from({ length: 6 }, (_, i) => ({ text: `Knap ${i + 1}`, lang: 'da' as const }));
    const warming = service.prewarm(labels);
    expect(await service.speak('Tilbage til kortet', 'da')).toEqual({ kind: 'spoken', cached: false });
    expect((await warming).made).toBe(6);
    expect(service.spokenLog().map((entry) => entry.said)).toEqual(['Tilbage til kortet.']);
  });
});
