import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../contract/channels.js';
import { loadConfig } from '../core/config.js';
import { findProjectRoot } from '../core/project-root.js';
import { mediaResponse } from '../core/content/media-files.js';
import { SECURITY_HEADERS } from '../core/csp.js';
import { startHost } from '../core/start-host.js';
import { createLogger } from '../core/logger.js';
import { readStaticFile } from '../kiosk/static-files.js';
import { acceptIpc } from './ipc-policy.js';
import { isEscapeShortcut } from './keyboard-policy.js';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, mayGrantPermission, mayNavigate } from './navigation-policy.js';
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

async function start(): Promise<void> {
  const config = await loadConfig({ env: process.env, projectRoot });
  const { host } = await startHost(config);

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith('/media/')) {
      // Pictures and video of the content shown now, with Range support so video can seek.
      const media = await mediaResponse(host.contentDir, url.pathname, request.headers.get('range') ?? undefined, request.method === 'HEAD' ? 'HEAD' : 'GET');
      const body = media.body ? (Readable.toWeb(media.body) as ReadableStream<Uint8Array>) : null;
      return new Response(body, { status: media.status, headers: { ...SECURITY_HEADERS, ...media.headers } });
    }
    const path = /\.[a-z0-9]+$/i.test(url.pathname) ? url.pathname : '/';
    const file = await readStaticFile(rendererRoot, path);
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(file.body), { headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType } });
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(mayGrantPermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => mayGrantPermission(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
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
  window.once('ready-to-show', () => window.show());
  window.webContents.on('before-input-event', (event, input) => {
    if (config.kioskMode && isEscapeShortcut(input)) event.preventDefault();
  });
  window.webContents.on('context-menu', (event) => event.preventDefault());
  // A crashed or killed renderer comes back on the attract screen instead of a blank window.
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone; reloading');
    void window.loadURL(`${APP_ORIGIN}/`);
  });
  app.on('child-process-gone', (_event, details) => log.error({ type: details.type, reason: details.reason }, 'child process gone'));
  await window.loadURL(`${APP_ORIGIN}/`);
}

app.whenReady().then(start).catch((error: unknown) => {
  log.fatal({ err: error }, 'electron failed to start');
  app.exit(1);
});
app.on('window-all-closed', () => app.quit());
