import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../logger.js';
import { lastLine, runProgram } from './run-program.js';
import { playerInvocation, type SpeechSettings } from './speech-config.js';
import type { SpeechLang } from './speech-text.js';
import { ESPEAK, espeakArgs } from './synthesiser.js';
import { silentWav } from './wav.js';

// At start: can read-aloud work on this machine? A control that offers speech and then stays silent is
// worse than none, so the kiosk hides it unless espeak-ng, a Danish voice and a player that opens the audio
// device are all there, and tells staff (Danish) and the log (English) what is missing.

const log = createLogger('speech-probe');

export type SpeechProblemCode = 'disabled' | 'espeak-missing' | 'espeak-broken' | 'voice-missing-da' | 'voice-missing-en' | 'player-missing' | 'no-audio-device' | 'cache-unwritable';

export interface SpeechProblem {
  code: SpeechProblemCode;
  messageDa: string;
  messageEn: string;
}

export interface SpeechProbeResult {
  /** Danish read-aloud works: show the control. (English needs `voices.en` as well.) */
  available: boolean;
  /** The espeak-ng voice used per language, or null when there is none. */
  voices: Record<SpeechLang, string | null>;
  problems: SpeechProblem[];
  /** Every problem in one text for the staff health screen; null when all is well. */
  problemDa: string | null;
  problemEn: string | null;
}

export interface ProbeOptions {
  /** Where the probe may write its test sound (the speech cache folder). */
  scratchDir: string;
  /** Whose PATH finds the programs; the host's own by default. */
  env?: NodeJS.ProcessEnv;
}

const COMMAND_TIMEOUT_MS = 5_000;
const PROBE_SOUND_MS = 50;
/** English voices in order of preference: British English first, as the kiosk's English texts are. */
const ENGLISH_PREFERENCE = ['en-gb', 'en', 'en-us'];
const HIDDEN = 'Knappen „Læs højt“ vises ikke.';

function problem(code: SpeechProblemCode, messageDa: string, messageEn: string): SpeechProblem {
  return { code, messageDa, messageEn };
}

/** Finds out whether read-aloud can work; never throws. */
export async function probeSpeech(settings: SpeechSettings, options: ProbeOptions): Promise<SpeechProbeResult> {
  if (!settings.enabled) {
    log.info('read-aloud is switched off in the config');
    return summarise({ da: null, en: null }, [problem('disabled', 'Oplæsning er slået fra i konfigurationen (speech.enabled).', 'read-aloud is switched off in the config (speech.enabled)')]);
  }
  const [speech, player] = await Promise.all([probeVoices(options.env), probePlayer(settings, options)]);
  const result = summarise(speech.voices, [...speech.problems, ...player]);
  if (result.problemEn === null) log.info({ voices: result.voices, device: settings.audioDevice }, 'read-aloud is available');
  else if (result.available) log.warn({ voices: result.voices, problems: result.problemEn }, 'read-aloud is available with a problem');
  else log.warn({ problems: result.problemEn }, 'read-aloud is unavailable; the read-aloud control is hidden');
  return result;
}

function summarise(voices: SpeechProbeResult['voices'], problems: SpeechProblem[]): SpeechProbeResult {
  const blocking = problems.some((p) => p.code !== 'voice-missing-en');
  return {
    available: !blocking && voices.da !== null,
    voices,
    problems,
    problemDa: problems.length === 0 ? null : problems.map((p) => p.messageDa).join(' '),
    problemEn: problems.length === 0 ? null : problems.map((p) => p.messageEn).join('; '),
  };
}

async function probeVoices(env: NodeJS.ProcessEnv | undefined): Promise<{ voices: SpeechProbeResult['voices']; problems: SpeechProblem[] }> {
  const none = { da: null, en: null };
  const listed = await runProgram([ESPEAK, '--voices'], { env, timeoutMs: COMMAND_TIMEOUT_MS });
  if (listed.kind === 'not-found') {
    return { voices: none, problems: [problem('espeak-missing', `Oplæsning virker ikke: programmet espeak-ng er ikke installeret. ${HIDDEN}`, 'espeak-ng is not installed (apt-get install espeak-ng)')] };
  }
  if (listed.kind !== 'exited' || listed.code !== 0) {
    const detail = listed.kind === 'exited' ? lastLine(listed.stderr) : listed.kind;
    return { voices: none, problems: [problem('espeak-broken', `Oplæsning virker ikke: programmet espeak-ng fejler. ${HIDDEN}`, `espeak-ng --voices failed: ${detail}`)] };
  }
  const languages = listedLanguages(listed.stdout.toString('utf8'));
  const [da, en] = await Promise.all([
    usableVoice(languages.includes('da') ? 'da' : null, env),
    usableVoice(ENGLISH_PREFERENCE.find((voice) => languages.includes(voice)) ?? languages.find((voice) => voice.startsWith('en-')) ?? null, env),
  ]);
  const problems: SpeechProblem[] = [];
  if (da === null) problems.push(problem('voice-missing-da', `Oplæsning virker ikke: espeak-ng har ingen dansk stemme. ${HIDDEN}`, 'espeak-ng has no usable Danish voice (da)'));
  if (en === null) problems.push(problem('voice-missing-en', 'Oplæsning på engelsk virker ikke: espeak-ng har ingen engelsk stemme. Dansk oplæsning virker.', 'espeak-ng has no usable English voice (en-gb/en)'));
  return { voices: { da, en }, problems };
}

/**
 * The language codes `espeak-ng --voices` lists ("Pty Language Age/Gender VoiceName File …"), leaving out
 * MBROLA voices (file "mb/…"): they need the separate mbrola program and its voice data.
 */
export function listedLanguages(listing: string): string[] {
  return listing
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((columns) => columns.length >= 5 && !(columns[4] ?? '').startsWith('mb/'))
    .map((columns) => columns[1] ?? '');
}

/** A listed voice counts only if it really speaks: its dictionary or phoneme data may still be missing. */
async function usableVoice(voice: string | null, env: NodeJS.ProcessEnv | undefined): Promise<string | null> {
  if (voice === null) return null;
  const spoken = await runProgram([ESPEAK, ...espeakArgs({ voice, rate: 175, volume: 100 }), '--stdout'], { input: 'ok', env, timeoutMs: COMMAND_TIMEOUT_MS });
  const ok = spoken.kind === 'exited' && spoken.code === 0 && spoken.stdout.length > 44 && spoken.stdout.toString('ascii', 0, 4) === 'RIFF';
  if (!ok) log.warn({ voice, result: spoken.kind === 'exited' ? lastLine(spoken.stderr) : spoken.kind }, 'espeak-ng lists a voice that does not speak');
  return ok ? voice : null;
}

/** Plays a moment of silence: the one sure way to learn that the player exists and the device opens. */
async function probePlayer(settings: SpeechSettings, options: ProbeOptions): Promise<SpeechProblem[]> {
  const program = settings.player[0] ?? '';
  const device = settings.audioDevice;
  let file: string;
  try {
    await mkdir(options.scratchDir, { recursive: true });
    file = join(options.scratchDir, 'probe-silence.wav');
    await writeFile(file, silentWav(PROBE_SOUND_MS));
  } catch (error) {
    log.warn({ err: error }, 'could not write the probe sound');
    return [problem('cache-unwritable', `Oplæsning virker ikke: kiosken kan ikke skrive i sin datamappe (${options.scratchDir}). ${HIDDEN}`, `cannot write the probe sound in ${options.scratchDir}`)];
  }
  const player = playerInvocation(settings, file);
  const played = await runProgram(player.argv, { inputFile: player.stdinFile, env: options.env, timeoutMs: COMMAND_TIMEOUT_MS });
  switch (played.kind) {
    case 'exited':
      if (played.code === 0) return [];
      return [noDevice(device, `${program} exited with ${played.code ?? played.signal}: ${lastLine(played.stderr)}`)];
    case 'timed-out':
      return [noDevice(device, `${program} did not finish playing ${PROBE_SOUND_MS} ms of silence in ${COMMAND_TIMEOUT_MS / 1000} s`)];
    case 'not-found':
    case 'spawn-failed':
      return [
        problem(
          'player-missing',
          `Oplæsning virker ikke: afspilleren „${program}“ findes ikke${program === 'aplay' ? ' (pakken alsa-utils)' : ''}. ${HIDDEN}`,
          `the audio player "${program}" cannot be started (${played.kind === 'spawn-failed' ? played.code : 'not found'})`,
        ),
      ];
    case 'aborted':
      return [noDevice(device, 'the probe was stopped')];
  }
}

function noDevice(device: string, detailEn: string): SpeechProblem {
  return problem(
    'no-audio-device',
    `Oplæsning virker ikke: lydenheden „${device}“ kan ikke bruges (intet lydkort, eller højttaler/hovedtelefon er ikke sat til). ${HIDDEN}`,
    `audio device "${device}" cannot be used: ${detailEn}`,
  );
}
