import { readFile } from 'node:fs/promises';
import { hostname, homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as v from 'valibot';
import type { ScreenMounting } from '../../contract/reach.js';
import { BundleConfigSchema } from './bundle/config.js';
import { MountingConfigSchema, parseMounting } from './screen-mounting.js';
import { SpeechConfigSchema } from './speech/speech-config.js';
import { DisplayPowerSchema } from './unattended/display-power.js';
import { LogFilesSchema } from './unattended/log-files.js';
import { WHOLE_FILE, describeIssueDa, issuePath } from './validation-messages.js';

// One config file for IT (JSON). Every field has a default, so a kiosk runs with no file at all; a file
// that exists but cannot be read or is wrong stops the kiosk with one Danish and one English line.

export const ConfigSchema = v.strictObject({
  kioskId: v.optional(v.pipe(v.string(), v.regex(/^[\w.-]{1,64}$/)), hostname().replace(/[^\w.-]/g, '-').slice(0, 64) || 'kiosk'),
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)), 8350),
  contentDir: v.optional(v.string()),
  dataDir: v.optional(v.string()),
  idleTimeoutSeconds: v.optional(v.pipe(v.number(), v.minValue(5), v.maxValue(3600)), 90),
  maxDevicePixelRatio: v.optional(v.pipe(v.number(), v.minValue(0.5), v.maxValue(3)), 1.5),
  reducedMotion: v.optional(v.boolean(), false),
  chromiumPath: v.optional(v.string()),
  /** Force CPU rendering (SwiftShader) when the GPU driver is unreliable. */
  softwareRendering: v.optional(v.boolean(), false),
  /** Full screen kiosk window; IT may turn it off to debug. */
  kioskMode: v.optional(v.boolean(), true),
  /** The Electron app starts itself at login (Windows login item, Linux XDG autostart entry); see electron/shell/autostart.ts. */
  autostart: v.optional(v.boolean(), false),
  /** USB content updates: the municipality's public key(s) and limits. No section = no USB updates. */
  bundles: v.optional(BundleConfigSchema),
  /** Seconds the renderer has to show newly installed content before the kiosk rolls back by itself. */
  healthCheckSeconds: v.optional(v.pipe(v.number(), v.minValue(5), v.maxValue(600)), 30),
  /** Weekly opening hours with exceptions (see electron/core/unattended/schedule-config.ts); none = always open. */
  openingHours: v.optional(v.unknown()),
  /** When the browser may start afresh each day (Danish time), only while the attract screen shows. */
  quietReloadTime: v.optional(v.pipe(v.string(), v.regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'must be a time like 04:00')), '04:00'),
  /** The kiosk's own log files (every line also goes to stdout): folder, size per file, how many, how old. */
  logs: v.optional(LogFilesSchema, {}),
  /** Commands that turn the screen off when the kiosk closes and on when it opens; none = it stays on. */
  displayPower: v.optional(DisplayPowerSchema),
  /** Read-aloud (espeak-ng + a player): audio device, player command, rate, volume; see electron/core/speech/speech-config.ts. */
  speech: v.optional(SpeechConfigSchema, {}),
  /** The screen's size and how high it hangs, for the low-reach layout; none = no low-reach mode (see screen-mounting.ts). */
  mounting: v.optional(MountingConfigSchema),
  /** Named app events for end-to-end tests and benchmarks; off on a real kiosk. */
  testBridge: v.optional(v.boolean(), false),
  /** 4–8 digits (a string, so a leading 0 stays) for the staff health screen; none = the screen is off. */
  staffPin: v.optional(v.string()),
  /** The staff editor (`npm run editor`) on a staff PC; a public kiosk's config sets enabled: false. */
  editor: v.optional(
    v.strictObject({
      enabled: v.optional(v.boolean(), true),
      port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)), 8351),
      /** Folders offered as USB sticks besides the mounted drives (e.g. a shared folder). */
      stickFolders: v.optional(v.array(v.string()), []),
    }),
    { enabled: true, port: 8351, stickFolders: [] },
  ),
  /** The staff editor's live preview: opens the story named in the page address, no idle reset, no statistics. */
  previewMode: v.optional(v.boolean(), false),
});

export type KioskConfig = Omit<v.InferOutput<typeof ConfigSchema>, 'contentDir' | 'dataDir' | 'mounting'> & {
  contentDir: string;
  dataDir: string;
  mounting: ScreenMounting | null;
  configPath: string | null;
};

export class ConfigError extends Error {
  constructor(
    readonly messageDa: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
    this.name = 'ConfigError';
  }
}

export interface ConfigSources {
  env: Record<string, string | undefined>;
  projectRoot: string;
}

/** Reads the config named by VORES_STED_CONFIG (if any) and applies environment overrides for tests. */
export async function loadConfig({ env, projectRoot }: ConfigSources): Promise<KioskConfig> {
  const configPath = env['VORES_STED_CONFIG'] ? resolve(env['VORES_STED_CONFIG']) : null;
  let raw: unknown = {};
  if (configPath) {
    let text: string;
    try {
      text = await readFile(configPath, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      throw new ConfigError(
        `Konfigurationsfilen ${configPath} kan ikke læses (${code}).`,
        `Config file ${configPath} cannot be read (${code}).`,
      );
    }
    try {
      // Notepad on Windows may save UTF-8 with a byte order mark, which JSON.parse refuses.
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new ConfigError(
        `Konfigurationsfilen ${configPath} er ikke gyldig JSON.`,
        `Config file ${configPath} is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(
      `Konfigurationsfilen ${configPath ?? ''} skal indeholde en gruppe af felter ({ … }).`,
      `Config file ${configPath ?? ''} must contain a JSON object ({ … }).`,
    );
  }
  const parsed = v.safeParse(ConfigSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const field = issuePath(issue);
    const whereDa = field === WHOLE_FILE ? `Konfigurationsfilen ${configPath ?? ''}` : `Konfigurationsfilen ${configPath ?? ''}: feltet „${field}“`;
    throw new ConfigError(
      `${whereDa} ${describeIssueDa(issue)}.`,
      `Config file ${configPath ?? ''}: ${field === WHOLE_FILE ? '' : `field "${field}": `}${issue.expected === 'never' ? 'unknown field (check the spelling)' : issue.message}`,
    );
  }
  const config = parsed.output;
  checkStaffPin(config.staffPin, configPath);
  const mounting = parseMounting(config.mounting);
  if (!mounting.ok) throw new ConfigError(`Konfigurationsfilen ${configPath ?? ''}: ${mounting.messageDa}`, `Config file ${configPath ?? ''}: ${mounting.messageEn}`);
  const port = envNumber(env, 'VORES_STED_PORT', { min: 0, max: 65535, integer: true }) ?? config.port;
  // Tests may shorten the idle timeout below the file's minimum of 5 s, but never to nothing or to garbage
  // (NaN would make the renderer return to the attract screen at once).
  const idleTimeoutSeconds = envNumber(env, 'VORES_STED_IDLE_SECONDS', { min: 1, max: 3600, integer: false }) ?? config.idleTimeoutSeconds;
  // Relative paths in the file are relative to the file (as IT reads them), not to wherever the kiosk was started.
  const fileDir = configPath ? dirname(configPath) : process.cwd();
  return {
    ...config,
    port,
    testBridge: config.testBridge || env['VORES_STED_TEST_BRIDGE'] === '1',
    idleTimeoutSeconds,
    contentDir: envPath(env, 'VORES_STED_CONTENT') ?? (config.contentDir ? resolve(fileDir, config.contentDir) : join(projectRoot, 'content')),
    dataDir: envPath(env, 'VORES_STED_DATA') ?? (config.dataDir ? resolve(fileDir, config.dataDir) : join(homedir(), '.local', 'share', 'vores-sted')),
    logs: config.logs.dir ? { ...config.logs, dir: resolve(fileDir, config.logs.dir) } : config.logs,
    mounting: mounting.mounting,
    configPath,
  };
}

/** Checked here rather than by a regex in the schema, whose Danish message would only say "tegn, der ikke er tilladt". */
function checkStaffPin(pin: string | undefined, configPath: string | null): void {
  if (pin === undefined || /^\d{4,8}$/.test(pin)) return;
  throw new ConfigError(
    `Konfigurationsfilen ${configPath ?? ''}: feltet „staffPin“ skal være 4 til 8 cifre i anførselstegn, fx "4821".`,
    `Config file ${configPath ?? ''}: field "staffPin" must be 4 to 8 digits in quotes, e.g. "4821".`,
  );
}

/** An environment override that is set and not empty, resolved against the working directory. */
function envPath(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? resolve(value) : undefined;
}

/** A numeric environment override within the same bounds the config file has; unset or empty means none. */
function envNumber(
  env: Record<string, string | undefined>,
  name: string,
  { min, max, integer }: { min: number; max: number; integer: boolean },
): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new ConfigError(
      `${name} skal være ${integer ? 'et helt tal' : 'et tal'} fra ${min} til ${max} (er „${text.slice(0, 20)}“).`,
      `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (got "${text.slice(0, 20)}").`,
    );
  }
  return value;
}
