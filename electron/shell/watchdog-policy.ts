import type { Details, RenderProcessGoneDetails } from 'electron';

// The Electron shell's watchdog decisions, as data: what a silent page, a gone renderer or a gone child
// process means, and whether this run draws without the GPU. main.ts only carries them out; these are
// unit-tested in tests/unit/electron (there is no Electron binary on the development machine).

/** What to do for the `attempt`-th alarm since the page last sent a heartbeat. */
export type HungRemedy = 'reload' | 'restart-renderer';

export function hungRemedy(attempt: number): HungRemedy {
  // A reload lets go of a stuck script; a page still silent after that gets a new renderer process.
  return attempt <= 1 ? 'reload' : 'restart-renderer';
}

/** How a 'render-process-gone' counts. The page is loaded again in every case, on the attract screen. */
export type RendererGoneVerdict = 'crash' | 'watchdog-restart' | 'clean-exit';

export function rendererGoneVerdict(reason: RenderProcessGoneDetails['reason'], restartRequested: boolean): RendererGoneVerdict {
  if (restartRequested) return 'watchdog-restart';
  return reason === 'clean-exit' ? 'clean-exit' : 'crash';
}

/** 'child-process-gone' for the GPU process, other than a clean exit at shutdown: one crash towards the fallback. */
export function isGpuCrash(details: Pick<Details, 'type' | 'reason'>): boolean {
  return details.type === 'GPU' && details.reason !== 'clean-exit';
}

/** Written when the GPU kept crashing, read at the next start (acceleration can only be switched off then). */
export interface SoftwareFallbackFlag {
  /** When the computer had booted, by the clock at the time the flag was written. */
  bootedAt: number;
  /** When the fallback happened. */
  at: number;
}

/** When this computer booted: the same instant for every run until it restarts (unless the clock is set). */
export function bootTime(now: number, uptimeSeconds: number): number {
  return now - uptimeSeconds * 1000;
}

export function softwareFallbackFlag(now: number, uptimeSeconds: number): SoftwareFallbackFlag {
  return { bootedAt: bootTime(now, uptimeSeconds), at: now };
}

/** How far two estimates of the same boot may differ (the two readings are not taken at the same instant). */
const SAME_BOOT_TOLERANCE_MS = 2 * 60_000;

export interface RenderingAtStart {
  /** Draw without the GPU this run (the config says so, or an earlier run fell back). */
  software: boolean;
  /** Because the GPU kept crashing earlier since the computer started: the health screen says so. */
  fellBack: boolean;
}

/**
 * The fallback lasts until the computer restarts, like the Chromium kiosk's, which lasts until its host
 * restarts: a crash-looping GPU is not tried again at every relaunch, but a reboot (or a driver update
 * that needs one) gives it a fresh chance. A flag from an earlier boot is stale.
 */
export function renderingAtStart(input: { configured: boolean; flag: SoftwareFallbackFlag | null; now: number; uptimeSeconds: number }): RenderingAtStart {
  const sameBoot = input.flag !== null && Math.abs(input.flag.bootedAt - bootTime(input.now, input.uptimeSeconds)) <= SAME_BOOT_TOLERANCE_MS;
  return { software: input.configured || sameBoot, fellBack: sameBoot };
}

/**
 * Switches for a software run, besides app.disableHardwareAcceleration() (which keeps the GPU driver out
 * of it). Without this one, current Chromium offers no WebGL at all without a GPU and the map would only
 * be the flat fallback; with it, SwiftShader draws the 3D map on the CPU, as in the Chromium kiosk.
 */
export const SOFTWARE_RENDERING_SWITCHES: readonly string[] = ['enable-unsafe-swiftshader'];
