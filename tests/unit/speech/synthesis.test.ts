import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpeechService } from '../../../electron/core/speech/index.js';
import { tempDirs } from '../unattended/support.js';
import { ALL_WELL, fakePlayer, playerLines, settingsWith, soxSeconds } from './support.js';

// The real espeak-ng, a fake player (there is no sound card here): what would reach the speakers is a
// real WAV file, measured with sox.

const dirs = tempDirs();
afterEach(dirs.cleanup);

describe('speech made by the real espeak-ng', () => {
  it('a Danish and an English sentence become whole WAV files whose length fits the text', async () => {
    const dataDir = await dirs.make('vores-sted-speech-real-');
    const log = join(dataDir, 'player.log');
    const service = await SpeechService.start({ settings: settingsWith(fakePlayer(log, 'done')), dataDir, probe: ALL_WELL });
    try {
      expect(await service.speak('Læs højt', 'da')).toEqual({ kind: 'spoken', cached: false });
      expect(await service.speak('Velkommen til Lejre Kommune. Tryk på en landsby på kortet for at høre dens historie.', 'da')).toEqual({ kind: 'spoken', cached: false });
      expect(await service.speak('Welcome to Lejre. Touch a village on the map to hear its story.', 'en')).toEqual({ kind: 'spoken', cached: false });
    } finally {
      await service.close();
    }
    const played = await playerLines(log);
    expect(played.map((line) => [line[0], line[4]])).toEqual([
      ['start', 'RIFF'],
      ['start', 'RIFF'],
      ['start', 'RIFF'],
    ]);
    const [label, danish, english] = await Promise.all(played.map((line) => soxSeconds(line[2] as string)));
    expect(label).toBeGreaterThan(0.3);
    expect(label).toBeLessThan(2);
    for (const sentence of [danish, english]) {
      expect(sentence).toBeGreaterThan(2);
      expect(sentence).toBeLessThan(10);
    }
    expect(danish).toBeGreaterThan(label as number);
  });
});
