import { resolve } from 'node:path';
import { parseBundleConfig, type Lang } from '../core/bundle/index.js';
import { ConfigError, loadConfig, type KioskConfig } from '../core/config.js';
import { findProjectRoot } from '../core/project-root.js';
import { EXIT_OK, EXIT_REFUSED, type CommandContext } from './commands.js';

// `vores-sted check-config [--config <fil>]`: reads the config exactly as the kiosk does (the file named by
// --config or VORES_STED_CONFIG, then the environment overrides) and prints the effective config with
// every default filled in, or the one Danish sentence that says what is wrong.

/** Environment variables that change what the file says (see electron/core/config.ts). */
const OVERRIDES = ['VORES_STED_PORT', 'VORES_STED_IDLE_SECONDS', 'VORES_STED_CONTENT', 'VORES_STED_DATA', 'VORES_STED_TEST_BRIDGE'];

export type EffectiveConfig =
  | { ok: true; config: KioskConfig; keyIds: string[] | null; overrides: string[] }
  | { ok: false; messageDa: string; messageEn: string };

/** The config the kiosk would run with; `configOption` (from --config) wins over VORES_STED_CONFIG. */
export async function readEffectiveConfig(ctx: CommandContext, configOption?: string): Promise<EffectiveConfig> {
  const baseEnv = ctx.deps.env ?? process.env;
  const env: Record<string, string | undefined> = configOption === undefined ? { ...baseEnv } : { ...baseEnv, VORES_STED_CONFIG: resolve(ctx.io.cwd, configOption) };
  if (env['VORES_STED_CONFIG']) env['VORES_STED_CONFIG'] = resolve(ctx.io.cwd, env['VORES_STED_CONFIG']);
  const projectRoot = ctx.deps.projectRoot ?? findProjectRoot(import.meta.url);
  let config: KioskConfig;
  try {
    config = await loadConfig({ env, projectRoot });
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, messageDa: error.messageDa, messageEn: error.messageEn };
    throw error;
  }
  let keyIds: string[] | null = null;
  if (config.bundles) {
    // The same check the kiosk makes at start-up (electron/core/start-host.ts), so a bad key shows here.
    const parsed = parseBundleConfig(config.bundles);
    if (!parsed.ok) {
      return {
        ok: false,
        messageDa: `Konfigurationen af USB-opdateringer (bundles) er forkert: ${parsed.problems.join('; ')}`,
        messageEn: `Config "bundles" is invalid: ${parsed.problems.join('; ')}`,
      };
    }
    keyIds = parsed.settings.trustedKeys.map((key) => key.keyId);
  }
  return { ok: true, config, keyIds, overrides: OVERRIDES.filter((name) => env[name]?.trim()) };
}

const texts = {
  da: {
    fine: (path: string) => `Konfigurationen er i orden: ${path}`,
    noFile: 'Der er ingen konfigurationsfil (hverken --config eller VORES_STED_CONFIG er givet): kiosken bruger standardværdierne.',
    keys: (ids: string[]) => `USB-opdateringer: ${ids.length === 1 ? '1 betroet nøgle' : `${ids.length} betroede nøgler`} (nøgle-id ${ids.join(', ')}).`,
    noKeys: 'USB-opdateringer er slået fra: konfigurationen har ingen bundles-sektion med en offentlig nøgle.',
    overrides: (names: string[]) => `Disse miljøvariabler ændrer filens værdier: ${names.join(', ')}.`,
    effective: 'Den gældende konfiguration (standardværdier udfyldt):',
    wrong: (message: string) => `Konfigurationen er forkert: ${message}`,
  },
  en: {
    fine: (path: string) => `The config is valid: ${path}`,
    noFile: 'There is no config file (neither --config nor VORES_STED_CONFIG is given): the kiosk uses the defaults.',
    keys: (ids: string[]) => `USB updates: ${ids.length === 1 ? '1 trusted key' : `${ids.length} trusted keys`} (key id ${ids.join(', ')}).`,
    noKeys: 'USB updates are off: the config has no bundles section with a public key.',
    overrides: (names: string[]) => `These environment variables change the file's values: ${names.join(', ')}.`,
    effective: 'The effective config (defaults filled in):',
    wrong: (message: string) => `The config is wrong: ${message}`,
  },
} satisfies Record<Lang, unknown>;

export async function checkConfig(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0) return ctx.usage(ctx.t.unknownCommand);
  const option = ctx.values['config'];
  const t = texts[ctx.lang];
  const result = await readEffectiveConfig(ctx, typeof option === 'string' ? option : undefined);
  if (!result.ok) {
    ctx.io.stderr(t.wrong(ctx.lang === 'da' ? result.messageDa : result.messageEn));
    return EXIT_REFUSED;
  }
  const { config, keyIds, overrides } = result;
  const lines = [
    config.configPath === null ? t.noFile : t.fine(config.configPath),
    keyIds === null ? t.noKeys : t.keys(keyIds),
    ...(overrides.length > 0 ? [t.overrides(overrides)] : []),
    t.effective,
    JSON.stringify(config, null, 2),
  ];
  ctx.io.stdout(lines.join('\n'));
  return EXIT_OK;
}
