import { readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../electron/core/config';
import { attachLogFile, createRootLogger, detachLogFile } from '../../../electron/core/logger';
import { DeferredLogDestination, logFileOptions, type RotatingLogOptions } from '../../../electron/core/unattended/log-files';
import { projectRoot } from '../host/support';
import { at, tempDirs } from './support';

// The kiosk's log as IT finds it: pino JSON in files in the data folder, rotated by size and age from the
// config, never more than the cap; every line also on stdout for the journal. The root logger and the
// destinations here are made exactly as logger.ts makes the real ones (whose level is silent in tests).

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const MIB = 1024 * 1024;
const plentyOfSpace = { freeBytes: () => 10 ** 12 } satisfies Partial<RotatingLogOptions>;

/** stdout as pino sees it, counting the lines. */
function fakeStdout(): { write: (line: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { write: (line) => lines.push(line), lines };
}

async function configWith(logs: unknown): Promise<Awaited<ReturnType<typeof loadConfig>>> {
  const dir = await dirs.make('vores-sted-logs-');
  await writeFile(join(dir, 'config.json'), JSON.stringify({ dataDir: join(dir, 'data'), logs }));
  return await loadConfig({ env: { VORES_STED_CONFIG: join(dir, 'config.json') }, projectRoot });
}

async function folderBytes(dir: string): Promise<{ names: string[]; bytes: number }> {
  const names = (await readdir(dir)).sort();
  let bytes = 0;
  for (const name of names) bytes += (await stat(join(dir, name))).size;
  return { names, bytes };
}

describe('the log files of a running kiosk', () => {
  it('a module logger made before the config is read writes into the files; lots of lines rotate and stay under the cap', async () => {
    const config = await configWith({ maxFileMB: 1, maxFiles: 3 });
    const stdout = fakeStdout();
    const file = new DeferredLogDestination();
    const root = createRootLogger('info', stdout, file);
    const early = root.child({ module: 'early' });
    early.info('logged before the config was read');

    const options = { ...logFileOptions(config.logs, config.dataDir), ...plentyOfSpace };
    expect(options.dir).toBe(join(config.dataDir, 'logs'));
    expect(attachLogFile(options, file)).not.toBeNull();
    const first = await readFile(join(options.dir, 'vores-sted.log'), 'utf8');
    expect(JSON.parse(first)).toMatchObject({ level: 30, app: 'vores-sted', module: 'early', msg: 'logged before the config was read' });

    // About 8 MB of log: more than twice what three 1 MB files hold.
    const filler = 'x'.repeat(400);
    for (let i = 0; i < 20_000; i++) early.info({ i, filler }, 'a busy day');
    detachLogFile(file);

    const { names, bytes } = await folderBytes(options.dir);
    expect(names).toEqual(['vores-sted.1.log', 'vores-sted.2.log', 'vores-sted.log']);
    expect(bytes).toBeLessThanOrEqual(3 * MIB);
    expect(bytes).toBeGreaterThan(2 * MIB);
    const newest = (await readFile(join(options.dir, 'vores-sted.log'), 'utf8')).trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(newest)).toMatchObject({ i: 19_999, module: 'early' });
    // The journal got every line, the one from before the config included.
    expect(stdout.lines).toHaveLength(20_001);
  });

  it('removes rotated files by age: old ones at start, and ones that age while the kiosk runs', async () => {
    const config = await configWith({ maxAgeDays: 14 });
    const dir = logFileOptions(config.logs, config.dataDir).dir;
    let now = at('2026-06-20T10:00Z');
    const file = new DeferredLogDestination();
    const logger = createRootLogger('info', fakeStdout(), file).child({ module: 'test' });
    // The first start makes the folder; files from earlier runs are put in it.
    attachLogFile({ ...logFileOptions(config.logs, config.dataDir), ...plentyOfSpace, now: () => now }, file);
    detachLogFile(file);
    await writeFile(join(dir, 'vores-sted.1.log'), 'from last week\n');
    await writeFile(join(dir, 'vores-sted.2.log'), 'from last month\n');
    await utimes(join(dir, 'vores-sted.1.log'), new Date(at('2026-06-13T10:00Z')), new Date(at('2026-06-13T10:00Z')));
    await utimes(join(dir, 'vores-sted.2.log'), new Date(at('2026-05-20T10:00Z')), new Date(at('2026-05-20T10:00Z')));

    attachLogFile({ ...logFileOptions(config.logs, config.dataDir), ...plentyOfSpace, now: () => now }, file);
    expect((await readdir(dir)).sort()).toEqual(['vores-sted.1.log', 'vores-sted.log']);

    // Eight days on, without a restart: last week's file is now too old, and goes at the next line.
    now = at('2026-06-28T11:00Z');
    logger.info('still here');
    expect((await readdir(dir)).sort()).toEqual(['vores-sted.log']);
    detachLogFile(file);
  });

  it('a log folder that cannot be made costs the files, never the kiosk', async () => {
    const dir = await dirs.make('vores-sted-logs-');
    await writeFile(join(dir, 'a-file'), '');
    const stdout = fakeStdout();
    const file = new DeferredLogDestination();
    const logger = createRootLogger('info', stdout, file).child({ module: 'test' });
    expect(attachLogFile({ dir: join(dir, 'a-file', 'logs') }, file)).toBeNull();
    logger.warn('the kiosk goes on');
    expect(stdout.lines.join('')).toContain('the kiosk goes on');
  });
});

describe('logs in the config', () => {
  it('has defaults that keep at most 50 MB for two weeks in the data folder', async () => {
    const config = await loadConfig({ env: { VORES_STED_DATA: '/var/lib/vores-sted' }, projectRoot });
    expect(config.logs).toEqual({ maxFileMB: 10, maxFiles: 5, maxAgeDays: 14 });
    expect(logFileOptions(config.logs, config.dataDir)).toEqual({ dir: '/var/lib/vores-sted/logs', maxBytes: 10 * MIB, maxFiles: 5, maxAgeDays: 14 });
  });

  it('takes a folder relative to the config file, as IT reads it', async () => {
    const config = await configWith({ dir: 'kiosk-logs', maxFiles: 3 });
    expect(config.logs.dir).toBe(join(config.dataDir, '..', 'kiosk-logs'));
    expect(config.logs.maxFiles).toBe(3);
  });

  it('refuses settings that could fill a disk, in Danish', async () => {
    const error = await configWith({ maxFiles: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).messageDa).toMatch(/„logs\.maxFiles“ må højst være 20/);
  });
});
