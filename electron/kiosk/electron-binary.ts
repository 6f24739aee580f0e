import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron binary is, or null. Electron's npm package downloads its binary on first use, which
 * cannot happen offline; so the kiosk only picks Electron when the binary is really there
 * (ELECTRON_OVERRIDE_DIST_PATH, or a completed download recorded in node_modules/electron/path.txt).
 */
export function findElectronBinary(projectRoot: string, env: Record<string, string | undefined>): string | null {
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const candidate = join(override, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const candidate = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(candidate) ? candidate : null;
}

/** A display to open a window on: X11 or Wayland on Linux; always on Windows and macOS. */
export function hasDisplay(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}
