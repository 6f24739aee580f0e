import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { writeFileAtomic } from '../core/bundle/fs-safe.js';
import { createLogger } from '../core/logger.js';

// Starting on login, by the config's `autostart`: on Windows and macOS through Electron's login item, on
// Linux through an XDG autostart entry (~/.config/autostart/vores-sted.desktop), which desktop sessions
// and most window managers start at login. The plan and the file's text are pure, so they are tested as
// data; only applyAutostart touches the disk or Electron.

const log = createLogger('autostart');

export const AUTOSTART_FILE_NAME = 'vores-sted.desktop';

/** Marks an entry the kiosk wrote, so turning autostart off never deletes one IT wrote by hand. */
export const GENERATED_MARK = 'X-Vores-Sted-Generated=true';

export interface LaunchSource {
  /** process.execPath */
  execPath: string;
  /** app.isPackaged */
  isPackaged: boolean;
  /** app.getAppPath(): the project folder when Electron runs it in development. */
  appPath: string;
  env: Record<string, string | undefined>;
}

/**
 * What starts this very program again: the AppImage file itself (process.execPath points into its
 * temporary mount, gone after a restart), the installed executable, or Electron with the project folder.
 */
export function launchCommand({ execPath, isPackaged, appPath, env }: LaunchSource): string[] {
  const appImage = env['APPIMAGE'];
  if (appImage && posix.isAbsolute(appImage)) return [appImage];
  return isPackaged ? [execPath] : [execPath, appPath];
}

/**
 * Characters an Exec line carries without the Desktop Entry quoting rules or any shell meaning: letters
 * (æ, ø, å too), digits, `/ . _ - + , : @ =` and space. No quotes, `$`, backticks, backslashes, `%`
 * (field codes), `;|&<>*?#()~` or line breaks: a path with those is refused rather than escaped.
 */
const SAFE_ARGUMENT = /^[\p{L}\p{N}/._+,:@= -]+$/u;

/** The Exec value for `command`, or null when it cannot be written safely (or is not an absolute path). */
export function execLine(command: readonly string[]): string | null {
  const [program] = command;
  if (program === undefined || !posix.isAbsolute(program)) return null;
  if (!command.every((argument) => SAFE_ARGUMENT.test(argument))) return null;
  // "/opt/Vores Sted/vores-sted" (where the .deb installs) has a space: quoted, it stays one argument.
  return command.map((argument) => (argument.includes(' ') ? `"${argument}"` : argument)).join(' ');
}

/** The autostart entry that starts the kiosk with `exec` (from execLine). */
export function autostartDesktopEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    'Name=Vores Sted',
    'Comment=Starter berøringsskærmen Vores Sted, når brugeren logger ind (slås fra med "autostart": false i konfigurationen)',
    'Comment[en]=Starts the Vores Sted touch kiosk at login (turned off with "autostart": false in the config)',
    `Exec=${exec}`,
    'Icon=vores-sted',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    GENERATED_MARK,
    '',
  ].join('\n');
}

/** $XDG_CONFIG_HOME/autostart, or ~/.config/autostart (a relative XDG_CONFIG_HOME is ignored, as the spec says). */
export function autostartDir(home: string, env: Record<string, string | undefined>): string {
  const configHome = env['XDG_CONFIG_HOME'];
  return join(configHome && posix.isAbsolute(configHome) ? configHome : join(home, '.config'), 'autostart');
}

export type AutostartPlan =
  | { kind: 'login-item'; openAtLogin: boolean; path: string; args: string[] }
  /** content null: remove the entry (if the kiosk wrote it). */
  | { kind: 'desktop-file'; path: string; content: string | null }
  | { kind: 'not-possible'; reason: string };

export interface AutostartInput {
  enabled: boolean;
  platform: NodeJS.Platform;
  /** From launchCommand. */
  command: readonly string[];
  home: string;
  env: Record<string, string | undefined>;
}

export function planAutostart({ enabled, platform, command, home, env }: AutostartInput): AutostartPlan {
  switch (platform) {
    case 'win32':
    case 'darwin': {
      const [path = '', ...args] = command;
      return { kind: 'login-item', openAtLogin: enabled, path, args };
    }
    case 'linux': {
      const path = join(autostartDir(home, env), AUTOSTART_FILE_NAME);
      if (!enabled) return { kind: 'desktop-file', path, content: null };
      const exec = execLine(command);
      if (exec === null) {
        return { kind: 'not-possible', reason: `the program's path cannot be written safely into an autostart entry: ${JSON.stringify(command)}` };
      }
      return { kind: 'desktop-file', path, content: autostartDesktopEntry(exec) };
    }
    default:
      return { kind: 'not-possible', reason: `no autostart on ${platform}` };
  }
}

export type AutostartOutcome = 'login-item-set' | 'written' | 'unchanged' | 'removed' | 'absent' | 'kept-foreign-entry' | 'not-possible';

export interface LoginItemSettings {
  openAtLogin: boolean;
  path: string;
  args: string[];
}

/** Carries the plan out; `setLoginItem` is Electron's app.setLoginItemSettings. Safe to run at every start. */
export async function applyAutostart(plan: AutostartPlan, setLoginItem: (settings: LoginItemSettings) => void): Promise<AutostartOutcome> {
  switch (plan.kind) {
    case 'login-item':
      setLoginItem({ openAtLogin: plan.openAtLogin, path: plan.path, args: plan.args });
      return 'login-item-set';
    case 'desktop-file':
      return plan.content === null ? removeEntry(plan.path) : writeEntry(plan.path, plan.content);
    case 'not-possible':
      log.warn({ reason: plan.reason }, 'cannot start the kiosk at login');
      return 'not-possible';
  }
}

async function readEntry(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function isOurs(text: string): boolean {
  return text.split('\n').includes(GENERATED_MARK);
}

async function writeEntry(path: string, content: string): Promise<AutostartOutcome> {
  const current = await readEntry(path);
  if (current === content) return 'unchanged';
  if (current !== null && !isOurs(current)) {
    log.warn({ path }, 'an autostart entry the kiosk did not write is in the way; leaving it');
    return 'kept-foreign-entry';
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, content);
  log.info({ path }, 'the kiosk starts at login');
  return 'written';
}

async function removeEntry(path: string): Promise<AutostartOutcome> {
  const current = await readEntry(path);
  if (current === null) return 'absent';
  if (!isOurs(current)) {
    log.warn({ path }, 'autostart is off, but an entry the kiosk did not write starts it; leaving it');
    return 'kept-foreign-entry';
  }
  await rm(path, { force: true });
  log.info({ path }, 'the kiosk no longer starts at login');
  return 'removed';
}
