import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendHealthLog, bytesDa, durationDa, gatherHealth, healthTextDa, lastInstallFromDataDir, type HealthInputs } from '../../../electron/core/unattended/health';
import { recordCleanExit, recordStart } from '../../../electron/core/unattended/start-record';
import { at, tempDirs } from './support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const GB = 1024 ** 3;
const MB = 1024 ** 2;

function inputs(overrides: Partial<HealthInputs> = {}): HealthInputs {
  return {
    kioskId: 'lejre-bib-1',
    now: at('2026-06-01T10:42+02:00'),
    clockTrusted: true,
    contentVersion: 7,
    lastInstall: { version: 7, at: at('2026-05-20T09:15+02:00') },
    starts: { starts: 12, uncleanExits: 3, lastStartAt: 0, previousStartAt: null, previousExitClean: true },
    watchdog: { hangs: 0, rendererCrashes: 1, gpuCrashes: 2, webglContextLosses: 1, browserRestarts: 4, softwareFallbacks: 0 },
    dataDir: '/data',
    system: {
      statfs: async () => ({ bavail: 3_224_371, blocks: (29 * GB) / 4096, bsize: 4096 }),
      memoryUsage: () => ({ rss: 312 * MB, heapUsed: 80 * MB }),
      freemem: () => 1.2 * GB,
      totalmem: () => 3.8 * GB,
      processUptimeSeconds: () => 3 * 86_400 + 4 * 3600 + 5,
      systemUptimeSeconds: () => 10 * 86_400,
    },
    ...overrides,
  };
}

describe('health summary', () => {
  it('warns when the screen hangs out of reach, so staff know the low-reach layout cannot help', async () => {
    expect(healthTextDa(await gatherHealth(inputs({ outOfReach: true })))).toContain('intet på den kan nås fra en kørestol');
    expect(healthTextDa(await gatherHealth(inputs()))).not.toContain('kørestol');
  });

  it('tells staff in Danish when statistics cannot be stored, and how many counts wait or were given up', async () => {
    const problemDa = 'Statistikken kan ikke gemmes (disken er fuld). Tallene, der allerede er gemt, er bevaret.';
    const full = healthTextDa(await gatherHealth(inputs({ statistics: { problemDa, pendingEvents: 7, droppedEvents: 0 } })));
    expect(full).toContain(`  ! ${problemDa}`);
    expect(full).toContain('Statistik: gemmes ikke lige nu – 7 optællinger venter på plads');
    const gaveUp = await gatherHealth(inputs({ statistics: { problemDa, pendingEvents: 5000, droppedEvents: 120 } }));
    expect(gaveUp.warnings).toContain('120 optællinger gik tabt, fordi disken var fuld for længe.');
    const fine = healthTextDa(await gatherHealth(inputs({ statistics: { problemDa: null, pendingEvents: 0, droppedEvents: 0 } })));
    expect(fine).toContain('Statistik: gemmes');
    expect(fine).not.toContain('disken er fuld');
  });

  it('says when the display power command failed, and how often it ran', async () => {
    const failing = healthTextDa(await gatherHealth(inputs({ displayPower: { commands: 4, failures: 1, lastFailure: 'program not found' } })));
    expect(failing).toContain('Skærm tændt/slukket: 4 kommandoer, 1 fejlede');
    expect(failing).toContain('bed IT se på displayPower');
    const fine = healthTextDa(await gatherHealth(inputs({ displayPower: { commands: 1, failures: 0, lastFailure: null } })));
    expect(fine).toContain('1 kommando, 0 fejlede');
    expect(fine).not.toContain('displayPower');
    // Without the commands in the config the row is not there at all.
    expect(healthTextDa(await gatherHealth(inputs()))).not.toContain('Skærm tændt/slukket');
  });

  it('gathers everything into one object', async () => {
    const summary = await gatherHealth(inputs());
    expect(summary).toMatchObject({
      kioskId: 'lejre-bib-1',
      clockTrusted: true,
      uptimeSeconds: 273_605,
      contentVersion: 7,
      appStarts: 12,
      uncleanExits: 3,
      disk: { freeBytes: 3_224_371 * 4096, totalBytes: 29 * GB },
      memory: { processRssBytes: 312 * MB },
      warnings: [expect.stringContaining('genstartet af sig selv')],
    });
  });

  it('renders Danish text for the staff screen', async () => {
    const text = healthTextDa(await gatherHealth(inputs()));
    expect(text).toContain('Vores Sted – tilstand for kiosk lejre-bib-1');
    expect(text).toContain('Tidspunkt: 01-06-2026 kl. 10:42');
    expect(text).toContain('Kørt uden genstart: 3 dage og 4 timer');
    expect(text).toContain('Indhold: version 7');
    expect(text).toContain('Seneste installation: version 7, 20-05-2026 kl. 09:15');
    expect(text).toContain('Programstarter i alt: 12 (heraf 3 efter strømsvigt eller nedbrud)');
    expect(text).toContain('browseren genstartet 4 gange');
    expect(text).toContain('WebGL mistet 1 gang');
    expect(text).toContain('Fri diskplads: 12 GB af 29 GB');
    expect(text).toContain('Hukommelse: programmet bruger 312 MB; fri 1,2 GB af 3,8 GB');
    expect(text).toContain('Ur: korrekt');
  });

  it('warns about a wrong clock, a full disk and software rendering', async () => {
    const summary = await gatherHealth(
      inputs({
        clockTrusted: false,
        watchdog: { hangs: 0, rendererCrashes: 0, gpuCrashes: 3, webglContextLosses: 0, browserRestarts: 0, softwareFallbacks: 1 },
        system: { ...inputs().system, statfs: async () => ({ bavail: (200 * MB) / 4096, blocks: (29 * GB) / 4096, bsize: 4096 }) },
      }),
    );
    expect(summary.warnings).toEqual([
      expect.stringContaining('Uret går forkert'),
      'Der er kun 200 MB fri plads på disken.',
      expect.stringContaining('uden grafikkort'),
    ]);
    const text = healthTextDa(summary);
    expect(text).toContain('Status: 3 ting kræver opmærksomhed');
    expect(text).toContain('(uret går forkert)');
  });

  it('copes with an unmeasurable disk and no install, and uses the real system by default', async () => {
    const summary = await gatherHealth({ kioskId: 'k', now: Date.now(), clockTrusted: true, contentVersion: 0, dataDir: await dirs.make() });
    expect(summary.disk?.totalBytes).toBeGreaterThan(0);
    expect(summary.memory.systemTotalBytes).toBeGreaterThan(0);
    const broken = await gatherHealth(inputs({ system: { ...inputs().system, statfs: async () => Promise.reject(new Error('EIO')) }, lastInstall: null, contentVersion: 0 }));
    expect(broken.disk).toBeNull();
    expect(healthTextDa(broken)).toContain('Fri diskplads: ukendt');
    expect(healthTextDa(broken)).toContain('Indhold: det indbyggede indhold');
  });

  it('reads the last install from the data folder', async () => {
    const data = await dirs.make();
    expect(await lastInstallFromDataDir(data)).toBeNull();
    await mkdir(join(data, 'versions', '4'), { recursive: true });
    await writeFile(join(data, 'current.json'), JSON.stringify({ version: 4, dir: 'versions/4' }));
    expect(await lastInstallFromDataDir(data)).toMatchObject({ version: 4, at: expect.any(Number) });
  });

  it('appends to the health log on the stick (BOM, CRLF), dropping the oldest blocks beyond the cap', async () => {
    const stick = await dirs.make();
    const summary = await gatherHealth(inputs());
    const path = await appendHealthLog(stick, summary);
    await appendHealthLog(stick, summary);
    const text = await readFile(path, 'utf8');
    expect(path.endsWith('vores-sted-tilstand-lejre-bib-1.txt')).toBe(true);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.match(/Vores Sted – tilstand/g)).toHaveLength(2);
    expect(text).not.toMatch(/[^\r]\n/);
    const block = Buffer.byteLength(healthTextDa(summary)) + 20;
    for (let i = 0; i < 5; i++) await appendHealthLog(stick, summary, block * 3);
    expect((await readFile(path, 'utf8')).match(/Vores Sted – tilstand/g)?.length).toBeLessThanOrEqual(3);
  });

  it('formats sizes and durations in Danish', () => {
    expect(bytesDa(1.5 * GB)).toBe('1,5 GB');
    expect(bytesDa(350 * MB)).toBe('350 MB');
    expect(bytesDa(12)).toBe('12 byte');
    expect(durationDa(86_400 + 3600)).toBe('1 dag og 1 time');
    expect(durationDa(2 * 3600 + 5 * 60)).toBe('2 timer og 5 minutter');
    expect(durationDa(40)).toBe('40 sekunder');
  });
});

describe('start record', () => {
  it('counts starts and the runs that ended without a clean exit (power cuts)', async () => {
    const dir = join(await dirs.make(), 'health');
    expect(await recordStart(dir, 1000)).toMatchObject({ starts: 1, uncleanExits: 0, previousExitClean: null });
    await recordCleanExit(dir);
    expect(await recordStart(dir, 2000)).toMatchObject({ starts: 2, uncleanExits: 0, previousExitClean: true, previousStartAt: 1000 });
    // Power cut: no clean exit.
    expect(await recordStart(dir, 3000)).toMatchObject({ starts: 3, uncleanExits: 1, previousExitClean: false });
  });

  it('starts over from a damaged file instead of failing', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'starts.json'), '{"starts": "many"');
    expect(await recordStart(dir, 1000)).toMatchObject({ starts: 1 });
  });
});
