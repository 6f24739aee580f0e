import { basename } from 'node:path';
import type { ContentState, HostEvent } from '../../contract/api.js';
import {
  createUsbWatcher,
  describeRejection,
  formatReceipt,
  installBundle,
  listDefaultMountRoots,
  readCurrent,
  recoverAfterCrash,
  rollback,
  writeReceipt,
  type BundleSettings,
  type InstallResult,
  type StickScan,
  type UsbWatcher,
} from './bundle/index.js';
import { createLogger } from './logger.js';

const log = createLogger('content-updates');

/** What the updater needs from the host: reload a folder, tell the screen, hear that content is shown. */
export interface UpdatableHost {
  /** What the host shows now: the built-in content when it starts. */
  readonly content: ContentState;
  reloadContent(dir: string): Promise<ContentState>;
  readonly events: { emit(event: HostEvent): void };
  /** Resolves true once the renderer reports it has drawn the content loaded last, false after `timeoutMs`. */
  waitForContentShown(timeoutMs: number): Promise<boolean>;
}

export interface ContentUpdaterOptions {
  host: UpdatableHost;
  settings: BundleSettings;
  dataDir: string;
  kioskId: string;
  /** The built-in content, used when nothing is installed or every installed version is broken. */
  builtInDir: string;
  healthCheckMs: number;
  listMountRoots?: () => Promise<string[]>;
  now?: () => Date;
  /** Every stick that comes in, bundles or not: the service stick takes statistics and health back. */
  onServiceStick?: (stickDir: string) => Promise<void>;
  /** Changes when a stick newly asks for service (see createUsbWatcher's extraSignature). */
  serviceSignature?: (stickDir: string) => Promise<string>;
}

const notice = (level: 'info' | 'progress' | 'success' | 'error', messageDa: string, progress?: number): HostEvent =>
  progress === undefined ? { type: 'staff-notice', level, messageDa } : { type: 'staff-notice', level, messageDa, progress };

/**
 * USB content updates on the kiosk: finds bundles on sticks, installs them (the bundle module copies,
 * verifies, stages and switches atomically), shows the new content, and rolls back by itself if the new
 * content does not come up. Visitors keep the last good content throughout; staff get Danish notices on
 * screen and a receipt on the stick.
 */
export class ContentUpdater {
  #watcher: UsbWatcher | null = null;
  #installedVersion = 0;
  #busy = false;

  constructor(private readonly options: ContentUpdaterOptions) {}

  get installedVersion(): number {
    return this.#installedVersion;
  }

  /** At start-up: repair what a crash left, then show the installed version if it is good. */
  async start(): Promise<ContentState> {
    const { host, dataDir, builtInDir } = this.options;
    const recovered = await recoverAfterCrash(dataDir);
    if (recovered.repointed) log.warn({ current: recovered.current }, 'repaired an interrupted install at start-up');
    let current = await readCurrent(dataDir);
    while (current) {
      const state = await host.reloadContent(current.dir);
      if (state.ok) {
        this.#installedVersion = current.version;
        return state;
      }
      // An installed version that no longer loads (a disk fault): go back one version, never to a blank screen.
      log.error({ version: current.version }, 'installed content does not load; rolling back');
      const back = await rollback(dataDir);
      if (!back.ok) break;
      current = await readCurrent(dataDir);
    }
    this.#installedVersion = current?.version ?? 0;
    // Nothing installed (or nothing that loads): the host already shows the built-in content; reading it
    // again would only cost start-up time.
    return current === null && recovered.current === null ? host.content : await host.reloadContent(builtInDir);
  }

  watch(intervalMs = 2000): void {
    const { settings } = this.options;
    this.#watcher = createUsbWatcher({
      listMountRoots: this.options.listMountRoots ?? (() => listDefaultMountRoots(process.platform, settings.extraBundleFolder ? [settings.extraBundleFolder] : [])),
      trustedKeys: settings.trustedKeys,
      installedVersion: () => this.#installedVersion,
      limits: settings.limits,
      intervalMs,
      onStick: (scan) => this.handleStick(scan),
      ...(this.options.serviceSignature ? { extraSignature: this.options.serviceSignature } : {}),
    });
    this.#watcher.start();
    void this.#watcher.poll();
  }

  stop(): void {
    this.#watcher?.stop();
  }

  /** One stick at a time: a second stick waits until the first is done. */
  async handleStick(scan: StickScan): Promise<void> {
    const { host } = this.options;
    await this.options.onServiceStick?.(scan.stickDir).catch((error: unknown) => log.warn({ err: error }, 'service stick failed'));
    const bundles = scan.candidates.length;
    if (bundles === 0) return;
    if (this.#busy) {
      host.events.emit(notice('info', 'Et andet USB-stik bliver læst. Tag dette stik ud og sæt det i igen bagefter.'));
      return;
    }
    this.#busy = true;
    try {
      if (!scan.chosen) {
        const why = scan.candidates.find((c) => !c.valid && c.reason)?.reason;
        const messageDa = why
          ? `Indholdet på USB-stikket kan ikke bruges: ${describeRejection(why, 'da')} Kiosken viser stadig det hidtidige indhold.`
          : `USB-stikket har ikke nyere indhold end version ${this.#installedVersion}, som kiosken allerede viser.`;
        host.events.emit(notice(why ? 'error' : 'info', messageDa));
        await writeReceipt(scan.stickDir, `${messageDa}\n`);
        return;
      }
      const chosenName = basename(scan.chosen.path);
      const others = bundles > 1 ? ` (${bundles} filer på stikket – den nyeste, ${chosenName}, bruges)` : '';
      host.events.emit(notice('progress', `Nyt indhold fundet på USB${others} … Installerer 0 %`, 0));
      await this.#install(scan.chosen.path, scan.stickDir);
    } finally {
      this.#busy = false;
    }
  }

  async #install(bundlePath: string, stickDir: string): Promise<void> {
    const { host, dataDir, settings, kioskId, healthCheckMs } = this.options;
    const now = this.options.now ?? (() => new Date());
    let lastPercent = -1;
    const result: InstallResult = await installBundle({
      bundlePath,
      dataDir,
      trustedKeys: settings.trustedKeys,
      installedVersion: this.#installedVersion,
      limits: settings.limits,
      ...(settings.contentId ? { expectedContentId: settings.contentId } : {}),
      onProgress: ({ phase, done, total }) => {
        // Copying is the first half of the work, unpacking the second.
        const percent = Math.floor((phase === 'copy' ? 0 : 50) + (50 * done) / Math.max(1, total));
        if (percent === lastPercent) return;
        lastPercent = percent;
        host.events.emit(notice('progress', `Nyt indhold fundet på USB … Installerer ${percent} %`, percent));
      },
    });
    const bundleName = basename(bundlePath);
    if (!result.ok) {
      const messageDa = `Indholdet blev ikke installeret: ${describeRejection(result.reason, 'da')} Kiosken viser stadig det hidtidige indhold.`;
      log.warn({ bundle: bundleName, reason: result.reason, durationMs: result.durationMs }, 'bundle rejected');
      host.events.emit(notice('error', messageDa));
      await writeReceipt(stickDir, formatReceipt({ result, bundleName, kioskId, at: now() }));
      return;
    }

    const state = await host.reloadContent(result.dir);
    const shown = state.ok && (await host.waitForContentShown(healthCheckMs));
    if (!shown) {
      // The new content passed every check but does not come up on screen: go back on our own.
      log.error({ version: result.version, contentOk: state.ok }, 'new content did not come up; rolling back');
      const back = await rollback(dataDir);
      const previous = back.ok ? await readCurrent(dataDir) : null;
      // With no older version to go back to, the built-in content is shown; the installed number stays, so
      // the same stick is not installed again and again.
      await host.reloadContent(previous?.dir ?? this.options.builtInDir);
      this.#installedVersion = previous?.version ?? result.version;
      const reason = state.ok ? 'den blev ikke vist på skærmen i tide' : state.problem.messageDa;
      const messageDa = `Version ${result.version} blev installeret, men rullet tilbage, fordi ${reason}. Kiosken viser igen ${previous ? `version ${previous.version}` : 'det indbyggede indhold'}.`;
      host.events.emit(notice('error', messageDa));
      await writeReceipt(stickDir, `${messageDa}\n`);
      return;
    }
    this.#installedVersion = result.version;
    log.info({ version: result.version, keyId: result.keyId, durationMs: result.durationMs, diff: result.diff }, 'bundle installed');
    host.events.emit(notice('success', `Færdig – version ${result.version} vises nu. Du kan tage USB-stikket ud.`, 100));
    await writeReceipt(stickDir, formatReceipt({ result, bundleName, kioskId, at: now() }));
  }
}
