import { readdir, readFile, stat, statfs } from 'node:fs/promises';
import { freemem, totalmem, uptime as osUptime } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../bundle/fs-safe.js';
import { readCurrent } from '../bundle/store.js';
import { createLogger } from '../logger.js';
import { copenhagenTime, pad2 } from './copenhagen-time.js';
import type { DisplayPowerCounts } from './display-power.js';
import type { StartRecord } from './start-record.js';
import { NO_WATCHDOG_COUNTS, type WatchdogCounts } from './watchdog.js';

// One picture of how the kiosk is doing, for the staff screen and for the health log on a service stick:
// how long it has run, what content it shows, how often things went wrong, disk, memory and the clock.

/** For the stick's health log; the staff screen says it itself, with the heights, for the window it is in. */
export const OUT_OF_REACH_WARNING_DA = 'Skærmen hænger så højt, at intet på den kan nås fra en kørestol (mounting i konfigurationen) – sænk skærmen, eller ret tallene.';

/** "1 gang", "3 gange": Danish counts read right on the staff screen and in the health log. */
const times = (n: number): string => `${n} ${n === 1 ? 'gang' : 'gange'}`;

const log = createLogger('health');

export interface LastInstall {
  version: number;
  /** When that version's folder was made (by the clock at the time). */
  at: number | null;
}

export interface HealthInputs {
  kioskId: string;
  now: number;
  clockTrusted: boolean;
  /** The content version shown (0 = the built-in content). */
  contentVersion: number;
  lastInstall?: LastInstall | null;
  starts?: StartRecord | null;
  watchdog?: Readonly<WatchdogCounts> | null;
  /** Folder whose disk is measured (the data folder). */
  dataDir: string;
  /** The log folder whose size is shown; `<dataDir>/logs` by default. */
  logDir?: string;
  /** Free space below this is a warning. */
  lowDiskBytes?: number;
  /** Read-aloud as the host found it at start; none = not part of this summary. */
  speech?: ReadAloudHealth | null;
  /** The display power commands (turning the screen off at closing); null without them in the config. */
  displayPower?: DisplayPowerCounts | null;
  /** The config's mounting puts the whole screen out of a seated visitor's reach (no low-reach mode possible). */
  outOfReach?: boolean;
  /** The statistics store: what it could not write (a full disk); null without statistics. */
  statistics?: StatisticsHealth | null;
  /** Injected in tests; the real ones by default. */
  system?: Partial<HealthSystem>;
}

/** The usage statistics' store as it is now (a full disk keeps counts waiting in memory). */
export interface StatisticsHealth {
  /** Why counts cannot be stored right now, in Danish; null when they can. */
  problemDa: string | null;
  /** Counts waiting to be written. */
  pendingEvents: number;
  /** Counts given up because the disk stayed full too long (memory is bounded). */
  droppedEvents: number;
}

/** Read-aloud (issue 10): whether the kiosk can speak, and if not, why. */
export interface ReadAloudHealth {
  available: boolean;
  /** Why it does not work (fully), in Danish; null when all is well. */
  problemDa: string | null;
  /** Languages with a working voice. */
  languages: readonly string[];
  playbackFailures: number;
  synthesisFailures: number;
}

export interface HealthSystem {
  statfs(path: string): Promise<{ bavail: number; blocks: number; bsize: number }>;
  memoryUsage(): { rss: number; heapUsed: number };
  freemem(): number;
  totalmem(): number;
  processUptimeSeconds(): number;
  systemUptimeSeconds(): number;
}

const realSystem: HealthSystem = {
  statfs: (path) => statfs(path),
  memoryUsage: () => process.memoryUsage(),
  freemem,
  totalmem,
  processUptimeSeconds: () => process.uptime(),
  systemUptimeSeconds: osUptime,
};

export interface HealthSummary {
  kioskId: string;
  /** ISO time of the snapshot (by the kiosk's clock). */
  at: string;
  clockTrusted: boolean;
  uptimeSeconds: number;
  systemUptimeSeconds: number;
  contentVersion: number;
  lastInstall: LastInstall | null;
  appStarts: number | null;
  uncleanExits: number | null;
  watchdog: WatchdogCounts;
  disk: { freeBytes: number; totalBytes: number } | null;
  memory: { processRssBytes: number; heapUsedBytes: number; systemFreeBytes: number; systemTotalBytes: number };
  /** What the log files take on disk (0 without a log folder; null when it cannot be read). */
  logBytes: number | null;
  speech: ReadAloudHealth | null;
  displayPower: DisplayPowerCounts | null;
  outOfReach: boolean;
  statistics: StatisticsHealth | null;
  /** Danish, for staff: what needs attention. Empty when all is well. */
  warnings: string[];
}

/** The installed bundle version and when it was installed, from the data folder (null: built-in content). */
export async function lastInstallFromDataDir(dataDir: string): Promise<LastInstall | null> {
  const current = await readCurrent(dataDir);
  if (!current) return null;
  try {
    return { version: current.version, at: (await stat(current.dir)).mtimeMs };
  } catch {
    return { version: current.version, at: null };
  }
}

/** The size of the files directly in a folder (rotated logs do not nest): 0 when it does not exist yet. */
async function folderBytes(dir: string): Promise<number | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    log.warn({ err: error }, 'could not read the log folder');
    return null;
  }
  const sizes = await Promise.all(names.map((name) => stat(join(dir, name)).then((s) => (s.isFile() ? s.size : 0), () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

export async function gatherHealth(inputs: HealthInputs): Promise<HealthSummary> {
  const system = { ...realSystem, ...inputs.system };
  let disk: HealthSummary['disk'] = null;
  try {
    const s = await system.statfs(inputs.dataDir);
    disk = { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch (error) {
    log.warn({ err: error }, 'could not measure free disk space');
  }
  const usage = system.memoryUsage();
  const watchdog = { ...NO_WATCHDOG_COUNTS, ...inputs.watchdog };
  const summary: HealthSummary = {
    kioskId: inputs.kioskId,
    at: new Date(inputs.now).toISOString(),
    clockTrusted: inputs.clockTrusted,
    uptimeSeconds: Math.round(system.processUptimeSeconds()),
    systemUptimeSeconds: Math.round(system.systemUptimeSeconds()),
    contentVersion: inputs.contentVersion,
    lastInstall: inputs.lastInstall ?? null,
    appStarts: inputs.starts?.starts ?? null,
    uncleanExits: inputs.starts?.uncleanExits ?? null,
    watchdog,
    disk,
    memory: { processRssBytes: usage.rss, heapUsedBytes: usage.heapUsed, systemFreeBytes: system.freemem(), systemTotalBytes: system.totalmem() },
    logBytes: await folderBytes(inputs.logDir ?? join(inputs.dataDir, 'logs')),
    speech: inputs.speech ?? null,
    displayPower: inputs.displayPower ?? null,
    outOfReach: inputs.outOfReach ?? false,
    statistics: inputs.statistics ?? null,
    warnings: [],
  };
  summary.warnings = warningsFor(summary, inputs.lowDiskBytes ?? 1024 * 1024 * 1024);
  return summary;
}

function warningsFor(s: HealthSummary, lowDiskBytes: number): string[] {
  const warnings: string[] = [];
  if (!s.clockTrusted) warnings.push('Uret går forkert (kiosken har ikke fået den rigtige tid). Åbningstider er slået fra, og statistik gemmes uden tidspunkt.');
  if (s.disk && s.disk.freeBytes < lowDiskBytes) warnings.push(`Der er kun ${bytesDa(s.disk.freeBytes)} fri plads på disken.`);
  if (s.watchdog.softwareFallbacks > 0) warnings.push('Grafikkortet gik ned flere gange; kiosken tegner nu uden grafikkort (langsommere).');
  if (s.watchdog.hangs + s.watchdog.rendererCrashes > 0) warnings.push('Skærmen er gået i stå eller gået ned siden start og er blevet genstartet af sig selv.');
  if (s.memory.systemTotalBytes > 0 && s.memory.systemFreeBytes / s.memory.systemTotalBytes < 0.05) warnings.push('Der er næsten ingen fri hukommelse.');
  if (s.speech?.problemDa) warnings.push(s.speech.problemDa);
  if (s.statistics?.problemDa) warnings.push(s.statistics.problemDa);
  if (s.statistics && s.statistics.droppedEvents > 0) warnings.push(`${s.statistics.droppedEvents} optællinger gik tabt, fordi disken var fuld for længe.`);
  if (s.outOfReach) {
    warnings.push(OUT_OF_REACH_WARNING_DA);
  }
  if (s.displayPower && s.displayPower.failures > 0) {
    warnings.push('Skærmen kunne ikke altid tændes eller slukkes med kommandoen i konfigurationen – bed IT se på displayPower.');
  }
  return warnings;
}

/** "1,2 GB", "350 MB", "12 kB" with a Danish decimal comma. */
export function bytesDa(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'kB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${(value < 10 ? value.toFixed(1) : Math.round(value).toString()).replace('.', ',')} ${unit}`;
    }
  }
  return `${bytes} byte`;
}

/** "3 dage og 4 timer", "2 timer og 5 minutter", "40 sekunder". */
export function durationDa(seconds: number): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${plural(days, 'dag', 'dage')} og ${plural(hours, 'time', 'timer')}`;
  if (hours > 0) return `${plural(hours, 'time', 'timer')} og ${plural(minutes, 'minut', 'minutter')}`;
  if (minutes > 0) return plural(minutes, 'minut', 'minutter');
  return plural(Math.floor(seconds), 'sekund', 'sekunder');
}

export function dateTimeDa(ms: number): string {
  const t = copenhagenTime(ms);
  return `${pad2(t.day)}-${pad2(t.month)}-${t.year} kl. ${pad2(t.hour)}:${pad2(t.minute)}`;
}

export interface HealthRow {
  label: string;
  value: string;
}

/** The measurements as Danish label/value pairs: the lines of the health log, the rows of the staff screen. */
export function healthRowsDa(s: HealthSummary): HealthRow[] {
  const w = s.watchdog;
  return [
    { label: 'Kørt uden genstart', value: `${durationDa(s.uptimeSeconds)} (computeren: ${durationDa(s.systemUptimeSeconds)})` },
    { label: 'Indhold', value: s.contentVersion === 0 ? 'det indbyggede indhold' : `version ${s.contentVersion}` },
    {
      label: 'Seneste installation',
      value: s.lastInstall ? `version ${s.lastInstall.version}${s.lastInstall.at === null ? '' : `, ${dateTimeDa(s.lastInstall.at)}`}` : 'ingen (kun indbygget indhold)',
    },
    { label: 'Programstarter i alt', value: `${s.appStarts ?? 'ukendt'}${s.uncleanExits === null ? '' : ` (heraf ${s.uncleanExits} efter strømsvigt eller nedbrud)`}` },
    {
      label: 'Siden start',
      value: `browseren genstartet ${times(w.browserRestarts)}, skærmen gået i stå ${times(w.hangs)}, nedbrud: ${w.rendererCrashes} i siden, ${w.gpuCrashes} i grafikken, WebGL mistet ${times(w.webglContextLosses)}`,
    },
    { label: 'Grafik', value: w.softwareFallbacks > 0 ? 'uden grafikkort (efter gentagne nedbrud)' : 'normal' },
    { label: 'Fri diskplads', value: s.disk ? `${bytesDa(s.disk.freeBytes)} af ${bytesDa(s.disk.totalBytes)}` : 'ukendt' },
    { label: 'Hukommelse', value: `programmet bruger ${bytesDa(s.memory.processRssBytes)}; fri ${bytesDa(s.memory.systemFreeBytes)} af ${bytesDa(s.memory.systemTotalBytes)}` },
    { label: 'Logfiler', value: s.logBytes === null ? 'ukendt' : bytesDa(s.logBytes) },
    { label: 'Ur', value: s.clockTrusted ? 'korrekt' : 'forkert – åbningstider er slået fra, statistik uden tidspunkt' },
    ...(s.speech ? [{ label: 'Oplæsning (Læs højt)', value: speechDa(s.speech) }] : []),
    ...(s.statistics ? [{ label: 'Statistik', value: statisticsDa(s.statistics) }] : []),
    ...(s.displayPower
      ? [{ label: 'Skærm tændt/slukket', value: `${s.displayPower.commands} ${s.displayPower.commands === 1 ? 'kommando' : 'kommandoer'}, ${s.displayPower.failures} fejlede` }]
      : []),
  ];
}

function statisticsDa(statistics: StatisticsHealth): string {
  if (statistics.problemDa === null) return 'gemmes';
  return `gemmes ikke lige nu – ${statistics.pendingEvents} ${statistics.pendingEvents === 1 ? 'optælling venter' : 'optællinger venter'} på plads`;
}

function speechDa(speech: ReadAloudHealth): string {
  if (!speech.available) return 'virker ikke – knappen „Læs højt“ vises ikke';
  const languages = speech.languages.includes('en') ? 'dansk og engelsk' : 'kun dansk';
  const failures = speech.playbackFailures + speech.synthesisFailures;
  return `virker (${languages})${failures === 0 ? '' : `, men er fejlet ${times(failures)} siden start`}`;
}

/** The summary as Danish lines for staff. */
export function healthTextDa(s: HealthSummary): string {
  const lines = [
    `Vores Sted – tilstand for kiosk ${s.kioskId}`,
    `Tidspunkt: ${dateTimeDa(Date.parse(s.at))}${s.clockTrusted ? '' : ' (uret går forkert)'}`,
    `Status: ${s.warnings.length === 0 ? 'alt ser fint ud' : `${s.warnings.length} ting kræver opmærksomhed`}`,
    ...s.warnings.map((warning) => `  ! ${warning}`),
    ...healthRowsDa(s).map((row) => `${row.label}: ${row.value}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The health log on a service stick: one block per visit, newest last; old blocks go beyond `maxBytes`. */
export async function appendHealthLog(folder: string, summary: HealthSummary, maxBytes = 256 * 1024): Promise<string> {
  const safeId = summary.kioskId.replace(/[^\w.-]/g, '-').slice(0, 64) || 'kiosk';
  const path = join(folder, `vores-sted-tilstand-${safeId}.txt`);
  let before = '';
  try {
    before = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  } catch {
    // first visit
  }
  const block = `${healthTextDa(summary)}\n`;
  let text = before + block;
  if (Buffer.byteLength(text) > maxBytes) {
    // Cut at a block boundary so the oldest entries go whole.
    const blocks = text.split(/\n(?=Vores Sted – tilstand for kiosk )/);
    while (blocks.length > 1 && Buffer.byteLength(blocks.join('\n')) > maxBytes) blocks.shift();
    text = blocks.join('\n');
  }
  // BOM and CRLF: Notepad on the library's Windows PC shows æøå and the line breaks.
  await writeFileAtomic(path, `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`);
  return path;
}
