import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../contract/api.js';
import { loadConfig } from '../../../electron/core/config.js';
import { KioskHost } from '../../../electron/core/kiosk-host.js';
import { serviceStickHandler, STATS_FOLDER, stickWriteProblem } from '../../../electron/core/service-stick.js';
import { StatsStore } from '../../../electron/core/unattended/index.js';
import { builtInContent, isDanish, projectRoot, tempDirs } from './support.js';

// The service stick from the staff member's side: the counts land on the stick, and the screen says when
// it is safe to take the stick out, or in Danish why nothing was written.

const dirs = tempDirs();
afterEach(dirs.cleanup);

async function kiosk(withStats = true) {
  const data = await dirs.make('vores-sted-stick-data-');
  const host = await KioskHost.start(await loadConfig({ env: { VORES_STED_CONTENT: builtInContent, VORES_STED_DATA: data }, projectRoot }));
  const notices: Extract<HostEvent, { type: 'staff-notice' }>[] = [];
  host.events.subscribe((event) => {
    if (event.type === 'staff-notice') notices.push(event);
  });
  const stats = withStats ? await StatsStore.open({ dir: join(data, 'stats'), clockFloor: () => 0 }) : null;
  const handle = serviceStickHandler({ host, stats, dataDir: data, starts: null, watchdogCounts: () => undefined, installedVersion: () => 0 });
  return { host, stats, notices, handle };
}

describe('a stick with the statistics folder', () => {
  it('gets the CSV files, the summary and the health log, and the screen says the stick can come out', async () => {
    const { stats, notices, handle } = await kiosk();
    const stick = await dirs.make('vores-sted-stick-');
    await mkdir(join(stick, STATS_FOLDER));
    await handle(stick);
    const files = await readdir(join(stick, STATS_FOLDER));
    expect(files.filter((f) => f.endsWith('.csv'))).toHaveLength(2);
    expect(files.some((f) => f.endsWith('.html'))).toBe(true);
    expect(files.some((f) => f.startsWith('vores-sted-tilstand-'))).toBe(true);
    expect(notices).toEqual([{ type: 'staff-notice', level: 'success', messageDa: expect.stringMatching(/gemt.*Du kan tage USB-stikket ud/) }]);
    await stats?.close();
  });

  it('without a statistics store still gets the health log, and the screen says there were no counts to give', async () => {
    const { notices, handle } = await kiosk(false);
    const stick = await dirs.make('vores-sted-stick-');
    await mkdir(join(stick, STATS_FOLDER));
    await handle(stick);
    const files = await readdir(join(stick, STATS_FOLDER));
    expect(files.some((f) => f.endsWith('.csv'))).toBe(false);
    expect(files.some((f) => f.startsWith('vores-sted-tilstand-'))).toBe(true);
    expect(notices[0]).toMatchObject({ level: 'success', messageDa: expect.stringMatching(/ingen statistik/) });
  });

  it('that cannot be written to gets a Danish error on screen, not silence', async () => {
    const { stats, notices, handle } = await kiosk();
    const stick = await dirs.make('vores-sted-stick-');
    // A file where the folder should be: the kiosk finds the name, but nothing can be written into it.
    await writeFile(join(stick, STATS_FOLDER), 'not a folder');
    await handle(stick);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.level).toBe('error');
    expect(isDanish(notices[0]?.messageDa ?? '')).toBe(true);
    expect(await readFile(join(stick, STATS_FOLDER), 'utf8')).toBe('not a folder');
    await stats?.close();
  });

  it('without the folder is left alone: nothing written, nothing said', async () => {
    const { stats, notices, handle } = await kiosk();
    const stick = await dirs.make('vores-sted-stick-');
    await handle(stick);
    expect(await readdir(stick)).toEqual([]);
    expect(notices).toEqual([]);
    await stats?.close();
  });
});

describe('why a stick could not be written, for staff', () => {
  const failure = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

  it('a full stick, a write-protected stick, and one pulled out each get their own advice', () => {
    expect(stickWriteProblem(failure('ENOSPC')).messageDa).toMatch(/ikke plads/);
    expect(stickWriteProblem(failure('EROFS')).messageDa).toMatch(/skrivebeskyttet/);
    expect(stickWriteProblem(failure('EACCES')).messageDa).toMatch(/skrivebeskyttet/);
    expect(stickWriteProblem(failure('EIO')).messageDa).toMatch(/taget ud/);
    expect(stickWriteProblem('not an error')).toMatchObject({ code: 'UNKNOWN', messageDa: expect.stringMatching(/taget ud/) });
  });
});
