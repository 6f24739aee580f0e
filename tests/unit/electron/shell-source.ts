import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { listFiles } from '../packaging/glob';

// The Electron main process (electron/shell/main.ts) imports Electron and cannot be loaded without its
// binary, so the tests check its wiring as text – like preload-surface.test.ts does for the preload.

export const root = resolve(import.meta.dirname, '../../..');

export function read(relative: string): string {
  return readFileSync(join(root, relative), 'utf8');
}

export function mainSource(): string {
  return read('electron/shell/main.ts');
}

/**
 * Every source file that ends up in the Electron app or decides how it is built: the shell, the host core
 * it runs, the contract, the renderer, and the packaging config. (Not electron/kiosk: the Chromium kiosk.)
 */
export async function appSources(): Promise<{ path: string; text: string }[]> {
  const folders = ['electron/shell', 'electron/core', 'contract', 'renderer/src'];
  const files = (await Promise.all(folders.map((folder) => listFiles(join(root, folder), root)))).flat().map((file) => file.path);
  const paths = [...files.filter((path) => /\.(ts|svelte|js)$/.test(path)), 'renderer/index.html', 'renderer/editor.html', 'build/electron-builder.config.ts', 'build/package.ts', 'package.json'];
  return paths.map((path) => ({ path, text: read(path) }));
}

/** Points at a test elsewhere that makes the assertion, and fails if that test is renamed or removed. */
export function coveredBy(file: string, testName: string): void {
  expect(read(file), `${file} no longer has the test "${testName}"`).toContain(testName);
}
