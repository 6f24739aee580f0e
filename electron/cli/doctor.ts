import { existsSync } from 'node:fs';
import { readdir, readFile, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { listDefaultMountRoots, readCurrent, type CurrentVersion, type Lang } from '../core/bundle/index.js';
import { CURRENT_FILE } from '../core/bundle/store.js';
import type { KioskConfig } from '../core/config.js';
import { findProjectRoot } from '../core/project-root.js';
import { findChromium } from '../kiosk/chromium-launcher.js';
import { findElectronBinary } from '../kiosk/electron-binary.js';
import { readEffectiveConfig } from './check-config.js';
import { EXIT_OK, EXIT_REFUSED, type CommandContext } from './commands.js';

// `vores-sted doctor`: one line per thing a kiosk needs, ✓ (fine), ✗ (wrong, and what to do) or – (not
// checked, or not needed here). For IT on the phone with someone at the kiosk, and for IT's own check
// after an install. Everything it reads from the machine goes through DoctorSystem, so tests inject one.

export interface DoctorSystem {
  platform: NodeJS.Platform;
  nodeVersion: string;
  now(): Date;
  /** The IANA time zone the kiosk's clock is shown in, e.g. Europe/Copenhagen. */
  timeZone(): string;
  /** Free bytes on the file system that holds `path` (or its nearest existing parent); null if unknown. */
  freeBytes(path: string): Promise<number | null>;
  /** Connected screens (Linux DRM connectors, e.g. HDMI-A-1); null when the machine cannot tell. */
  connectedDisplays(): Promise<string[] | null>;
  /** GPU render devices (/dev/dri/renderD*). */
  gpuDevices(): Promise<string[]>;
  /** The folders the USB watcher looks at right now (mounted sticks + the configured extra folder). */
  mountRoots(extraFolders: string[]): Promise<string[]>;
  findChromium(configured: string | undefined): string | null;
  findElectron(projectRoot: string, env: Record<string, string | undefined>): string | null;
  readCurrent(dataDir: string): Promise<CurrentVersion | null>;
  exists(path: string): boolean;
  readText(path: string): Promise<string | null>;
}

export const MIN_NODE: readonly [number, number] = [20, 19];
export const MIN_YEAR = 2025;
export const TIME_ZONE = 'Europe/Copenhagen';
/** Below this, a USB update (the bundle is copied, then unpacked) may not fit. */
export const MIN_FREE_BYTES = 1024 ** 3;

async function nearestExisting(path: string): Promise<string> {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function realSystem(): DoctorSystem {
  return {
    platform: process.platform,
    nodeVersion: process.versions.node,
    now: () => new Date(),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    async freeBytes(path) {
      try {
        const info = await statfs(await nearestExisting(path));
        return info.bavail * info.bsize;
      } catch {
        return null;
      }
    },
    async connectedDisplays() {
      if (process.platform !== 'linux') return null;
      let names: string[];
      try {
        names = await readdir('/sys/class/drm');
      } catch {
        return null;
      }
      const connectors = names.filter((name) => /^card\d+-/.test(name));
      if (connectors.length === 0) return null;
      const connected: string[] = [];
      for (const name of connectors) {
        const status = await readFile(join('/sys/class/drm', name, 'status'), 'utf8').catch(() => '');
        if (status.trim() === 'connected') connected.push(name.replace(/^card\d+-/, ''));
      }
      return connected;
    },
    async gpuDevices() {
      const names = await readdir('/dev/dri').catch(() => [] as string[]);
      return names.filter((name) => name.startsWith('renderD')).map((name) => `/dev/dri/${name}`);
    },
    mountRoots: (extra) => listDefaultMountRoots(process.platform, extra),
    findChromium: (configured) => findChromium(configured),
    findElectron: (root, env) => findElectronBinary(root, env),
    readCurrent,
    exists: existsSync,
    readText: (path) => readFile(path, 'utf8').catch(() => null),
  };
}

export type Mark = '✓' | '✗' | '–';
export interface DoctorLine {
  mark: Mark;
  text: string;
}

const gb = (bytes: number, lang: Lang): string => {
  const value = (bytes / 1024 ** 3).toFixed(1);
  return `${lang === 'da' ? value.replace('.', ',') : value} GB`;
};

const da = {
  title: 'Vores Sted – kontrol af kiosken',
  node: (v: string) => `Node.js ${v}`,
  nodeOld: (v: string) => `Node.js ${v} er for gammel – installér Node.js ${MIN_NODE.join('.')} eller nyere (se docs/install.md)`,
  config: (path: string) => `Konfiguration: ${path} er i orden`,
  configNone: 'Konfiguration: ingen fil (VORES_STED_CONFIG er ikke sat) – standardværdierne bruges',
  configBad: (message: string) => `Konfiguration: ${message} Ret filen, og kør "vores-sted check-config".`,
  displays: (names: string[]) => `Skærm: tilsluttet (${names.join(', ')})`,
  displayEnv: (value: string) => `Skærm: skærmserver fundet (${value})`,
  noDisplay: 'Skærm: ingen skærm tilsluttet – kontrollér kablet, og at skærmen er tændt',
  displayOs: 'Skærm: ikke kontrolleret (Windows/macOS viser selv skrivebordet)',
  chromium: (path: string) => `Chromium: ${path}`,
  noChromium: 'Chromium: findes ikke – kør: sudo apt-get install -y chromium',
  noChromiumWin: 'Chromium/Chrome: findes ikke – installér Google Chrome, eller sæt chromiumPath i konfigurationen',
  chromiumNotNeeded: 'Chromium: findes ikke (ikke nødvendig: Electron bruges)',
  electron: (path: string) => `Electron: ${path}`,
  noElectron: 'Electron: findes ikke her – kiosken bruger Chromium',
  webgl: (gpu: string) => `WebGL: ikke kontrolleret (kræver et browservindue); grafikkort: ${gpu}`,
  webglSoftware: 'WebGL: ikke kontrolleret; softwareRendering er slået til, så kortet tegnes af CPU\'en',
  webglNoGpu: 'WebGL: ikke kontrolleret; intet grafikkort (/dev/dri/renderD*) fundet – kortet tegnes af CPU\'en og kan blive langsomt',
  disk: (free: string, path: string) => `Diskplads: ${free} fri til ${path}`,
  diskLow: (free: string, path: string) => `Diskplads: kun ${free} fri til ${path} – frigør plads (mindst 1 GB til USB-opdateringer)`,
  diskUnknown: (path: string) => `Diskplads: kunne ikke måles for ${path}`,
  keys: (ids: string[]) => `Offentlige nøgler: ${ids.length} (nøgle-id ${ids.join(', ')})`,
  noKeys: 'Offentlige nøgler: ingen – USB-opdateringer er slået fra. Lav nøgler med "npx vores-sted keys new", og skriv den offentlige nøgle i bundles.trustedKeys',
  keysUnknown: 'Offentlige nøgler: ikke kontrolleret (konfigurationen kan ikke læses)',
  content: (version: number, dir: string) => `Indhold: version ${version} fra USB er installeret (${dir})`,
  contentBuiltIn: (version: string) => `Indhold: intet USB-indhold installeret – det indbyggede indhold (version ${version}) vises`,
  contentDamaged: (path: string) => `Indhold: ${path} kan ikke bruges – kiosken reparerer den ved næste start; hjælper det ikke, så slet filen`,
  contentMissing: (dir: string) => `Indhold: det indbyggede indhold mangler (${dir}/manifest.json) – installér programmet igen`,
  usbOff: 'USB-stik: overvåges ikke (ingen offentlig nøgle i konfigurationen)',
  usb: (watched: string, found: string[]) => `USB-stik: overvåger ${watched}; ${found.length === 0 ? 'intet stik nu' : `nu: ${found.join(', ')}`}`,
  clock: (when: string, zone: string) => `Ur: ${when} (${zone})`,
  clockWrong: (year: number) => `Ur: uret står på år ${year} – slå automatisk tid til (sudo timedatectl set-ntp true) eller sæt tiden: sudo timedatectl set-time "ÅÅÅÅ-MM-DD TT:MM"`,
  zoneWrong: (zone: string, win: boolean) => `Ur: tidszonen er ${zone}, ikke ${TIME_ZONE} – kør: ${win ? 'tzutil /s "Romance Standard Time"' : `sudo timedatectl set-timezone ${TIME_ZONE}`}`,
  allFine: 'Alt er i orden.',
  someWrong: (count: number) => `${count === 1 ? '1 ting skal' : `${count} ting skal`} rettes (✗).`,
};

type DoctorTexts = typeof da;

const en: DoctorTexts = {
  title: 'Vores Sted – kiosk check',
  node: (v) => `Node.js ${v}`,
  nodeOld: (v) => `Node.js ${v} is too old – install Node.js ${MIN_NODE.join('.')} or newer (see docs/install.md)`,
  config: (path) => `Config: ${path} is valid`,
  configNone: 'Config: no file (VORES_STED_CONFIG is not set) – the defaults are used',
  configBad: (message) => `Config: ${message} Fix the file and run "vores-sted check-config".`,
  displays: (names) => `Screen: connected (${names.join(', ')})`,
  displayEnv: (value) => `Screen: display server found (${value})`,
  noDisplay: 'Screen: none connected – check the cable and that the screen is on',
  displayOs: 'Screen: not checked (Windows/macOS show their own desktop)',
  chromium: (path) => `Chromium: ${path}`,
  noChromium: 'Chromium: not found – run: sudo apt-get install -y chromium',
  noChromiumWin: 'Chromium/Chrome: not found – install Google Chrome or set chromiumPath in the config',
  chromiumNotNeeded: 'Chromium: not found (not needed: Electron is used)',
  electron: (path) => `Electron: ${path}`,
  noElectron: 'Electron: not here – the kiosk uses Chromium',
  webgl: (gpu) => `WebGL: not checked (needs a browser window); graphics device: ${gpu}`,
  webglSoftware: 'WebGL: not checked; softwareRendering is on, so the CPU draws the map',
  webglNoGpu: 'WebGL: not checked; no graphics device (/dev/dri/renderD*) found – the CPU draws the map, which may be slow',
  disk: (free, path) => `Disk space: ${free} free for ${path}`,
  diskLow: (free, path) => `Disk space: only ${free} free for ${path} – free some space (at least 1 GB for USB updates)`,
  diskUnknown: (path) => `Disk space: could not be measured for ${path}`,
  keys: (ids) => `Public keys: ${ids.length} (key id ${ids.join(', ')})`,
  noKeys: 'Public keys: none – USB updates are off. Make keys with "npx vores-sted keys new" and put the public key in bundles.trustedKeys',
  keysUnknown: 'Public keys: not checked (the config cannot be read)',
  content: (version, dir) => `Content: version ${version} from USB is installed (${dir})`,
  contentBuiltIn: (version) => `Content: no USB content installed – the built-in content (version ${version}) is shown`,
  contentDamaged: (path) => `Content: ${path} is unusable – the kiosk repairs it at its next start; if that does not help, delete the file`,
  contentMissing: (dir) => `Content: the built-in content is missing (${dir}/manifest.json) – reinstall the program`,
  usbOff: 'USB sticks: not watched (no public key in the config)',
  usb: (watched, found) => `USB sticks: watching ${watched}; ${found.length === 0 ? 'no stick now' : `now: ${found.join(', ')}`}`,
  clock: (when, zone) => `Clock: ${when} (${zone})`,
  clockWrong: (year) => `Clock: the clock says year ${year} – turn on network time (sudo timedatectl set-ntp true) or set it: sudo timedatectl set-time "YYYY-MM-DD HH:MM"`,
  zoneWrong: (zone, win) => `Clock: the time zone is ${zone}, not ${TIME_ZONE} – run: ${win ? 'tzutil /s "Romance Standard Time"' : `sudo timedatectl set-timezone ${TIME_ZONE}`}`,
  allFine: 'Everything is fine.',
  someWrong: (count) => `${count} ${count === 1 ? 'thing needs' : 'things need'} fixing (✗).`,
};

function isNodeRecentEnough(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** "2026-11-23 10:42" in the given zone. */
function localTime(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Every check, in order; pure apart from what `system` reads. */
export async function runChecks(ctx: CommandContext, system: DoctorSystem): Promise<DoctorLine[]> {
  const t = ctx.lang === 'da' ? da : en;
  const env = ctx.deps.env ?? process.env;
  const projectRoot = ctx.deps.projectRoot ?? findProjectRoot(import.meta.url);
  const lines: DoctorLine[] = [];
  const add = (mark: Mark, text: string): void => void lines.push({ mark, text });
  const linux = system.platform === 'linux';

  add(isNodeRecentEnough(system.nodeVersion) ? '✓' : '✗', isNodeRecentEnough(system.nodeVersion) ? t.node(system.nodeVersion) : t.nodeOld(system.nodeVersion));

  const option = ctx.values['config'];
  const effective = await readEffectiveConfig(ctx, typeof option === 'string' ? option : undefined);
  let config: KioskConfig | null = null;
  if (effective.ok) {
    config = effective.config;
    add('✓', config.configPath === null ? t.configNone : t.config(config.configPath));
  } else {
    add('✗', t.configBad(ctx.lang === 'da' ? effective.messageDa : effective.messageEn));
  }

  if (!linux) {
    add('–', t.displayOs);
  } else {
    const displays = await system.connectedDisplays();
    const fromEnv = env['WAYLAND_DISPLAY'] ? `WAYLAND_DISPLAY=${env['WAYLAND_DISPLAY']}` : env['DISPLAY'] ? `DISPLAY=${env['DISPLAY']}` : null;
    if (displays !== null && displays.length > 0) add('✓', t.displays(displays));
    else if (displays === null && fromEnv !== null) add('✓', t.displayEnv(fromEnv));
    else add('✗', t.noDisplay);
  }

  const electron = system.findElectron(projectRoot, env);
  const chromium = system.findChromium(config?.chromiumPath);
  if (chromium !== null) add('✓', t.chromium(chromium));
  else if (electron !== null) add('–', t.chromiumNotNeeded);
  else add('✗', linux ? t.noChromium : t.noChromiumWin);
  add(electron === null ? '–' : '✓', electron === null ? t.noElectron : t.electron(electron));

  if (config?.softwareRendering) add('–', t.webglSoftware);
  else if (linux) {
    const gpus = await system.gpuDevices();
    add('–', gpus.length > 0 ? t.webgl(gpus.join(', ')) : t.webglNoGpu);
  } else add('–', t.webgl('–'));

  const dataDir = config?.dataDir;
  if (dataDir !== undefined) {
    const free = await system.freeBytes(dataDir);
    if (free === null) add('–', t.diskUnknown(dataDir));
    else add(free >= MIN_FREE_BYTES ? '✓' : '✗', (free >= MIN_FREE_BYTES ? t.disk : t.diskLow)(gb(free, ctx.lang), dataDir));
  }

  const keyIds = effective.ok ? effective.keyIds : undefined;
  if (keyIds === undefined) add('–', t.keysUnknown);
  else if (keyIds === null) add('✗', t.noKeys);
  else add('✓', t.keys(keyIds));

  if (config !== null) {
    const current = await system.readCurrent(config.dataDir);
    const currentFile = join(config.dataDir, CURRENT_FILE);
    const manifestText = await system.readText(join(config.contentDir, 'manifest.json'));
    let builtInVersion: string | null = null;
    try {
      const manifest: unknown = manifestText === null ? null : JSON.parse(manifestText);
      if (typeof manifest === 'object' && manifest !== null && 'version' in manifest) builtInVersion = String(manifest.version);
    } catch {
      builtInVersion = null;
    }
    if (current !== null) add('✓', t.content(current.version, current.dir));
    else if (system.exists(currentFile)) add('✗', t.contentDamaged(currentFile));
    else if (builtInVersion === null) add('✗', t.contentMissing(config.contentDir));
    else add('✓', t.contentBuiltIn(builtInVersion));

    if (config.bundles === undefined) {
      add('–', t.usbOff);
    } else {
      const extra = config.bundles.extraBundleFolder;
      const watched = [
        ...(system.platform === 'win32' ? ['D:\\ … Z:\\'] : ['/media/*/*', '/run/media/*/*', '/mnt/*']),
        ...(extra ? [extra] : []),
      ].join(', ');
      const roots = await system.mountRoots(extra ? [extra] : []);
      add('✓', t.usb(watched, roots));
    }
  }

  const now = system.now();
  const zone = system.timeZone();
  const year = Number(localTime(now, TIME_ZONE).slice(0, 4));
  if (year < MIN_YEAR) add('✗', t.clockWrong(year));
  else if (zone !== TIME_ZONE) add('✗', t.zoneWrong(zone, system.platform === 'win32'));
  else add('✓', t.clock(localTime(now, zone), zone));

  return lines;
}

export async function doctor(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0) return ctx.usage(ctx.t.unknownCommand);
  const system: DoctorSystem = { ...realSystem(), ...ctx.deps.system };
  const lines = await runChecks(ctx, system);
  const t = ctx.lang === 'da' ? da : en;
  const wrong = lines.filter((line) => line.mark === '✗').length;
  ctx.io.stdout([t.title, ...lines.map((line) => `${line.mark} ${line.text}`), wrong === 0 ? t.allFine : t.someWrong(wrong)].join('\n'));
  return wrong === 0 ? EXIT_OK : EXIT_REFUSED;
}
