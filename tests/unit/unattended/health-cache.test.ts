import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gatherHealth, healthTextDa, type HealthSummary } from '../../../electron/core/unattended/health';
import { HealthCache } from '../../../electron/core/unattended/health-cache';
import { RendererReports } from '../../../electron/core/unattended/renderer-reports';
import { FakeClock, tempDirs } from './support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

function summary(uptimeSeconds: number): HealthSummary {
  return { uptimeSeconds } as HealthSummary;
}

describe('the health cache behind the staff screen', () => {
  it('measures only when asked, hands out a recent summary, and measures again after a moment', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    let measured = 0;
    const cache = new HealthCache({ clock, gather: async () => summary(++measured), refreshAfterMs: 1_000, maxAgeMs: 10_000 });
    expect(measured).toBe(0);
    expect(cache.current()).toBeNull(); // the first question starts the first measurement
    await cache.settled();
    expect(cache.current()?.uptimeSeconds).toBe(1);
    expect(measured).toBe(1);
    clock.advance(2_000);
    expect(cache.current()?.uptimeSeconds).toBe(1); // still shown while the next one is measured
    await cache.settled();
    expect(cache.current()?.uptimeSeconds).toBe(2);
  });

  it('never hands out a summary too old to be true (staff must not read last week\'s numbers)', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const cache = new HealthCache({ clock, gather: async () => summary(1), maxAgeMs: 10_000 });
    cache.current();
    await cache.settled();
    clock.advance(7 * 86_400_000);
    expect(cache.current()).toBeNull();
    await cache.settled();
    expect(cache.current()).not.toBeNull();
  });

  it('keeps the last summary when measuring fails, and tries again on the next question', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    let fail = false;
    let calls = 0;
    const cache = new HealthCache({
      clock,
      gather: async () => {
        calls++;
        if (fail) throw new Error('EIO');
        return summary(calls);
      },
    });
    cache.current();
    await cache.settled();
    fail = true;
    clock.advance(2_000);
    expect(cache.current()?.uptimeSeconds).toBe(1);
    await cache.settled();
    expect(cache.current()?.uptimeSeconds).toBe(1);
    await cache.settled();
    expect(calls).toBe(3);
  });

  it('does not measure twice at once when asked in quick succession', async () => {
    let calls = 0;
    const cache = new HealthCache({ clock: new FakeClock(0), gather: async () => summary(++calls) });
    cache.current();
    cache.current();
    cache.current();
    await cache.settled();
    expect(calls).toBe(1);
  });
});

describe('WebGL losses the renderer reports', () => {
  it('are counted in place of the shell watchdog\'s own (which never sees one), and restores are not losses', () => {
    const reports = new RendererReports();
    reports.record('webgl-context-lost');
    reports.record('webgl-context-restored');
    reports.record('webgl-context-lost');
    expect(reports.webglContextLosses).toBe(2);
    const shell = { hangs: 1, rendererCrashes: 2, gpuCrashes: 3, webglContextLosses: 0, browserRestarts: 4, softwareFallbacks: 1 };
    expect(reports.withReports(shell)).toEqual({ ...shell, webglContextLosses: 2 });
    expect(reports.withReports(undefined)).toEqual({ hangs: 0, rendererCrashes: 0, gpuCrashes: 0, webglContextLosses: 2, browserRestarts: 0, softwareFallbacks: 0 });
  });
});

describe('the log folder in the health summary', () => {
  it('adds up the log files (rotated ones too) and says so in Danish', async () => {
    const data = await dirs.make();
    await mkdir(join(data, 'logs'));
    await writeFile(join(data, 'logs', 'vores-sted.log'), Buffer.alloc(3 * 1024 * 1024));
    await writeFile(join(data, 'logs', 'vores-sted.1.log'), Buffer.alloc(1024 * 1024));
    const health = await gatherHealth({ kioskId: 'k', now: Date.now(), clockTrusted: true, contentVersion: 0, dataDir: data });
    expect(health.logBytes).toBe(4 * 1024 * 1024);
    expect(healthTextDa(health)).toContain('Logfiler: 4,0 MB');
    const elsewhere = await gatherHealth({ kioskId: 'k', now: Date.now(), clockTrusted: true, contentVersion: 0, dataDir: data, logDir: join(data, 'none') });
    expect(elsewhere.logBytes).toBe(0);
  });
});
