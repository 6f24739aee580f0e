// How long the soak runs, from the command line or the environment:
//   (nothing)              30 simulated minutes (≈ 3 real minutes): what CI runs
//   --minutes <n>          n simulated minutes
//   --hours <n>            n simulated hours (--hours 24: ≈ 2.4 real hours, by hand)
//   SOAK_SIM_MINUTES=<n>   the same as --minutes, when the command line is not yours (npm test)
//   --ci                   the CI length whatever SOAK_SIM_MINUTES says: a variable left in a shell must
//                          never turn `npm test` into a run of hours

/** 10× real speed: one simulated minute is six real seconds. */
export const REAL_MS_PER_SIM_MINUTE = 6_000;
export const DEFAULT_SIM_MINUTES = 30;
/**
 * The kiosk's idle timeout for the soak (VORES_STED_IDLE_SECONDS), so every visit ends in the attract loop.
 * The countdown always shows for the last 10 s, so this leaves 5 s between a visitor's touches before it
 * appears; 15 real seconds is 150 simulated ones, near the kiosk's default of 90 s.
 */
export const SOAK_IDLE_SECONDS = 15;

export interface SoakOptions {
  simMinutes: number;
  ci: boolean;
}

function positiveNumber(text: string | undefined, what: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${what} must be a positive number (got "${text ?? ''}")`);
  }
  return value;
}

export function parseSoakOptions(argv: readonly string[], env: Record<string, string | undefined>): SoakOptions {
  let simMinutes: number | null = null;
  let ci = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--ci':
        ci = true;
        break;
      case '--minutes':
        simMinutes = positiveNumber(argv[++i], '--minutes');
        break;
      case '--hours':
        simMinutes = positiveNumber(argv[++i], '--hours') * 60;
        break;
      default:
        throw new Error(`unknown argument "${arg ?? ''}" (use --minutes <n>, --hours <n> or --ci)`);
    }
  }
  if (ci) return { simMinutes: DEFAULT_SIM_MINUTES, ci };
  const fromEnv = env['SOAK_SIM_MINUTES'];
  simMinutes ??= fromEnv ? positiveNumber(fromEnv, 'SOAK_SIM_MINUTES') : DEFAULT_SIM_MINUTES;
  return { simMinutes: Math.max(1, Math.round(simMinutes)), ci };
}
