import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

// Electron's security checklist, as data: the one set of webPreferences every kiosk window gets. Tested
// in tests/unit/electron so a change here is a visible, reviewed decision.

export const HARDENED_WEB_PREFERENCES = {
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  contextIsolation: true,
  sandbox: true,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  autoplayPolicy: 'no-user-gesture-required',
} as const satisfies WebPreferences;

export interface KioskWindowSettings {
  preloadPath: string;
  kioskMode: boolean;
}

export function kioskWindowOptions({ preloadPath, kioskMode }: KioskWindowSettings): BrowserWindowConstructorOptions {
  return {
    width: 1920,
    height: 1080,
    show: false,
    backgroundColor: '#16323d',
    autoHideMenuBar: true,
    kiosk: kioskMode,
    fullscreen: kioskMode,
    frame: !kioskMode,
    title: 'Vores Sted',
    webPreferences: {
      ...HARDENED_WEB_PREFERENCES,
      preload: preloadPath,
      devTools: !kioskMode,
    },
  };
}
