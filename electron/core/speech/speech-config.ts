import * as v from 'valibot';

// The "speech" section of the kiosk config (read-aloud, issue 10), e.g.
//   "speech": { "audioDevice": "plughw:CARD=Headphones,DEV=0", "rate": 150 }
// No section = read-aloud on with the defaults: the probe hides it by itself where there is no sound.
// Only valibot's own checks are used, so loadConfig's Danish messages (describeIssueDa) say what is wrong.
//
// The player is aplay (alsa-utils) by default, not paplay: the kiosk runs as a system service with no
// desktop session, so there is often no PulseAudio/PipeWire server to talk to, while ALSA is always there.
// Its `-D` takes exactly the names `aplay -L` lists (the headphone jack, HDMI, a USB speaker), and where a
// sound server does run, ALSA's "default" goes through it anyway.

export const FILE_PLACEHOLDER = '{file}';
export const DEVICE_PLACEHOLDER = '{device}';
const defaultPlayer = (): [string, ...string[]] => ['aplay', '-q', '-D', DEVICE_PLACEHOLDER, FILE_PLACEHOLDER];
export const DEFAULT_PLAYER: readonly string[] = defaultPlayer();

const Program = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(500));

export const SpeechConfigSchema = v.strictObject({
  /** Off: the read-aloud control is never shown, and the health screen says it was switched off. */
  enabled: v.optional(v.boolean(), true),
  /** ALSA device name as `aplay -L` lists it; put in place of "{device}" in the player command. */
  audioDevice: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200)), 'default'),
  /**
   * The program that plays a WAV file, as an argument list (never a shell): "{file}" becomes the file and
   * "{device}" the audioDevice. Without "{file}" the WAV is written to the program's stdin.
   */
  player: v.optional(v.pipe(v.tupleWithRest([Program], v.pipe(v.string(), v.maxLength(500))), v.maxLength(32)), defaultPlayer),
  /** Speaking rate in words per minute (espeak-ng's -s; its own default is a brisk 175); (the same for every visitor). */
  rate: v.optional(v.pipe(v.number(), v.integer(), v.minValue(80), v.maxValue(450)), 160),
  /** Loudness in per cent of espeak-ng's normal (its -a); (the same for every visitor). */
  volume: v.optional(v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(200)), 100),
  /** How often the attract screen says how to start read-aloud; 0 = never. */
  announceEveryMinutes: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(60)), 1),
  /** The idle timeout while a visitor has read-aloud on (listening takes longer than reading); at least the normal one. */
  idleTimeoutSeconds: v.optional(v.pipe(v.number(), v.minValue(5), v.maxValue(3600)), 180),
  /**
   * A physical key that turns read-aloud on and off, where the kiosk has one (e.g. a big button wired as a
   * keyboard key): its KeyboardEvent.key name, such as "F9" or "MediaPlayPause". None by default.
   */
  toggleKey: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9]{0,23}$/, 'must be a key name like F9 or MediaPlayPause'))),
  /** Room for ready-made speech in the data folder; the least recently used goes first. */
  cacheMaxMB: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(4096)), 64),
});

export type SpeechConfigInput = v.InferInput<typeof SpeechConfigSchema>;
export type SpeechSettings = v.InferOutput<typeof SpeechConfigSchema>;

/** The settings for a section as written (undefined = no section); throws on a wrong one, as loadConfig would. */
export function speechSettings(section: SpeechConfigInput | undefined = {}): SpeechSettings {
  return v.parse(SpeechConfigSchema, section);
}

export interface PlayerInvocation {
  argv: string[];
  /** The file to write to the player's stdin, when its command has no "{file}". */
  stdinFile: string | null;
}

/** How to play one file: the placeholders filled in, nothing else touched. */
export function playerInvocation(settings: Pick<SpeechSettings, 'player' | 'audioDevice'>, file: string): PlayerInvocation {
  const argv = settings.player.map((arg) => arg.replaceAll(DEVICE_PLACEHOLDER, settings.audioDevice).replaceAll(FILE_PLACEHOLDER, file));
  return { argv, stdinFile: settings.player.some((arg) => arg.includes(FILE_PLACEHOLDER)) ? null : file };
}
