import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeSpeech } from '../../../electron/core/speech/index.js';
import { listedLanguages } from '../../../electron/core/speech/speech-probe.js';
import { tempDirs } from '../unattended/support.js';
import { espeakRuns, fakePlayer, fakeSystem, playerLines, settingsWith } from './support.js';

const dirs = tempDirs();
afterEach(dirs.cleanup);

async function scratch(): Promise<{ dir: string; log: string }> {
  const dir = await dirs.make('vores-sted-speech-probe-');
  return { dir, log: join(dir, 'player.log') };
}

describe('probeSpeech with the real espeak-ng', () => {
  it('finds the Danish and the British English voice and offers read-aloud', async () => {
    const { dir, log } = await scratch();
    const probe = await probeSpeech(settingsWith(fakePlayer(log, 'done')), { scratchDir: dir });
    expect(probe).toMatchObject({ available: true, voices: { da: 'da', en: 'en-gb' }, problems: [], problemDa: null, problemEn: null });
  });
});

describe('probeSpeech when something is missing', () => {
  it('without espeak-ng on the PATH: unavailable, and staff are told in Danish why the control is hidden', async () => {
    const { dir, log } = await scratch();
    const { env } = await fakeSystem(dir, { espeak: false });
    const probe = await probeSpeech(settingsWith(fakePlayer(log, 'done')), { scratchDir: dir, env });
    expect(probe.available).toBe(false);
    expect(probe.voices).toEqual({ da: null, en: null });
    expect(probe.problems.map((p) => p.code)).toEqual(['espeak-missing']);
    expect(probe.problemDa).toContain('espeak-ng er ikke installeret');
    expect(probe.problemDa).toContain('„Læs højt“ vises ikke');
    expect(probe.problemEn).toContain('espeak-ng is not installed');
  });

  it('without a Danish voice: unavailable', async () => {
    const { dir, log } = await scratch();
    const { env } = await fakeSystem(dir, { langs: ['en-gb', 'de'] });
    const probe = await probeSpeech(settingsWith(fakePlayer(log, 'done')), { scratchDir: dir, env });
    expect(probe).toMatchObject({ available: false, voices: { da: null, en: 'en-gb' } });
    expect(probe.problemDa).toContain('ingen dansk stemme');
  });

  it('without an English voice: Danish read-aloud stays, and staff are told English is missing', async () => {
    const { dir, log } = await scratch();
    const { env } = await fakeSystem(dir, { langs: ['da', 'de'] });
    const probe = await probeSpeech(settingsWith(fakePlayer(log, 'done')), { scratchDir: dir, env });
    expect(probe).toMatchObject({ available: true, voices: { da: 'da', en: null } });
    expect(probe.problemDa).toContain('ingen engelsk stemme');
  });

  it('falls back to another English voice when there is no British one', async () => {
    const { dir, log } = await scratch();
    const { env } = await fakeSystem(dir, { langs: ['da', 'en-us'] });
    const probe = await probeSpeech(settingsWith(fakePlayer(log, 'done')), { scratchDir: dir, env });
    expect(probe.voices).toEqual({ da: 'da', en: 'en-us' });
  });

  it('when the audio device cannot be opened: unavailable, naming the device', async () => {
    const { dir, log } = await scratch();
    const probe = await probeSpeech(settingsWith(fakePlayer(log, 'fail'), { audioDevice: 'plughw:CARD=Headphones' }), { scratchDir: dir });
    expect(probe.available).toBe(false);
    expect(probe.problems.map((p) => p.code)).toEqual(['no-audio-device']);
    expect(probe.problemDa).toContain('lydenheden „plughw:CARD=Headphones“ kan ikke bruges');
    expect(probe.problemEn).toContain('audio open error');
  });

  it('when the player program is not installed: unavailable, naming it', async () => {
    const { dir } = await scratch();
    const { env } = await fakeSystem(dir);
    const probe = await probeSpeech(settingsWith(['aplay', '-D', '{device}', '{file}']), { scratchDir: dir, env });
    expect(probe.available).toBe(false);
    expect(probe.problems.map((p) => p.code)).toEqual(['player-missing']);
    expect(probe.problemDa).toContain('afspilleren „aplay“ findes ikke (pakken alsa-utils)');
  });

  it('says every problem at once, so IT fixes them in one visit', async () => {
    const { dir } = await scratch();
    const { env } = await fakeSystem(dir, { espeak: false });
    const probe = await probeSpeech(settingsWith(['aplay', '{file}']), { scratchDir: dir, env });
    expect(probe.problems.map((p) => p.code)).toEqual(['espeak-missing', 'player-missing']);
  });

  it('switched off in the config: unavailable without running anything', async () => {
    const { dir, log } = await scratch();
    const { env, espeakLog } = await fakeSystem(dir);
    const probe = await probeSpeech(settingsWith(fakePlayer(log, 'done'), { enabled: false }), { scratchDir: dir, env });
    expect(probe).toMatchObject({ available: false, problems: [{ code: 'disabled' }] });
    expect(probe.problemDa).toContain('slået fra');
    expect(await playerLines(log)).toEqual([]);
    expect(await espeakRuns(espeakLog)).toEqual([]);
  });
});

describe('listedLanguages', () => {
  it('reads the language column of espeak-ng --voices and leaves out MBROLA voices, which need a program Debian does not install', () => {
    const listing = [
      'Pty Language       Age/Gender VoiceName          File                 Other Languages',
      ' 5  da              --/M      Danish             gmq/da               ',
      ' 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)',
      ' 3  en-uk           --/M      english-mb-en1     mb/mb-en1            (en-gb 3)(en 2)',
      '',
    ].join('\n');
    expect(listedLanguages(listing)).toEqual(['da', 'en-gb']);
  });
});
