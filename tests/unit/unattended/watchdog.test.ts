import { describe, expect, it } from 'vitest';
import { RendererWatchdog, chromiumStderrSignal, type HungInfo } from '../../../electron/core/unattended/watchdog';
import { FakeClock } from './support';

function setup(options: { softwareRendering?: boolean } = {}): { clock: FakeClock; dog: RendererWatchdog; hung: HungInfo[]; fallbacks: number[] } {
  const clock = new FakeClock('2026-06-01T10:00:00Z');
  const hung: HungInfo[] = [];
  const fallbacks: number[] = [];
  const dog = new RendererWatchdog({
    clock,
    softwareRendering: options.softwareRendering,
    onHung: (info) => hung.push(info),
    onSoftwareFallback: () => fallbacks.push(clock.monotonic()),
  });
  dog.start();
  return { clock, dog, hung, fallbacks };
}

/** The renderer's heartbeat every 5 s for `ms`. */
function beating(clock: FakeClock, dog: RendererWatchdog, ms: number): void {
  for (let t = 0; t < ms; t += 5000) {
    clock.advance(5000);
    dog.heartbeat();
  }
}

describe('renderer watchdog', () => {
  it('stays quiet while heartbeats arrive every 5 s, for hours', () => {
    const { clock, dog, hung } = setup();
    dog.heartbeat();
    beating(clock, dog, 3 * 3600_000);
    expect(hung).toEqual([]);
    expect(dog.counts.hangs).toBe(0);
  });

  it('declares the renderer hung after 10 s without a heartbeat, not before', () => {
    const { clock, dog, hung } = setup();
    dog.heartbeat();
    beating(clock, dog, 60_000);
    clock.advance(9_999);
    expect(hung).toEqual([]);
    clock.advance(1);
    expect(hung).toEqual([{ silentForMs: 10_000, attempt: 1 }]);
    expect(dog.counts.hangs).toBe(1);
  });

  it('gives the reloaded page its startup grace, escalates if it stays silent, and resets once it beats', () => {
    const { clock, dog, hung } = setup();
    dog.heartbeat();
    clock.advance(10_000);
    expect(hung.map((h) => h.attempt)).toEqual([1]);
    clock.advance(29_999);
    expect(hung).toHaveLength(1);
    clock.advance(1);
    expect(hung.map((h) => h.attempt)).toEqual([1, 2]);
    expect(hung[1]?.silentForMs).toBe(40_000);
    dog.heartbeat();
    clock.advance(10_000);
    expect(hung.map((h) => h.attempt)).toEqual([1, 2, 1]);
  });

  it('waits the startup grace for the very first heartbeat', () => {
    const { clock, hung } = setup();
    clock.advance(29_999);
    expect(hung).toEqual([]);
    clock.advance(1);
    expect(hung).toHaveLength(1);
  });

  it('a renderer crash is counted and the reloading page gets its grace', () => {
    const { clock, dog, hung } = setup();
    dog.heartbeat();
    clock.advance(5000);
    dog.rendererCrashed('oom');
    clock.advance(20_000);
    expect(hung).toEqual([]);
    expect(dog.counts.rendererCrashes).toBe(1);
  });

  it('switches to software rendering once after 3 GPU crashes within 30 s', () => {
    const { clock, dog, fallbacks } = setup();
    dog.gpuCrashed('crashed');
    clock.advance(14_000);
    dog.gpuCrashed('crashed');
    clock.advance(15_000);
    expect(fallbacks).toHaveLength(0);
    dog.gpuCrashed('crashed');
    expect(fallbacks).toHaveLength(1);
    expect(dog.softwareRendering).toBe(true);
    // More crashes never ask again.
    for (let i = 0; i < 5; i++) dog.gpuCrashed('crashed');
    expect(fallbacks).toHaveLength(1);
    expect(dog.counts).toMatchObject({ gpuCrashes: 8, softwareFallbacks: 1 });
  });

  it('GPU crashes spread out over time are counted but do not switch', () => {
    const { clock, dog, fallbacks } = setup();
    for (let i = 0; i < 10; i++) {
      dog.gpuCrashed('crashed');
      clock.advance(16_000);
    }
    expect(fallbacks).toHaveLength(0);
    expect(dog.counts.gpuCrashes).toBe(10);
  });

  it('never asks for software rendering when it is already on', () => {
    const { dog, fallbacks } = setup({ softwareRendering: true });
    for (let i = 0; i < 3; i++) dog.gpuCrashed('crashed');
    expect(fallbacks).toHaveLength(0);
  });

  it('counts WebGL losses and browser restarts, and a callback that throws does not stop it', () => {
    const clock = new FakeClock('2026-06-01T10:00:00Z');
    let calls = 0;
    const dog = new RendererWatchdog({
      clock,
      onHung: () => {
        calls++;
        throw new Error('boom');
      },
      onSoftwareFallback: () => undefined,
    });
    dog.start();
    dog.webglContextLost();
    dog.browserRestarted('exit code 1');
    clock.advance(30_000);
    clock.advance(30_000);
    expect(calls).toBe(2);
    expect(dog.counts).toMatchObject({ webglContextLosses: 1, browserRestarts: 1, hangs: 2 });
    dog.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('recognises a GPU crash in Chromium stderr', () => {
    expect(chromiumStderrSignal('[123:456:ERROR:gpu_process_host.cc(991)] GPU process exited unexpectedly: exit_code=139')).toBe('gpu-crash');
    expect(chromiumStderrSignal("[1:2:FATAL:gpu_data_manager_impl_private.cc(415)] GPU process isn't usable. Goodbye.")).toBe('gpu-crash');
    expect(chromiumStderrSignal('[1:2:WARNING:something] fine')).toBeNull();
  });
});
