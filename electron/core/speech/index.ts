// Read-aloud (issue 10): offline text-to-speech with espeak-ng, played by a configurable player. Plain Node;
// the host wires it in (see README.md in this folder).
export { DEFAULT_PLAYER, SpeechConfigSchema, playerInvocation, speechSettings, type SpeechConfigInput, type SpeechSettings } from './speech-config.js';
export { probeSpeech, type SpeechProblem, type SpeechProblemCode, type SpeechProbeResult } from './speech-probe.js';
export {
  SPEECH_CACHE_FOLDER,
  SpeechService,
  type PrewarmSummary,
  type SpeakOptions,
  type SpeakOutcome,
  type SpeechEvent,
  type SpeechItem,
  type SpeechServiceOptions,
  type SpeechStatus,
  type SpokenEntry,
} from './speech-service.js';
export { MAX_SPEECH_CHARS, prepareSpeechText, type SpeechLang, type SpeechTextFormat } from './speech-text.js';
