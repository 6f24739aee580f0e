import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../contract/api';
import {
  hungRemedy,
  isGpuCrash,
  rendererGoneVerdict,
  renderingAtStart,
  softwareFallbackFlag,
  SOFTWARE_RENDERING_SWITCHES,
} from '../../../electron/shell/watchdog-policy';
import { ShellWatchdog } from '../../../electron/shell/watchdog-shell';
import { readSoftwareFlag, softwareFlagPath, writeSoftwareFlag } from '../../../electron/shell/watchdog-software-flag';
import { FakeClock, tempDirs } from '../unattended/support';

// The Electron shell's watchdog, without Electron: its decisions as data, and the watchdog driven through
// a fake window with a fake clock (heartbeat every 5 s, silent 10 s = hung, 3 GPU crashes in 30 s).

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('the decisions', () => {
  it('a silent page is reloaded first, then given a new renderer process', () => {
    expect([1, 2, 3, 10].map(hungRemedy)).toEqual(['reload', 'restart-renderer', 'restart-renderer', 'restart-renderer']);
  });

  it('a gone renderer is a crash unless the watchdog ended it or it ended cleanly', () => {
    expect(rendererGoneVerdict('crashed', false)).toBe('crash');
    expect(rendererGoneVerdict('oom', false)).toBe('crash');
    expect(rendererGoneVerdict('killed', false)).toBe('crash');
    expect(rendererGoneVerdict('killed', true)).toBe('watchdog-restart');
    expect(rendererGoneVerdict('clean-exit', false)).toBe('clean-exit');
  });

  it('only the GPU process going away uncleanly counts towards the software fallback', () => {
    expect(isGpuCrash({ type: 'GPU', reason: 'crashed' })).toBe(true);
    expect(isGpuCrash({ type: 'GPU', reason: 'launch-failed' })).toBe(true);
    expect(isGpuCrash({ type: 'GPU', reason: 'clean-exit' })).toBe(false);
    expect(isGpuCrash({ type: 'Utility', reason: 'crashed' })).toBe(false);
  });

  it('draws without the GPU when the config says so, or when it fell back earlier since the computer started', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    const flag = softwareFallbackFlag(now - 3_600_000, 7_200 - 3_600); // written an hour ago, in this boot
    expect(renderingAtStart({ configured: false, flag: null, now, uptimeSeconds: 7_200 })).toEqual({ software: false, fellBack: false });
    expect(renderingAtStart({ configured: true, flag: null, now, uptimeSeconds: 7_200 })).toEqual({ software: true, fellBack: false });
    expect(renderingAtStart({ configured: false, flag, now, uptimeSeconds: 7_200 })).toEqual({ software: true, fellBack: true });
    // After a restart of the computer the GPU gets a fresh chance.
    expect(renderingAtStart({ configured: false, flag, now, uptimeSeconds: 60 })).toEqual({ software: false, fellBack: false });
    // WebGL must still work without the GPU (drawn by SwiftShader), or the map would only be flat.
    expect(SOFTWARE_RENDERING_SWITCHES).toContain('enable-unsafe-swiftshader');
  });

  it('the fallback flag survives the relaunch in the data folder; a damaged one is ignored', async () => {
    const data = await dirs.make();
    expect(await readSoftwareFlag(data)).toBeNull();
    await writeSoftwareFlag(data, { bootedAt: 1000, at: 2000 });
    expect(await readSoftwareFlag(data)).toEqual({ bootedAt: 1000, at: 2000 });
    await writeFile(softwareFlagPath(data), '{"bootedAt": "yesterday"');
    expect(await readSoftwareFlag(data)).toBeNull();
  });
});

/** A kiosk window and host as the watchdog sees them, recording what it did. */
function setup(options: { softwareRendering?: boolean; fellBackEarlier?: boolean } = {}) {
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  const actions: string[] = [];
  const events: HostEvent[] = [];
  let heartbeat: (screen: string) => void = () => undefined;
  const watchdog = new ShellWatchdog({
    window: { reload: () => actions.push('reload'), loadApp: () => actions.push('load-app'), restartRenderer: () => actions.push('restart-renderer') },
    host: { onHeartbeat: (listener) => (heartbeat = listener), events: { emit: (event) => events.push(event) } },
    softwareRendering: options.softwareRendering ?? false,
    fellBackEarlier: options.fellBackEarlier ?? false,
    relaunchWithSoftwareRendering: () => actions.push('relaunch-software'),
    clock,
  });
  watchdog.start();
  return { clock, watchdog, actions, events, beat: () => heartbeat('attract') };
}

describe('the Electron shell watchdog', () => {
  it('leaves a page alone while it sends heartbeats', () => {
    const { clock, actions, beat } = setup();
    for (let i = 0; i < 100; i++) {
      clock.advance(5_000);
      beat();
    }
    expect(actions).toEqual([]);
  });

  it('10 s without a heartbeat: back to the attract screen with a reload; still silent: a new renderer, counted as a restart', () => {
    const { clock, watchdog, actions, events, beat } = setup();
    beat();
    clock.advance(10_000);
    expect(actions).toEqual(['reload']);
    expect(events).toEqual([{ type: 'return-to-attract', reason: 'watchdog' }]);
    clock.advance(30_000); // the reloaded page's grace ran out without a heartbeat
    expect(actions).toEqual(['reload', 'restart-renderer']);
    // The renderer the watchdog ended goes; the app is loaded again and it is not counted as a crash.
    watchdog.rendererGone({ reason: 'killed', exitCode: 9 });
    expect(actions.at(-1)).toBe('load-app');
    expect(watchdog.counts).toMatchObject({ hangs: 2, rendererCrashes: 0, browserRestarts: 1 });
    beat();
    clock.advance(5_000);
    beat();
    expect(actions).toHaveLength(3);
  });

  it('a crashed renderer is counted and the app loaded again on the attract screen', () => {
    const { watchdog, actions } = setup();
    watchdog.rendererGone({ reason: 'crashed', exitCode: 139 });
    watchdog.rendererGone({ reason: 'oom', exitCode: 0 });
    expect(actions).toEqual(['load-app', 'load-app']);
    expect(watchdog.counts).toMatchObject({ rendererCrashes: 2, hangs: 0 });
  });

  it('3 GPU crashes within 30 s relaunch it without the GPU, once; slower crashes do not', () => {
    const { clock, watchdog, actions, beat } = setup();
    const gpuCrash = () => watchdog.childProcessGone({ type: 'GPU', reason: 'crashed', exitCode: 1 });
    const liveFor = (ms: number) => {
      for (let t = 0; t < ms; t += 5_000) {
        clock.advance(5_000);
        beat();
      }
    };
    for (let i = 0; i < 4; i++) {
      gpuCrash();
      liveFor(20_000);
    }
    expect(actions).toEqual([]);
    gpuCrash();
    liveFor(5_000);
    gpuCrash();
    expect(actions).toEqual(['relaunch-software']);
    gpuCrash();
    expect(actions).toEqual(['relaunch-software']);
    expect(watchdog.counts).toMatchObject({ gpuCrashes: 7, softwareFallbacks: 1 });
  });

  it('already without the GPU, it never asks for the fallback again; one it fell back to earlier still shows in the counts', () => {
    const { watchdog, actions } = setup({ softwareRendering: true, fellBackEarlier: true });
    for (let i = 0; i < 5; i++) watchdog.childProcessGone({ type: 'GPU', reason: 'crashed', exitCode: 1 });
    watchdog.childProcessGone({ type: 'Utility', reason: 'crashed', exitCode: 1 });
    expect(actions).toEqual([]);
    expect(watchdog.counts).toMatchObject({ gpuCrashes: 5, softwareFallbacks: 1 });
    expect(setup({ softwareRendering: true }).watchdog.counts.softwareFallbacks).toBe(0);
  });

  it('stops watching when the window closes', () => {
    const { clock, watchdog, actions } = setup();
    watchdog.stop();
    clock.advance(120_000);
    expect(actions).toEqual([]);
  });
});
