import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { homedir, uptime } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../contract/channels.js';
import { loadConfig, type KioskConfig } from '../core/config.js';
import { findProjectRoot } from '../core/project-root.js';
import { mediaResponse } from '../core/content/media-files.js';
import { startHost, type RunningHost } from '../core/start-host.js';
import { createLogger } from '../core/logger.js';
import { CRASH_DUMPS_FOLDER, pruneCrashDumps } from '../core/unattended/index.js';
import { readStaticFile } from '../kiosk/static-files.js';
import { applyAutostart, launchCommand, planAutostart } from './autostart.js';
import { acceptIpc } from './ipc-policy.js';
import { isEscapeShortcut } from './keyboard-policy.js';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, mayGrantPermission, mayNavigate } from './navigation-policy.js';
import { APP_RESPONSE_HEADERS, mayDownload } from './page-lockdown.js';
import { renderingAtStart, softwareFallbackFlag, SOFTWARE_RENDERING_SWITCHES, type RenderingAtStart } from './watchdog-policy.js';
import { ShellWatchdog } from './watchdog-shell.js';
import { readSoftwareFlag, writeSoftwareFlag } from './watchdog-software-flag.js';
import { kioskWindowOptions } from './window-options.js';

// The Electron shell: thin. It wires the same host core the Chromium kiosk uses to one hardened window.
// Every policy decision lives in a pure module next to this file and is unit-tested as data.

const log = createLogger('electron-main');
const projectRoot = findProjectRoot(import.meta.url);
const rendererRoot = join(projectRoot, 'dist', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) {
      event.preventDefault();
      log.warn({ url: url.slice(0, 200) }, 'blocked navigation');
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url: url.slice(0, 200) }, 'blocked new window');
    return { action: 'deny' };
  });
});

interface Prepared {
  config: KioskConfig;
  rendering: RenderingAtStart;
}

/** What must be settled before `ready`: the config, and whether this run draws without the GPU. */
async function beforeReady(): Promise<Prepared> {
  const config = await loadConfig({ env: process.env, projectRoot });
  // A crashed renderer leaves a minidump: in the kiosk's own profile, and only the newest few, as in the Chromium kiosk.
  app.setPath('crashDumps', join(app.getPath('userData'), CRASH_DUMPS_FOLDER));
  await trimCrashDumps();
  const rendering = renderingAtStart({ configured: config.softwareRendering, flag: await readSoftwareFlag(config.dataDir), now: Date.now(), uptimeSeconds: uptime() });
  if (rendering.software) {
    log.warn({ fellBackEarlier: rendering.fellBack }, 'drawing without the GPU (software rendering)');
    app.disableHardwareAcceleration();
    for (const name of SOFTWARE_RENDERING_SWITCHES) app.commandLine.appendSwitch(name);
  }
  return { config, rendering };
}

async function trimCrashDumps(): Promise<void> {
  await pruneCrashDumps(app.getPath('crashDumps')).catch((error: unknown) => log.warn({ err: error }, 'could not trim the crash dumps'));
}

/** The GPU kept crashing: remember it, and start again without it (the flag lasts until the computer restarts). */
async function relaunchWithSoftwareRendering(dataDir: string, running: RunningHost): Promise<void> {
  await writeSoftwareFlag(dataDir, softwareFallbackFlag(Date.now(), uptime())).catch((error: unknown) => {
    log.error({ err: error }, 'could not remember the software rendering fallback');
  });
  // A clean stop: the next start must not count this as a power cut, and the statistics are flushed.
  await running.stop().catch((error: unknown) => log.error({ err: error }, 'could not stop the host cleanly'));
  app.relaunch();
  app.exit(0);
}

async function start({ config, rendering }: Prepared): Promise<void> {
  const running = await startHost(config);
  const { host } = running;
  // Applied at every start, so "autostart": false in the config undoes it as well.
  const command = launchCommand({ execPath: process.execPath, isPackaged: app.isPackaged, appPath: app.getAppPath(), env: process.env });
  const autostart = planAutostart({ enabled: config.autostart, platform: process.platform, command, home: homedir(), env: process.env });
  applyAutostart(autostart, (settings) => app.setLoginItemSettings(settings)).catch((error: unknown) => log.warn({ err: error }, 'could not set up starting at login'));

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith('/media/')) {
      // Pictures and video of the content shown now, with Range support so video can seek.
      const media = await mediaResponse(host.contentDir, url.pathname, request.headers.get('range') ?? undefined, request.method === 'HEAD' ? 'HEAD' : 'GET');
      const body = media.body ? (Readable.toWeb(media.body) as ReadableStream<Uint8Array>) : null;
      return new Response(body, { status: media.status, headers: { ...APP_RESPONSE_HEADERS, ...media.headers } });
    }
    const path = /\.[a-z0-9]+$/i.test(url.pathname) ? url.pathname : '/';
    const file = await readStaticFile(rendererRoot, path);
    if (!file) return new Response('Not found', { status: 404, headers: APP_RESPONSE_HEADERS });
    return new Response(new Uint8Array(file.body), { headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': file.contentType } });
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(mayGrantPermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => mayGrantPermission(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event, item) => {
    if (mayDownload(item.getURL())) return;
    event.preventDefault();
    item.cancel();
    log.warn({ url: item.getURL().slice(0, 200) }, 'cancelled a download');
  });

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    if (!acceptIpc({ channel: IPC_INVOKE_CHANNEL, frameUrl: frame?.url, isMainFrame: frame === event.sender.mainFrame })) {
      log.warn({ url: frame?.url }, 'refused IPC from a foreign frame');
      throw new Error('refused');
    }
    const result = host.handle(typeof method === 'string' ? method : '', payload);
    if (result.status !== 200) throw new Error(JSON.stringify(result.body));
    return result.body;
  });

  const window = new BrowserWindow(
    kioskWindowOptions({ preloadPath: join(projectRoot, 'dist', 'preload', 'preload.cjs'), kioskMode: config.kioskMode }),
  );
  window.removeMenu();
  const unsubscribe = host.events.subscribe((event) => window.webContents.send(IPC_EVENT_CHANNEL, event));
  window.on('closed', unsubscribe);
  // After every page load (the watchdog's reload included), a notice the page missed is sent again.
  window.webContents.on('did-finish-load', () => {
    const notice = host.events.recentStaffNotice();
    if (notice) window.webContents.send(IPC_EVENT_CHANNEL, notice);
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('before-input-event', (event, input) => {
    if (config.kioskMode && isEscapeShortcut(input)) event.preventDefault();
  });
  window.webContents.on('context-menu', (event) => event.preventDefault());
  // The same heartbeat watchdog as the Chromium kiosk; the decisions live in watchdog-shell/-policy.
  const watchdog = new ShellWatchdog({
    window: {
      reload: () => {
        if (!window.isDestroyed()) window.webContents.reloadIgnoringCache();
      },
      loadApp: () => {
        if (!window.isDestroyed()) window.loadURL(`${APP_ORIGIN}/`).catch((error: unknown) => log.warn({ err: error }, 'could not load the app'));
      },
      restartRenderer: () => {
        if (!window.isDestroyed()) window.webContents.forcefullyCrashRenderer();
      },
    },
    host,
    softwareRendering: rendering.software,
    fellBackEarlier: rendering.fellBack,
    relaunchWithSoftwareRendering: () => void relaunchWithSoftwareRendering(config.dataDir, running),
  });
  running.setWatchdogCounts(() => watchdog.counts);
  window.on('closed', () => watchdog.stop());
  // A crashed or killed renderer comes back on the attract screen instead of a blank window.
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone; reloading');
    watchdog.rendererGone(details);
    void trimCrashDumps();
  });
  app.on('child-process-gone', (_event, details) => watchdog.childProcessGone(details));
  watchdog.start();
  await window.loadURL(`${APP_ORIGIN}/`);
}

// Top-level await: in an ES-module main process this holds `ready` back until the GPU decision is made.
const prepared = await beforeReady().then(
  (value) => ({ ok: true as const, value }),
  (error: unknown) => ({ ok: false as const, error }),
);
app
  .whenReady()
  .then(() => {
    if (!prepared.ok) throw prepared.error;
    return start(prepared.value);
  })
  .catch((error: unknown) => {
    log.fatal({ err: error }, 'electron failed to start');
    app.exit(1);
  });
app.on('window-all-closed', () => app.quit());
