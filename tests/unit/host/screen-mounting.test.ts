import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../electron/core/config.js';
import { KioskHost } from '../../../electron/core/kiosk-host.js';
import { logMountingProblems } from '../../../electron/core/screen-mounting.js';
import { builtInContent, isDanish, isEnglish, projectRoot, tempDirs } from './support.js';

// The config's "mounting" section, as IT writes it: the screen's size and how high it hangs. The renderer
// gets it for the low-reach layout; a wrong one stops the kiosk with one clear line in each language.

const dirs = tempDirs();
afterEach(dirs.cleanup);

async function loadWith(mounting: unknown): Promise<Awaited<ReturnType<typeof loadConfig>>> {
  const dir = await dirs.make('vores-sted-mounting-');
  await writeFile(join(dir, 'config.json'), JSON.stringify({ dataDir: join(dir, 'data'), mounting }));
  return await loadConfig({ env: { VORES_STED_CONFIG: join(dir, 'config.json'), VORES_STED_CONTENT: builtInContent }, projectRoot });
}

async function refusal(mounting: unknown): Promise<ConfigError> {
  const thrown = await loadWith(mounting).then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(ConfigError);
  const error = thrown as ConfigError;
  expect(isDanish(error.messageDa), error.messageDa).toBe(true);
  expect(isEnglish(error.messageEn), error.messageEn).toBe(true);
  return error;
}

describe('the mounting section', () => {
  it('a diagonal or two sides, and the lower edge, reach the renderer; low reach is off by default', async () => {
    expect((await loadWith({ diagonalInches: 55, lowerEdgeMm: 700 })).mounting).toEqual({ size: { diagonalInches: 55 }, lowerEdgeMm: 700, lowReachByDefault: false });
    const config = await loadWith({ widthMm: 1210, heightMm: 680, lowerEdgeMm: 850, lowReachByDefault: true });
    expect(config.mounting).toEqual({ size: { widthMm: 1210, heightMm: 680 }, lowerEdgeMm: 850, lowReachByDefault: true });
    const host = await KioskHost.start(config);
    expect(host.rendererConfig.mounting).toEqual(config.mounting);
  });

  it('without the section there is no low-reach mode, and the renderer is told nothing about it', async () => {
    const config = await loadConfig({ env: { VORES_STED_CONTENT: builtInContent }, projectRoot });
    expect(config.mounting).toBeNull();
    expect('mounting' in (await KioskHost.start(config)).rendererConfig).toBe(false);
  });

  it('refuses a size given twice, half a size, no lower edge, or a misspelt field, naming the field', async () => {
    expect((await refusal({ diagonalInches: 55, widthMm: 1210, lowerEdgeMm: 700 })).messageDa).toContain('enten „diagonalInches“ eller „widthMm“ og „heightMm“');
    expect((await refusal({ widthMm: 1210, lowerEdgeMm: 700 })).messageEn).toContain('lacks the screen size');
    expect((await refusal({ diagonalInches: 55 })).messageDa).toContain('mounting.lowerEdgeMm');
    expect((await refusal({ diagonalInches: 55, lowerEdgeMM: 700 })).messageDa).toContain('mounting');
    expect((await refusal({ diagonalInches: 55, lowerEdgeMm: -5 })).messageDa).toContain('mindst 0');
  });

  it('a screen hung out of reach is logged as a mounting problem; one partly within reach is not', () => {
    expect(logMountingProblems({ size: { diagonalInches: 55 }, lowerEdgeMm: 1300, lowReachByDefault: false })).toBe(true);
    expect(logMountingProblems({ size: { diagonalInches: 55 }, lowerEdgeMm: 900, lowReachByDefault: false })).toBe(false);
    expect(logMountingProblems(null)).toBe(false);
  });
});
