import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_CANDIDATES, chromiumArgs, findChromium, launchChromium, type ChromiumOptions } from '../../../electron/kiosk/chromium-launcher.js';
import { findElectronBinary, hasDisplay } from '../../../electron/kiosk/electron-binary.js';
import { tempDirs } from './support.js';

const dirs = tempDirs();
afterEach(dirs.cleanup);

const base: ChromiumOptions = {
  url: 'http://127.0.0.1:8350/',
  userDataDir: '/tmp/vores-sted-chromium-abc',
  kiosk: false,
  headless: false,
  noSandbox: false,
  softwareGl: false,
};

describe('chromiumArgs', () => {
  it('opens the kiosk URL as an app window with its own fresh profile', () => {
    const args = chromiumArgs(base);
    expect(args).toContain('--app=http://127.0.0.1:8350/');
    expect(args).toContain('--user-data-dir=/tmp/vores-sted-chromium-abc');
    expect(args.filter((arg) => arg.startsWith('--app='))).toHaveLength(1);
  });

  it('never lets the browser talk to the network or greet the visitor with first-run pages', () => {
    const args = chromiumArgs(base);
    for (const flag of ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check']) {
      expect(args, flag).toContain(flag);
    }
    // No way back out of the app by swiping.
    expect(args).toContain('--overscroll-history-navigation=0');
  });

  it('speaks DevTools only on the pipes of the process that starts it, never on a port anything else could reach', () => {
    const args = chromiumArgs({ ...base, kiosk: true, headless: true });
    expect(args).toContain('--remote-debugging-pipe');
    expect(args.some((arg) => arg.startsWith('--remote-debugging-port') || arg.startsWith('--remote-debugging-address'))).toBe(false);
  });

  it('full screen kiosk flags only in kiosk mode', () => {
    expect(chromiumArgs(base)).not.toContain('--kiosk');
    expect(chromiumArgs({ ...base, kiosk: true })).toEqual(expect.arrayContaining(['--kiosk', '--start-fullscreen']));
  });

  it('headless only when asked', () => {
    expect(chromiumArgs(base).some((arg) => arg.startsWith('--headless'))).toBe(false);
    expect(chromiumArgs({ ...base, headless: true })).toContain('--headless=new');
  });

  it('the CPU renderer (SwiftShader) only when software GL is asked for', () => {
    expect(chromiumArgs(base)).not.toContain('--use-angle=swiftshader');
    expect(chromiumArgs({ ...base, softwareGl: true })).toContain('--use-angle=swiftshader');
    // Without a GPU the page is composited on the CPU by Skia, not through SwiftShader (software-gl.ts).
    expect(chromiumArgs({ ...base, softwareGl: true })).toContain('--disable-gpu-compositing');
    expect(chromiumArgs(base)).not.toContain('--disable-gpu-compositing');
  });

  it('--no-sandbox only when asked (root in a container)', () => {
    expect(chromiumArgs(base)).not.toContain('--no-sandbox');
    expect(chromiumArgs({ ...base, noSandbox: true })).toContain('--no-sandbox');
  });
});

describe('findChromium', () => {
  it('uses the configured path when it exists', () => {
    expect(findChromium('/opt/chromium/chrome', (path) => path === '/opt/chromium/chrome')).toBe('/opt/chromium/chrome');
  });

  it('a configured path that does not exist means no Chromium, even if another one is installed', () => {
    expect(findChromium('/nonexistent/chromium', () => false)).toBeNull();
    expect(findChromium('/nonexistent/chromium', (path) => path === '/usr/bin/chromium')).toBeNull();
  });

  it('otherwise takes the first known install location that exists', () => {
    expect(findChromium(undefined, (path) => path === '/usr/bin/google-chrome' || path === '/snap/bin/chromium')).toBe('/snap/bin/chromium');
    expect(findChromium(undefined, (path) => path === CHROMIUM_CANDIDATES[0])).toBe('/usr/bin/chromium');
  });

  it('none installed → null', () => {
    expect(findChromium(undefined, () => false)).toBeNull();
  });
});

describe('launchChromium', () => {
  it.skipIf(process.platform === 'win32')('starts the binary with exactly the kiosk command line', async () => {
    const dir = await dirs.make();
    const fake = join(dir, 'chromium');
    const record = join(dir, 'args.txt');
    await writeFile(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\necho "some chromium warning" >&2\n`);
    await chmod(fake, 0o755);
    const options = { ...base, kiosk: true, userDataDir: join(dir, 'profile') };

    const child = launchChromium(fake, options);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    expect(code).toBe(0);
    expect((await readFile(record, 'utf8')).trimEnd().split('\n')).toEqual(chromiumArgs(options));
  });
});

describe('findElectronBinary', () => {
  const executable = process.platform === 'win32' ? 'electron.exe' : 'electron';

  it('ELECTRON_OVERRIDE_DIST_PATH with an electron binary in it → that binary', async () => {
    const dist = await dirs.make();
    await writeFile(join(dist, executable), '');
    expect(findElectronBinary('/nonexistent-project', { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(join(dist, executable));
  });

  it('ELECTRON_OVERRIDE_DIST_PATH without one → null (never a download)', async () => {
    const dist = await dirs.make();
    expect(findElectronBinary('/nonexistent-project', { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBeNull();
  });

  it('a completed npm download recorded in node_modules/electron/path.txt', async () => {
    const project = await dirs.make();
    const packageDir = join(project, 'node_modules', 'electron');
    await mkdir(join(packageDir, 'dist'), { recursive: true });
    await writeFile(join(packageDir, 'path.txt'), `${executable}\n`);
    expect(findElectronBinary(project, {})).toBeNull(); // recorded, but the binary is not there
    await writeFile(join(packageDir, 'dist', executable), '');
    expect(findElectronBinary(project, {})).toBe(join(packageDir, 'dist', executable));
  });

  it('no electron package at all → null', async () => {
    expect(findElectronBinary(await dirs.make(), {})).toBeNull();
  });
});

describe('hasDisplay', () => {
  it('Linux needs X11 or Wayland', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: '' }, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
  });

  it('Windows and macOS always have one', () => {
    expect(hasDisplay({}, 'win32')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});
