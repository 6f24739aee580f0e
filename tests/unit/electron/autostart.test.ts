import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyAutostart,
  autostartDesktopEntry,
  execLine,
  GENERATED_MARK,
  launchCommand,
  planAutostart,
  type AutostartInput,
  type LoginItemSettings,
} from '../../../electron/shell/autostart';
import { tempDirs } from '../unattended/support';

// Starting on login by the config's `autostart`: the decision per platform, the Linux autostart entry as
// text, and the entry written into and removed from a temporary home folder.

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const INSTALLED = '/opt/Vores Sted/vores-sted';

function input(overrides: Partial<AutostartInput> = {}): AutostartInput {
  return { enabled: true, platform: 'linux', command: [INSTALLED], home: '/home/kiosk', env: {}, ...overrides };
}

/** The key=value lines of a desktop entry (after its group header). */
function entries(text: string): Map<string, string> {
  const lines = text.split('\n').filter(Boolean);
  expect(lines[0]).toBe('[Desktop Entry]');
  return new Map(lines.slice(1).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('what starts the kiosk again', () => {
  it('is the AppImage file (not its temporary mount), the installed program, or Electron with the project', () => {
    const source = { execPath: '/tmp/.mount_vores1/vores-sted', isPackaged: true, appPath: '/tmp/.mount_vores1/resources/app.asar' };
    expect(launchCommand({ ...source, env: { APPIMAGE: '/home/kiosk/vores-sted-0.1.0-arm64.AppImage' } })).toEqual(['/home/kiosk/vores-sted-0.1.0-arm64.AppImage']);
    expect(launchCommand({ ...source, execPath: INSTALLED, env: {} })).toEqual([INSTALLED]);
    expect(launchCommand({ execPath: '/work/node_modules/electron/dist/electron', isPackaged: false, appPath: '/work', env: {} })).toEqual([
      '/work/node_modules/electron/dist/electron',
      '/work',
    ]);
  });
});

describe('the decision', () => {
  it('uses the login item on Windows and macOS, on and off as the config says', () => {
    const windows = ['C:\\Program Files\\Vores Sted\\vores-sted.exe'];
    expect(planAutostart(input({ platform: 'win32', command: windows }))).toEqual({ kind: 'login-item', openAtLogin: true, path: windows[0], args: [] });
    expect(planAutostart(input({ platform: 'win32', command: windows, enabled: false }))).toMatchObject({ kind: 'login-item', openAtLogin: false });
    expect(planAutostart(input({ platform: 'darwin' }))).toMatchObject({ kind: 'login-item', openAtLogin: true });
  });

  it('on Linux writes ~/.config/autostart/vores-sted.desktop, or $XDG_CONFIG_HOME/autostart when that is set', () => {
    expect(planAutostart(input())).toMatchObject({ kind: 'desktop-file', path: '/home/kiosk/.config/autostart/vores-sted.desktop' });
    expect(planAutostart(input({ env: { XDG_CONFIG_HOME: '/srv/kiosk-config' } }))).toMatchObject({ path: '/srv/kiosk-config/autostart/vores-sted.desktop' });
    // A relative XDG_CONFIG_HOME is invalid by the spec, and ignored.
    expect(planAutostart(input({ env: { XDG_CONFIG_HOME: 'config' } }))).toMatchObject({ path: '/home/kiosk/.config/autostart/vores-sted.desktop' });
  });

  it('turned off on Linux, removes the entry, whatever the path of the program', () => {
    expect(planAutostart(input({ enabled: false }))).toEqual({ kind: 'desktop-file', path: '/home/kiosk/.config/autostart/vores-sted.desktop', content: null });
    expect(planAutostart(input({ enabled: false, command: ['/home/kiosk/$(reboot)/vores-sted'] }))).toMatchObject({ kind: 'desktop-file', content: null });
  });

  it('refuses to write an entry for a program whose path it cannot write safely', () => {
    const plan = planAutostart(input({ command: ['/home/kiosk/Hentede filer (1)/vores-sted.AppImage'] }));
    expect(plan).toMatchObject({ kind: 'not-possible' });
    expect(planAutostart(input({ platform: 'freebsd' }))).toMatchObject({ kind: 'not-possible' });
  });
});

describe('the Exec line', () => {
  it('points at the program, quoting a path with spaces, and keeps Danish letters as they are', () => {
    expect(execLine([INSTALLED])).toBe('"/opt/Vores Sted/vores-sted"');
    expect(execLine(['/home/søren/vores-sted-0.1.0-x86_64.AppImage'])).toBe('/home/søren/vores-sted-0.1.0-x86_64.AppImage');
    expect(execLine(['/usr/lib/electron/electron', '/home/kiosk/vores sted'])).toBe('/usr/lib/electron/electron "/home/kiosk/vores sted"');
  });

  it('never carries a character a shell or the desktop entry format would read as more than a letter', () => {
    for (const bad of ['$', '`', '"', "'", '\\', ';', '|', '&', '<', '>', '*', '?', '#', '(', ')', '~', '%', '\n', '\r', '\t']) {
      expect(execLine([`/opt/vores${bad}sted/vores-sted`]), JSON.stringify(bad)).toBeNull();
    }
    expect(execLine(['vores-sted']), 'a name looked up in PATH').toBeNull();
    expect(execLine([]), 'nothing').toBeNull();
  });
});

describe('the autostart entry', () => {
  const text = autostartDesktopEntry('"/opt/Vores Sted/vores-sted"');
  const entry = entries(text);

  it('starts the program at login, named and described in Danish', () => {
    expect(entry.get('Type')).toBe('Application');
    expect(entry.get('Exec')).toBe('"/opt/Vores Sted/vores-sted"');
    expect(entry.get('X-GNOME-Autostart-enabled')).toBe('true');
    expect(entry.get('Terminal')).toBe('false');
    expect(entry.get('Name')).toBe('Vores Sted');
    expect(entry.get('Comment')).toMatch(/^Starter berøringsskærmen Vores Sted, når brugeren logger ind/);
    // Hidden=true would turn it off again.
    expect(entry.has('Hidden')).toBe(false);
  });

  it('says it was written by the kiosk, so only that entry is ever removed', () => {
    expect(text.split('\n')).toContain(GENERATED_MARK);
  });
});

describe('applying it', () => {
  async function home(): Promise<{ home: string; path: string }> {
    const home = await dirs.make('vores-sted-home-');
    return { home, path: join(home, '.config', 'autostart', 'vores-sted.desktop') };
  }
  const noLoginItem = (): void => {
    throw new Error('Linux has no login item');
  };

  it('writes the entry once, leaves it alone when nothing changed, and removes it when turned off', async () => {
    const { home: dir, path } = await home();
    const on = planAutostart(input({ home: dir }));
    expect(await applyAutostart(on, noLoginItem)).toBe('written');
    expect(entries(await readFile(path, 'utf8')).get('Exec')).toBe('"/opt/Vores Sted/vores-sted"');
    const before = await stat(path);
    expect(await applyAutostart(on, noLoginItem)).toBe('unchanged');
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);

    // The program moved (a new AppImage): the entry follows it.
    expect(await applyAutostart(planAutostart(input({ home: dir, command: ['/home/kiosk/vores-sted-0.2.0.AppImage'] })), noLoginItem)).toBe('written');
    expect(entries(await readFile(path, 'utf8')).get('Exec')).toBe('/home/kiosk/vores-sted-0.2.0.AppImage');

    const off = planAutostart(input({ home: dir, enabled: false }));
    expect(await applyAutostart(off, noLoginItem)).toBe('removed');
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await applyAutostart(off, noLoginItem)).toBe('absent');
  });

  it('never overwrites or removes an entry of the same name that IT wrote by hand', async () => {
    const { home: dir, path } = await home();
    await mkdir(join(dir, '.config', 'autostart'), { recursive: true });
    const handWritten = '[Desktop Entry]\nType=Application\nName=Vores Sted\nExec=/usr/local/bin/start-vores-sted\n';
    await writeFile(path, handWritten);
    expect(await applyAutostart(planAutostart(input({ home: dir })), noLoginItem)).toBe('kept-foreign-entry');
    expect(await applyAutostart(planAutostart(input({ home: dir, enabled: false })), noLoginItem)).toBe('kept-foreign-entry');
    expect(await readFile(path, 'utf8')).toBe(handWritten);
  });

  it('writes nothing when the path cannot be written safely', async () => {
    const { home: dir, path } = await home();
    expect(await applyAutostart(planAutostart(input({ home: dir, command: ['/opt/x;reboot'] })), noLoginItem)).toBe('not-possible');
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('hands Windows the login item for the installed program', async () => {
    const settings: LoginItemSettings[] = [];
    const exe = 'C:\\Program Files\\Vores Sted\\vores-sted.exe';
    expect(await applyAutostart(planAutostart(input({ platform: 'win32', command: [exe] })), (s) => settings.push(s))).toBe('login-item-set');
    expect(await applyAutostart(planAutostart(input({ platform: 'win32', command: [exe], enabled: false })), (s) => settings.push(s))).toBe('login-item-set');
    expect(settings).toEqual([
      { openAtLogin: true, path: exe, args: [] },
      { openAtLogin: false, path: exe, args: [] },
    ]);
  });
});
