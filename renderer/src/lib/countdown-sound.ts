// The idle countdown is shown, spoken in read-aloud mode, and heard: two short soft tones made on the spot
// with Web Audio (no sound file to ship or to fail to load). Where there is no sound, the countdown is
// still shown, so a failure here is silent on purpose.

export interface Sounds {
  /** The countdown to the idle reset has begun. */
  countdown(): void;
}

export const NO_SOUNDS: Sounds = { countdown: () => undefined };

let context: AudioContext | null = null;

function tone(audio: AudioContext, frequency: number, startAt: number, seconds: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = frequency;
  // A quick rise and an exponential fall: a soft "ding", not a click and not an alarm.
  gain.gain.setValueAtTime(0.0001, startAt);
  gain.gain.exponentialRampToValueAtTime(0.25, startAt + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, startAt + seconds);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(startAt);
  oscillator.stop(startAt + seconds + 0.05);
}

export const webAudioSounds: Sounds = {
  countdown: () => {
    const AudioContextClass = globalThis.AudioContext as typeof AudioContext | undefined;
    if (!AudioContextClass) return;
    try {
      context ??= new AudioContextClass();
      void context.resume().catch(() => undefined);
      const now = context.currentTime;
      tone(context, 880, now, 0.18);
      tone(context, 660, now + 0.22, 0.25);
    } catch {
      // No audio device: the countdown is on the screen all the same.
    }
  },
};
