import { readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DeferredLogDestination, RotatingLogFile, levelOf } from '../../../electron/core/unattended/log-files';
import { at, tempDirs } from './support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const line = (level: number, msg: string): string => `${JSON.stringify({ level, time: '2026-06-01T10:00:00.000Z', app: 'vores-sted', msg })}\n`;

async function logFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('log file rotation', () => {
  it('writes pino lines to vores-sted.log', async () => {
    const dir = await dirs.make();
    const log = new RotatingLogFile({ dir, freeBytes: () => 10 ** 12 });
    log.write(line(30, 'hello'));
    log.close();
    expect(await readFile(join(dir, 'vores-sted.log'), 'utf8')).toBe(line(30, 'hello'));
  });

  it('rotates by size and keeps at most N files, the newest as .1', async () => {
    const dir = await dirs.make();
    const log = new RotatingLogFile({ dir, maxBytes: 1000, maxFiles: 3, freeBytes: () => 10 ** 12 });
    for (let i = 0; i < 100; i++) log.write(line(30, `line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`));
    log.close();
    expect(await logFiles(dir)).toEqual(['vores-sted.1.log', 'vores-sted.2.log', 'vores-sted.log']);
    let total = 0;
    for (const name of await logFiles(dir)) {
      const text = await readFile(join(dir, name), 'utf8');
      expect(text.length).toBeLessThanOrEqual(1000);
      total += text.length;
    }
    expect(total).toBeLessThanOrEqual(3000);
    // Nothing lost within what is kept: the newest lines are in order across the files.
    const current = await readFile(join(dir, 'vores-sted.log'), 'utf8');
    const previous = await readFile(join(dir, 'vores-sted.1.log'), 'utf8');
    expect(current).toContain('line 099');
    const lastOfPrevious = Number(/line (\d+)/.exec(previous.trim().split('\n').at(-1) ?? '')?.[1]);
    const firstOfCurrent = Number(/line (\d+)/.exec(current.split('\n')[0] ?? '')?.[1]);
    expect(firstOfCurrent).toBe(lastOfPrevious + 1);
  });

  it('continues the same file after a restart, and tidies files left by a larger maxFiles', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'vores-sted.log'), line(30, 'before restart'));
    await writeFile(join(dir, 'vores-sted.7.log'), 'old');
    const log = new RotatingLogFile({ dir, maxFiles: 3, freeBytes: () => 10 ** 12 });
    log.write(line(30, 'after restart'));
    log.close();
    expect(await readFile(join(dir, 'vores-sted.log'), 'utf8')).toBe(line(30, 'before restart') + line(30, 'after restart'));
    expect(await logFiles(dir)).toEqual(['vores-sted.log']);
  });

  it('removes rotated files older than D days', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'vores-sted.1.log'), 'recent');
    await writeFile(join(dir, 'vores-sted.2.log'), 'old');
    const now = at('2026-06-20T10:00Z');
    await utimes(join(dir, 'vores-sted.1.log'), new Date(at('2026-06-19T10:00Z')), new Date(at('2026-06-19T10:00Z')));
    await utimes(join(dir, 'vores-sted.2.log'), new Date(at('2026-06-01T10:00Z')), new Date(at('2026-06-01T10:00Z')));
    const log = new RotatingLogFile({ dir, maxAgeDays: 14, now: () => now, freeBytes: () => 10 ** 12 });
    log.close();
    expect(await logFiles(dir)).toEqual(['vores-sted.1.log', 'vores-sted.log']);
  });

  it('with little free space writes only warnings and errors, says so once, and resumes when space returns', async () => {
    const dir = await dirs.make();
    let free = 10 * 1024 * 1024;
    let now = at('2026-06-01T10:00Z');
    const log = new RotatingLogFile({ dir, minFreeBytes: 100 * 1024 * 1024, freeSpaceCheckMs: 60_000, freeBytes: () => free, now: () => now });
    log.write(line(30, 'info dropped'));
    log.write(line(20, 'debug dropped'));
    log.write(line(40, 'warn kept'));
    log.write(line(50, 'error kept'));
    free = 10 ** 12;
    now += 60_000;
    log.write(line(30, 'info again'));
    log.close();
    const lines = (await readFile(join(dir, 'vores-sted.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.map((l) => l.msg)).toEqual([
      'free disk space is low: writing only warnings and errors to the log file',
      'warn kept',
      'error kept',
      'free disk space recovered: writing all log lines again',
      'info again',
    ]);
    expect(log.status.droppedLines).toBe(2);
  });

  it('never throws when the disk refuses the write; the lost line is counted', async () => {
    const dir = await dirs.make();
    const log = new RotatingLogFile({ dir, freeBytes: () => 10 ** 12 });
    log.close();
    // The folder is replaced by a file: every open fails, as on a dead or pulled disk.
    await rm(dir, { recursive: true });
    await writeFile(dir, 'not a folder');
    expect(() => log.write(line(50, 'lost'))).not.toThrow();
    expect(log.status.droppedLines).toBe(1);
    await rm(dir);
  });

  it('works as a pino destination', async () => {
    const dir = await dirs.make();
    const file = new RotatingLogFile({ dir, freeBytes: () => 10 ** 12 });
    const logger = pino({ base: { app: 'vores-sted' } }, file);
    logger.child({ module: 'test' }).warn({ n: 1 }, 'through pino');
    file.close();
    expect(JSON.parse(await readFile(join(dir, 'vores-sted.log'), 'utf8'))).toMatchObject({ level: 40, module: 'test', n: 1, msg: 'through pino' });
  });

  it('reads the pino level of a line', () => {
    expect(levelOf(line(50, 'x'))).toBe(50);
    expect(levelOf('not json')).toBe(30);
  });

  it('keeps lines written before the log folder is known, and hands them over in order', async () => {
    const dir = await dirs.make();
    const deferred = new DeferredLogDestination(2);
    deferred.write(line(30, 'one'));
    deferred.write(line(30, 'two'));
    deferred.write(line(30, 'three'));
    const log = new RotatingLogFile({ dir, freeBytes: () => 10 ** 12 });
    deferred.attach(log);
    deferred.write(line(30, 'four'));
    log.close();
    expect(await readFile(join(dir, 'vores-sted.log'), 'utf8')).toBe(line(30, 'two') + line(30, 'three') + line(30, 'four'));
  });
});
