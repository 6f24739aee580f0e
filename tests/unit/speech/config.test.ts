import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../electron/core/config.js';
import { DEFAULT_PLAYER, playerInvocation, speechSettings } from '../../../electron/core/speech/index.js';
import { projectRoot } from '../host/support.js';
import { tempDirs } from '../unattended/support.js';

const dirs = tempDirs();
afterEach(dirs.cleanup);

async function loadWithSpeech(speech: unknown): Promise<Awaited<ReturnType<typeof loadConfig>>> {
  const path = join(await dirs.make('vores-sted-speech-config-'), 'config.json');
  await writeFile(path, JSON.stringify({ speech }));
  return loadConfig({ env: { VORES_STED_CONFIG: path }, projectRoot });
}

describe('the speech section of the kiosk config', () => {
  it('no section: read-aloud on, through aplay on the default ALSA device, announced every minute', async () => {
    const config = await loadConfig({ env: {}, projectRoot });
    expect(config.speech).toEqual({ enabled: true, audioDevice: 'default', player: [...DEFAULT_PLAYER], rate: 160, volume: 100, announceEveryMinutes: 1, idleTimeoutSeconds: 180, cacheMaxMB: 64 });
  });

  it('takes the headphone jack, a slower rate and another player', async () => {
    const config = await loadWithSpeech({ audioDevice: 'plughw:CARD=Headphones,DEV=0', rate: 130, player: ['pw-play', '--target', '{device}', '{file}'] });
    expect(config.speech).toMatchObject({ audioDevice: 'plughw:CARD=Headphones,DEV=0', rate: 130, player: ['pw-play', '--target', '{device}', '{file}'] });
  });

  it.each([
    [{ player: [] }, 'feltet „speech.player[0]“ mangler', 'field "speech.player[0]"'],
    [{ player: ['  ', '{file}'] }, 'feltet „speech.player[0]“ må ikke være tom', 'field "speech.player[0]"'],
    [{ rate: 1000 }, 'feltet „speech.rate“ må højst være 450', 'field "speech.rate"'],
    [{ audioDevice: 7 }, 'feltet „speech.audioDevice“ skal være en tekst', 'field "speech.audioDevice"'],
    [{ voice: 'da' }, 'feltet „speech.voice“ er ikke et kendt felt', 'field "speech.voice": unknown field'],
    [{ toggleKey: 'F9; rm -rf /' }, 'feltet „speech.toggleKey“ indeholder tegn, der ikke er tilladt', 'field "speech.toggleKey"'],
  ])('a wrong section %j stops the kiosk with a Danish line for IT and an English one for the log', async (speech, da, en) => {
    const failure = loadWithSpeech(speech);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toMatchObject({ messageDa: expect.stringContaining(da), messageEn: expect.stringContaining(en) });
  });
});

describe('playerInvocation', () => {
  it('fills in the device and the file, and touches nothing else (no shell: spaces and quotes stay as they are)', () => {
    const settings = speechSettings({ audioDevice: 'hw:1,0', player: ['aplay', '-q', '-D', '{device}', '--name={file}'] });
    expect(playerInvocation(settings, '/data/speech-cache/a b".wav')).toEqual({ argv: ['aplay', '-q', '-D', 'hw:1,0', '--name=/data/speech-cache/a b".wav'], stdinFile: null });
  });

  it('a command without "{file}" gets the sound on its stdin', () => {
    const settings = speechSettings({ player: ['aplay', '-q', '-'] });
    expect(playerInvocation(settings, '/x.wav')).toEqual({ argv: ['aplay', '-q', '-'], stdinFile: '/x.wav' });
  });
});
