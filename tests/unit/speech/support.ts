// Shared helpers for the read-aloud tests: a fake espeak-ng on a PATH of its own, a fake player that logs
// what it was given, and the real espeak-ng's voices for the few tests that use it.
import { execFile } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { speechSettings, type SpeechConfigInput, type SpeechProbeResult, type SpeechService, type SpeechSettings } from '../../../electron/core/speech/index.js';
import { tempDirs } from '../unattended/support.js';

const FAKES = fileURLToPath(new URL('./fakes/', import.meta.url));
export const FAKE_PLAYER_SCRIPT = join(FAKES, 'fake-player.mjs');

export type PlayerMode = 'done' | 'wait' | 'fail';

/** A player command that runs the fake player with this log and mode ("{file}" left out: the WAV comes on stdin). */
export function fakePlayer(log: string, mode: PlayerMode, { withFile = true } = {}): [string, ...string[]] {
  return [process.execPath, FAKE_PLAYER_SCRIPT, log, mode, ...(withFile ? ['{file}'] : [])];
}

export function settingsWith(player: [string, ...string[]], more: SpeechConfigInput = {}): SpeechSettings {
  return speechSettings({ ...more, player });
}

/**
 * A folder that holds only a fake `espeak-ng` (or nothing, with `espeak: false`), and an environment whose
 * PATH is that folder alone: the kiosk then finds exactly what the test put there.
 */
export async function fakeSystem(dir: string, options: { espeak?: boolean; langs?: string[] } = {}): Promise<{ env: NodeJS.ProcessEnv; espeakLog: string }> {
  const espeakLog = join(dir, 'espeak-runs.jsonl');
  if (options.espeak ?? true) {
    const program = join(dir, 'espeak-ng');
    const script = pathToFileURL(join(FAKES, 'fake-espeak.mjs')).href;
    await writeFile(program, `#!${process.execPath}\nimport(${JSON.stringify(script)});\n`);
    await chmod(program, 0o755);
  }
  const env: NodeJS.ProcessEnv = { PATH: dir, FAKE_ESPEAK_LOG: espeakLog, FAKE_ESPEAK_LANGS: (options.langs ?? ['da', 'en-gb']).join(',') };
  return { env, espeakLog };
}

/** The texts the fake espeak-ng was asked to speak, in order. */
export async function espeakRuns(log: string): Promise<Array<{ voice: string; text: string }>> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { voice: string; text: string });
}

/** The fake player's log lines, split into words. */
export async function playerLines(log: string): Promise<string[][]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '));
}

/** A probe result saying all is well, for tests that are not about probing. */
export const ALL_WELL: SpeechProbeResult = { available: true, voices: { da: 'da', en: 'en-gb' }, problems: [], problemDa: null, problemEn: null };

/** Duration in seconds as sox measures it. */
export async function soxSeconds(file: string): Promise<number> {
  const { stdout } = await promisify(execFile)('sox', ['--i', '-D', file]);
  return Number(stdout.trim());
}

/** Temp folders and the services started in them, for one test file; cleanup() (afterEach) closes the services first. */
export function speechTestRoom(): { makeDir: () => Promise<string>; keep: (service: SpeechService) => SpeechService; cleanup: () => Promise<void> } {
  const dirs = tempDirs();
  const services: SpeechService[] = [];
  return {
    makeDir: () => dirs.make('vores-sted-speech-'),
    keep: (service) => {
      services.push(service);
      return service;
    },
    cleanup: async () => {
      await Promise.all(services.splice(0).map((service) => service.close()));
      await dirs.cleanup();
    },
  };
}
