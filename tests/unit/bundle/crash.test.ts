import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InstallStep } from '../../../electron/core/bundle/install.js';
import { readCurrent, recoverAfterCrash, rollback } from '../../../electron/core/bundle/store.js';
import { SAMPLE_CONTENT, expectedContent, installedContent, setUpKiosk, useTempDirs } from './helpers.js';

const tmp = useTempDirs();

const STEPS: InstallStep[] = ['cleaned', 'copied', 'verified', 'unpacked', 'synced', 'moved', 'switched', 'pruned'];
// From 'switched' on, current.json already names the new version: the switch itself is the commit point.
const COMMITTED: ReadonlySet<InstallStep> = new Set(['switched', 'pruned']);
const V2 = { ...SAMPLE_CONTENT, 'core-tasks.json': '{"tasks":["v2"]}' };

class SimulatedCrash extends Error {}

async function expectCleanAfterRecovery(dataDir: string, version: number, content: Record<string, string | Buffer>) {
  const report = await recoverAfterCrash(dataDir);
  expect(report.current?.version).toBe(version);
  expect((await readCurrent(dataDir))?.version).toBe(version);
  expect(await installedContent(join(dataDir, 'versions', String(version)))).toEqual(expectedContent(content));
  const left = await readdir(dataDir);
  expect(left).not.toContain('staging');
  expect(left).not.toContain('incoming');
  expect(left).not.toContain('current.json.tmp');
  expect(JSON.parse(await readFile(join(dataDir, 'current.json'), 'utf8'))).toEqual({ version, dir: `versions/${version}` });
}

describe('a crash at any step of an install', () => {
  it.each(STEPS)('crash after "%s": recovery leaves one complete version current and no half-written state', async (crashStep) => {
    const kiosk = await setUpKiosk(tmp);
    const bundle = await kiosk.build(2, V2);

    const crashed = kiosk.install(bundle, {
      afterStep: (step) => {
        if (step === crashStep) throw new SimulatedCrash(step);
      },
    });

    await expect(crashed).rejects.toBeInstanceOf(SimulatedCrash);
    const committed = COMMITTED.has(crashStep);
    await expectCleanAfterRecovery(kiosk.dataDir, committed ? 2 : 1, committed ? V2 : SAMPLE_CONTENT);
    // And the kiosk is not stuck: the next install works.
    const next = await kiosk.install(await kiosk.build(3));
    expect(next).toMatchObject({ ok: true, version: 3 });
  });

  it('recovers from leftovers on disk: half-written staging and incoming, a stray current.json.tmp', async () => {
    const kiosk = await setUpKiosk(tmp);
    await mkdir(join(kiosk.dataDir, 'staging', '2', 'geo'), { recursive: true });
    await writeFile(join(kiosk.dataDir, 'staging', '2', 'geo', 'villages.json'), '[{"na');
    await mkdir(join(kiosk.dataDir, 'incoming'));
    await writeFile(join(kiosk.dataDir, 'incoming', 'bundle.vsb'), 'PK\u0003\u0004half');
    await writeFile(join(kiosk.dataDir, 'current.json.tmp'), '{"version": 2, "di');

    await expectCleanAfterRecovery(kiosk.dataDir, 1, SAMPLE_CONTENT);
  });

  it('repairs a damaged current.json by pointing it at the newest complete version', async () => {
    const kiosk = await setUpKiosk(tmp);
    expect((await kiosk.install(await kiosk.build(2, V2))).ok).toBe(true);
    await writeFile(join(kiosk.dataDir, 'current.json'), '\u0000\u0000garbage');

    const report = await recoverAfterCrash(kiosk.dataDir);

    expect(report).toMatchObject({ repointed: true, current: { version: 2 } });
    await expectCleanAfterRecovery(kiosk.dataDir, 2, V2);
  });

  it('never follows a current.json that points outside versions/', async () => {
    const kiosk = await setUpKiosk(tmp);
    await writeFile(join(kiosk.dataDir, 'current.json'), JSON.stringify({ version: 1, dir: '../../etc' }));

    expect(await readCurrent(kiosk.dataDir)).toBeNull();
    expect((await recoverAfterCrash(kiosk.dataDir)).current).toEqual({ version: 1, dir: join(kiosk.dataDir, 'versions', '1') });
  });

  it('on a fresh kiosk with nothing installed, recovery reports no current version', async () => {
    const dataDir = join(await tmp(), 'data');
    expect(await recoverAfterCrash(dataDir)).toEqual({ current: null, repointed: false });
    expect(await rollback(dataDir)).toEqual({ ok: false, reason: 'nothing-installed' });
  });
});
